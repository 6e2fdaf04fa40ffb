import Foundation
import GongkaiDomain

/// A table read back from an XLSX workbook (the catalogue import): the first sheet only.
public enum XlsxReader {
    /// The most cells the table may have once its gaps are filled: a sheet of a few scattered
    /// cells far apart must not become a table of billions of empty strings.
    public static let maxCells = 1_000_000

    /// The first sheet's cells (first by part name, `xl/worksheets/sheet1.xml` in every workbook
    /// we know) as rows of strings, each cell at its column and each row at its row number, gaps
    /// as empty strings. Values as `OfficeText.xlsx` reads them: shared strings, inline strings,
    /// numbers as written. nil for anything that is not a readable XLSX.
    public static func read(_ bytes: [UInt8]) -> [[String]]? {
        guard let names = ZipDirectory.entryNames(bytes),
              let first = names.filter(OfficeText.isSheet).sorted().first,
              let entries = OfficeText.zipEntries(bytes, wanted: { $0 == first || $0 == OfficeText.sharedStringsPart }),
              let xml = entries[first],
              let shared = OfficeText.sharedStrings(entries[OfficeText.sharedStringsPart]) else { return nil }
        let sheet = SheetCells(shared: shared)
        guard sheet.read(xml) else { return nil }
        var rows: [Int: [Int: String]] = [:]
        for cell in sheet.rows.joined() { rows[cell.row, default: [:]][cell.column] = cell.value }
        guard let maxRow = rows.keys.max() else { return [] }
        let size = rows.values.reduce(maxRow + 1) { $0 + ($1.keys.max() ?? 0) + 1 }
        guard size <= maxCells else { return nil }
        return (0...maxRow).map { r in
            let columns = rows[r] ?? [:]
            guard let maxColumn = columns.keys.max() else { return [] }
            return (0...maxColumn).map { columns[$0] ?? "" }
        }
    }
}
