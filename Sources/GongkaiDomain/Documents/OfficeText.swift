import Foundation

/// The readable text of DOCX and XLSX files, for the pre-publication checks (personal data is
/// most often found in attached name lists).
public enum OfficeText {
    /// Everything decompressed from one file, all entries together. A DOCX or XLSX whose text
    /// parts inflate past this is refused (a ZIP bomb), however its entries are arranged.
    public static let decompressionBudget = 32 * 1024 * 1024
    /// More entries than any real office file has (a directory that claims millions is refused).
    public static let maxEntries = 5_000

    /// The stored or deflated entries of a ZIP archive that `wanted` names, by name; nil when the
    /// archive is unreadable, has overlapping entries (the same compressed bytes counted many
    /// times), too many entries, or inflates past `budget` in total.
    public static func zipEntries(_ b: [UInt8], budget: Int = decompressionBudget,
                                  wanted: (String) -> Bool) -> [String: [UInt8]]? {
        guard let directory = ZipDirectory.entries(b), directory.count <= maxEntries,
              !ZipDirectory.hasOverlappingEntries(directory, in: b) else { return nil }
        var entries: [String: [UInt8]] = [:]
        var remaining = budget
        for entry in directory where wanted(entry.name) {
            guard entries[entry.name] == nil, let raw = ZipDirectory.data(of: entry, in: b) else { return nil }
            let data: [UInt8]
            switch entry.method {
            case 0: data = raw
            case 8:
                guard let inflated = try? Inflate.raw(raw, limit: remaining) else { return nil }
                data = inflated
            default: continue
            }
            remaining -= data.count
            guard remaining >= 0 else { return nil }
            entries[entry.name] = data
        }
        return entries
    }

    static func isSheetPart(_ name: String) -> Bool {
        name == "xl/sharedStrings.xml" || (name.hasPrefix("xl/worksheets/sheet") && name.hasSuffix(".xml"))
    }

    /// Paragraph texts of a DOCX body, one per line.
    public static func docx(_ bytes: [UInt8]) -> String? {
        guard let xml = zipEntries(bytes, wanted: { $0 == "word/document.xml" })?["word/document.xml"] else { return nil }
        return texts(of: String(decoding: xml, as: UTF8.self), textTag: "w:t", breakTags: ["</w:p>", "<w:br/>", "<w:tab/>"])
    }

    /// Cell values of every sheet of an XLSX workbook, one row per line, cells separated by tabs.
    public static func xlsx(_ bytes: [UInt8]) -> String? {
        guard let entries = zipEntries(bytes, wanted: isSheetPart) else { return nil }
        var shared: [String] = []
        if let s = entries["xl/sharedStrings.xml"] {
            let xml = String(decoding: s, as: UTF8.self)
            shared = xml.components(separatedBy: "<si>").dropFirst().map { texts(of: $0, textTag: "t", breakTags: []) }
        }
        var lines: [String] = []
        for name in entries.keys.sorted() where name.hasPrefix("xl/worksheets/sheet") && name.hasSuffix(".xml") {
            let xml = String(decoding: entries[name]!, as: UTF8.self)
            for row in xml.components(separatedBy: "<row").dropFirst() {
                var cells: [String] = []
                for cell in row.components(separatedBy: "<c ").dropFirst() {
                    let head = cell.prefix { $0 != ">" }
                    if head.contains("t=\"s\""), let v = inner(cell, "v"), let i = Int(v), i < shared.count {
                        cells.append(shared[i])
                    } else if head.contains("t=\"inlineStr\"") {
                        cells.append(texts(of: cell, textTag: "t", breakTags: []))
                    } else if let v = inner(cell, "v") {
                        cells.append(unescape(v))
                    }
                }
                if !cells.isEmpty { lines.append(cells.joined(separator: "\t")) }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The text inside every `<tag>` / `<tag attr>` element, with a line break at each break tag.
    static func texts(of xml: String, textTag: String, breakTags: [String]) -> String {
        var out = ""
        var rest = Substring(xml)
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { break }
            let tag = rest[lt...gt]
            rest = rest[rest.index(after: gt)...]
            if breakTags.contains(where: { tag.hasPrefix($0) }) { out += tag.hasPrefix("<w:tab") ? "\t" : "\n"; continue }
            let name = tag.dropFirst().prefix { $0 != " " && $0 != ">" && $0 != "/" }
            guard name == textTag, !tag.hasSuffix("/>") else { continue }
            guard let end = rest.range(of: "</\(textTag)>") else { break }
            out += unescape(String(rest[..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    static func inner(_ xml: String, _ tag: String) -> String? {
        guard let start = xml.range(of: "<\(tag)>"), let end = xml.range(of: "</\(tag)>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// XML entities, named and numeric (openpyxl writes every CJK character as &#NNNNN;).
    static func unescape(_ s: String) -> String {
        HTMLSanitizer.decodeEntities(s)
    }
}
