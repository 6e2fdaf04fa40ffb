/// A table with merged cells, as official report formats lay them out. Rows list only the cells
/// that start there; a cell covering several rows or columns says so.
public struct ReportGrid: Sendable, Equatable, Codable {
    public struct Cell: Sendable, Equatable, Codable {
        public var text: String
        public var colspan: Int
        public var rowspan: Int
        public var header: Bool

        public init(_ text: String, colspan: Int = 1, rowspan: Int = 1, header: Bool = false) {
            self.text = text
            self.colspan = colspan
            self.rowspan = rowspan
            self.header = header
        }
    }

    public var rows: [[Cell]]

    public init(rows: [[Cell]]) { self.rows = rows }

    /// The number of columns (from the first row).
    public var width: Int { rows.first?.reduce(0) { $0 + $1.colspan } ?? 0 }

    /// The cells laid on a full rectangle: for each row and column, the cell that starts there, or
    /// which cell covers it (the start row and column of that cell). nil when the rows do not fit.
    public func layout() -> [[(cell: Cell, startRow: Int, startColumn: Int)]]? {
        let w = width
        var grid = [[(cell: Cell, startRow: Int, startColumn: Int)?]](repeating: [(cell: Cell, startRow: Int, startColumn: Int)?](repeating: nil, count: w),
                                                                       count: rows.count)
        for (r, row) in rows.enumerated() {
            var c = 0
            for cell in row {
                while c < w, grid[r][c] != nil { c += 1 }
                guard c + cell.colspan <= w, r + cell.rowspan <= rows.count else { return nil }
                for dr in 0..<cell.rowspan {
                    for dc in 0..<cell.colspan {
                        guard grid[r + dr][c + dc] == nil else { return nil }
                        grid[r + dr][c + dc] = (cell, r, c)
                    }
                }
                c += cell.colspan
            }
        }
        var out: [[(cell: Cell, startRow: Int, startColumn: Int)]] = []
        for row in grid {
            var line: [(cell: Cell, startRow: Int, startColumn: Int)] = []
            for slot in row {
                guard let s = slot else { return nil }
                line.append(s)
            }
            out.append(line)
        }
        return out
    }
}
