import Foundation

/// The readable text of DOCX and XLSX files, for the pre-publication checks (personal data is
/// most often found in attached name lists).
public enum OfficeText {
    /// The stored or deflated entries of a ZIP archive, by name.
    public static func zipEntries(_ b: [UInt8]) -> [String: [UInt8]]? {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard b.count >= 22 else { return nil }
        var eocd: Int?
        var i = b.count - 22
        while i >= max(0, b.count - 22 - 65_535) {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard let e = eocd else { return nil }
        var p = u32(e + 16)
        var entries: [String: [UInt8]] = [:]
        for _ in 0..<u16(e + 10) {
            guard p + 46 <= b.count, u32(p) == 0x02014B50 else { return nil }
            let method = u16(p + 10), compressed = u32(p + 20), nameLength = u16(p + 28)
            let local = u32(p + 42)
            guard p + 46 + nameLength <= b.count else { return nil }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + u16(p + 30) + u16(p + 32)
            guard local + 30 <= b.count, u32(local) == 0x04034B50 else { return nil }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= b.count else { return nil }
            let raw = Array(b[start..<(start + compressed)])
            switch method {
            case 0: entries[name] = raw
            case 8: entries[name] = try? Inflate.raw(raw)
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
