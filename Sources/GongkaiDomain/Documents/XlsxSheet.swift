/// A one-sheet XLSX workbook written by the app (inline strings, no styles needed by the readers
/// we support: Excel, WPS, LibreOffice, openpyxl), with merged cells for headers. Reading one back
/// is `XlsxReader` in GongkaiFormats.
public enum XlsxSheet {
    /// Column letters for a zero-based index: 0 → A, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    public static func columnIndex(_ name: String) -> Int? {
        var n = 0
        for c in name {
            guard let a = c.asciiValue, (65...90).contains(a) else { return nil }
            n = n * 26 + Int(a - 64)
        }
        return n == 0 ? nil : n - 1
    }

    /// `merges` are ranges like "A1:B1".
    public static func write(name: String, rows: [[String]], merges: [String] = []) -> [UInt8] {
        writeBook([Sheet(name: name, rows: rows, merges: merges)])
    }

    public struct Sheet: Sendable {
        public let name: String
        public let rows: [[String]]
        public let merges: [String]
        public init(name: String, rows: [[String]], merges: [String] = []) {
            self.name = name
            self.rows = rows
            self.merges = merges
        }
    }

    /// A workbook of several sheets (e.g. the 问题清单, 责任清单 and 整改清单 side by side).
    public static func writeBook(_ sheets: [Sheet]) -> [UInt8] {
        var zip = ZipWriter()
        let overrides = sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined()
        zip.add("[Content_Types].xml", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(overrides)</Types>
            """)
        zip.add("_rels/.rels", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let entries = sheets.enumerated().map { i, s in "<sheet name=\"\(XMLText.escape(String(s.name.prefix(31))))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }.joined()
        zip.add("xl/workbook.xml", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(entries)</sheets></workbook>
            """)
        let rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
        zip.add("xl/_rels/workbook.xml.rels", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """)
        for (i, s) in sheets.enumerated() { zip.add("xl/worksheets/sheet\(i + 1).xml", text: sheetXML(s.rows, merges: s.merges)) }
        return zip.finish()
    }

    static func sheetXML(_ rows: [[String]], merges: [String]) -> String {
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                sheet += "<c r=\"\(columnName(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(value))</t></is></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData>"
        if !merges.isEmpty { sheet += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>" }
        return sheet + "</worksheet>"
    }
}
