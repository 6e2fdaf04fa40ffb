import Foundation

/// The readable text of DOCX and XLSX files, for the pre-publication checks (personal data is
/// most often found in attached name lists).
public enum OfficeText {
    /// The stored or deflated entries of a ZIP archive, by name.
    public static func zipEntries(_ b: [UInt8]) -> [String: [UInt8]]? {
        guard let directory = ZipDirectory.entries(b) else { return nil }
        var entries: [String: [UInt8]] = [:]
        for entry in directory {
            guard let raw = ZipDirectory.data(of: entry, in: b) else { return nil }
            switch entry.method {
            case 0: entries[entry.name] = raw
            case 8: entries[entry.name] = try? Inflate.raw(raw)
            default: continue
            }
        }
        return entries
    }

    /// Paragraph texts of a DOCX body, one per line.
    public static func docx(_ bytes: [UInt8]) -> String? {
        guard let xml = zipEntries(bytes)?["word/document.xml"] else { return nil }
        return texts(of: String(decoding: xml, as: UTF8.self), textTag: "w:t", breakTags: ["</w:p>", "<w:br/>", "<w:tab/>"])
    }

    /// Cell values of every sheet of an XLSX workbook, one row per line, cells separated by tabs.
    public static func xlsx(_ bytes: [UInt8]) -> String? {
        guard let entries = zipEntries(bytes) else { return nil }
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
