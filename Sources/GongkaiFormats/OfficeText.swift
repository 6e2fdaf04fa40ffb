import Foundation
import GongkaiDomain

/// The readable text of DOCX and XLSX files, for the pre-publication checks (personal data is
/// most often found in attached name lists) and the search index.
public enum OfficeText {
    /// Everything decompressed from one file, all entries together. A DOCX or XLSX whose parts
    /// inflate past this is refused (a ZIP bomb), however its entries are arranged; the bytes are
    /// counted as they come out, whatever sizes the archive states.
    public static let decompressionBudget = 32 * 1024 * 1024
    /// More entries than any real office file has (a directory that claims millions is refused).
    public static let maxEntries = 5_000

    /// The entries of a ZIP archive that `wanted` names, by name, decompressed; nil when the
    /// archive is unreadable, damaged, has overlapping entries (the same compressed bytes counted
    /// many times), too many entries, or decompresses past `budget` in total. Only the wanted
    /// entries are decompressed.
    public static func zipEntries(_ bytes: [UInt8], budget: Int = decompressionBudget,
                                  wanted: (String) -> Bool) -> [String: [UInt8]]? {
        OfficeArchive.entries(bytes, budget: budget, maxEntries: maxEntries, wanted: wanted)
    }

    static let sharedStringsPart = "xl/sharedStrings.xml"

    static func isSheet(_ name: String) -> Bool {
        name.hasPrefix("xl/worksheets/sheet") && name.hasSuffix(".xml")
    }

    /// The paragraphs of a DOCX body, each followed by a line break (tabs and line breaks inside
    /// them kept); nil for anything that is not a readable DOCX.
    public static func docx(_ bytes: [UInt8]) -> String? {
        let part = "word/document.xml"
        guard let xml = zipEntries(bytes, wanted: { $0 == part })?[part] else { return nil }
        let body = DocxBodyText()
        return body.read(xml) ? body.out : nil
    }

    /// The cell values of every sheet of an XLSX workbook (sheets in the order of their part
    /// names), one row per line, the cells of a row separated by tabs; rows without values are
    /// left out. nil for anything that is not a readable XLSX.
    public static func xlsx(_ bytes: [UInt8]) -> String? {
        guard let entries = zipEntries(bytes, wanted: { $0 == sharedStringsPart || isSheet($0) }),
              let shared = sharedStrings(entries[sharedStringsPart]) else { return nil }
        var lines: [String] = []
        for name in entries.keys.filter(isSheet).sorted() {
            let sheet = SheetCells(shared: shared)
            guard sheet.read(entries[name]!) else { return nil }
            lines += sheet.rows.map { $0.map(\.value).joined(separator: "\t") }
        }
        return lines.joined(separator: "\n")
    }

    /// The shared strings part read (empty when the workbook has none); nil when it is malformed.
    static func sharedStrings(_ xml: [UInt8]?) -> [String]? {
        guard let xml else { return [] }
        let reader = SharedStrings()
        return reader.read(xml) ? reader.strings : nil
    }
}
