/// A catalogue as a spreadsheet: the usual two-row header (公开事项 over 一级事项/二级事项), one row per
/// item; and as CSV with one header row. Import checks every row and reports every problem by row
/// and column, so nothing is imported from a file that is not clean.
public enum CatalogueSheet {
    static let firstHeader = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
    static let secondHeader = ["", "一级事项", "二级事项", "", "", "", "", "", "", "", ""]
    static let merges = ["A1:A2", "B1:C1"] + ["D", "E", "F", "G", "H", "I", "J", "K"].map { "\($0)1:\($0)2" }

    public static func xlsx(_ rows: [CatalogueRow], title: String) -> [UInt8] {
        XlsxSheet.write(name: title, rows: [firstHeader, secondHeader] + rows.enumerated().map { [String($0.offset + 1)] + $0.element.cells },
                        merges: merges)
    }

    public static func csv(_ rows: [CatalogueRow]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let lines = [(["序号"] + CatalogueRow.columns)] + rows.enumerated().map { [String($0.offset + 1)] + $0.element.cells }
        return "\u{FEFF}" + lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let row: Int
        public let column: String
        public let message: String
        public var description: String { "第\(row)行“\(column)”：\(message)" }
    }

    /// Rows after the header (`headerRows` of them), each cell at its column: 序号 then the columns.
    public static func parse(_ table: [[String]], headerRows: Int) -> (rows: [CatalogueRow], problems: [Problem]) {
        var rows: [CatalogueRow] = []
        var problems: [Problem] = []
        guard table.count >= headerRows else { return ([], [Problem(row: 1, column: "表头", message: "文件没有表头，请使用导出的模板")]) }
        let header = table.prefix(headerRows).flatMap { $0 }.map { $0.trimmingSpaces() }
        for name in CatalogueRow.columns where !header.contains(name) {
            problems.append(Problem(row: 1, column: name, message: "表头缺少这一列，请使用导出的模板"))
        }
        guard problems.isEmpty else { return ([], problems) }
        for (i, cells) in table.dropFirst(headerRows).enumerated() {
            let line = i + headerRows + 1
            guard cells.contains(where: { !$0.trimmingSpaces().isEmpty }) else { continue }
            let (row, errors) = CatalogueRow.parse { name in
                guard let c = CatalogueRow.columns.firstIndex(of: name), c + 1 < cells.count else { return "" }
                return cells[c + 1]
            }
            for name in CatalogueRow.columns { if let m = errors[name] { problems.append(Problem(row: line, column: name, message: m)) } }
            rows.append(row)
        }
        if rows.isEmpty && problems.isEmpty { problems.append(Problem(row: headerRows + 1, column: "全部", message: "文件中没有目录事项")) }
        return (rows, problems)
    }

    public static func readCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" || c == "\r" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
