import Foundation
import GongkaiDomain
import GongkaiFormats

/// One parser of outside input and the properties it must keep on any input. A violated property
/// stops the run like a crash does (`check`), so libFuzzer saves the input.
enum FuzzTarget: String, CaseIterable {
    case form, multipart, search, html, office, catalogue, holidays

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .form:
            // Query strings and url-encoded bodies.
            let form = FormData(urlEncoded: text)
            for (key, values) in form.fields {
                _ = form[key]
                check(!values.isEmpty, "a field without a value list")
            }
            _ = Paging.page(form.fields["page"]?.first)
            if case .success(let n) = Paging.integer(form.fields["per_page"]?.first, in: 1...100, fallback: 20) {
                check((1...100).contains(n), "per_page outside its range: \(n)")
                if case .success(let page) = Paging.page(form.fields["page"]?.first) {
                    _ = Paging.window(page: page, perPage: n)
                }
            }
        case .multipart:
            // First line: the Content-Type header value; the rest: the body.
            let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
            let header = String(decoding: bytes[..<split], as: UTF8.self)
            let body = Array(bytes[min(split + 1, bytes.count)...])
            let boundary = MultipartForm.boundary(fromContentType: header) ?? "gk"
            if let form = MultipartForm(body: body, boundary: boundary) {
                check(form.files.count + form.fields.values.reduce(0) { $0 + $1.count } <= MultipartForm.maxParts, "more parts than allowed")
                check(form.fields.values.allSatisfy { $0.allSatisfy { $0.utf8.count <= MultipartForm.maxFieldBytes } }, "a field over its limit")
            }
        case .search:
            let query = SearchQuery(text)
            let expression = query.fts5Expression(columns: "{title body}")
            // Every term reaches FTS5 as a quoted string: no bare operator or column filter from input.
            check(!expression.contains("\u{0}"), "NUL in an FTS5 expression")
            _ = query.tsquery
            _ = SearchSnippet.make(text + " 测试 " + text, query: query)
        case .html:
            let clean = HTMLSanitizer.sanitize(text)
            if let problem = SafeMarkup.problem(in: clean) { check(false, "\(problem) in \(clean.prefix(300))") }
            check(HTMLSanitizer.sanitize(clean) == clean, "sanitising twice changes the result")
            _ = HTMLSanitizer.plainText(text)
        case .office:
            // DOCX/XLSX text extraction with the decompression budget (ZIPFoundation behind our
            // checks, XMLParser), and the catalogue import's table.
            _ = OfficeText.docx(bytes)
            _ = OfficeText.xlsx(bytes)
            if let rows = XlsxReader.read(bytes) {
                check(rows.reduce(rows.count) { $0 + $1.count } <= XlsxReader.maxCells + 1, "a table past its cell limit")
                _ = CatalogueSheet.parse(rows, headerRows: 1)
            }
        case .catalogue:
            let table = CatalogueSheet.readCSV(text)
            _ = CatalogueSheet.parse(table, headerRows: 1)
        case .holidays:
            if case .success(let schedule) = HolidaySchedule.parseCSV(text) {
                _ = schedule
            }
        }
    }
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property violated: \(message())") }
}
