/// A task breakdown table (任务分解表) as the seeds lay it out, read from a sheet's cells: a header row
/// naming the columns (类别, 工作任务/工作内容, 具体要求/工作重点, 工作计划, 责任单位, 时限要求, 备注; in any
/// order, some absent), then one task per row, the 类别 cell merged down (blank: the one above). Every
/// row is checked and every problem is given by row and column; a table with any problem imports
/// nothing.
public struct TaskTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The sheet's row number (1-based, as Excel shows it).
        public let line: Int
        public let category: String
        public let task: String
        public let requirements: String
        public let plan: String
        public let units: ResponsibleUnits
        public let deadline: TaskDeadline
        public let note: String
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String
        public let message: String
        public var description: String { "第\(line)行“\(column)”：\(message)" }
    }

    public let rows: [Row]

    enum Column: String, CaseIterable {
        case category = "类别", task = "工作任务", requirements = "具体要求", plan = "工作计划", units = "责任单位", deadline = "时限要求", note = "备注"

        static func of(_ header: String) -> Column? {
            let h = ResponsibleUnits.normalise(header)
            switch h {
            case "类别", "序号类别", "任务类别", "重点领域": return .category
            case "工作任务", "工作内容", "重点任务", "任务", "任务内容": return .task
            case "具体要求", "工作重点", "工作要求", "主要内容": return .requirements
            case "工作计划", "完成标准", "工作目标": return .plan
            case "责任单位", "牵头单位", "责任部门", "责任主体": return .units
            case "时限要求", "完成时限", "完成时间", "时限": return .deadline
            case "备注": return .note
            default: return nil
            }
        }
    }

    public static let maxRows = 1_000

    public enum Outcome: Sendable, Equatable {
        case table(TaskTable)
        case problems([Problem])
    }

    /// The table, or every problem found.
    public static func parse(_ cells: [[String]], planYear: Int) -> Outcome {
        guard let headerIndex = cells.prefix(10).firstIndex(where: { row in row.compactMap(Column.of).contains(.task) }) else {
            return .problems([Problem(line: 1, column: "表头", message: "找不到表头：应有“工作任务”（或“工作内容”）和“责任单位”等列")])
        }
        var columns: [Column: Int] = [:]
        for (i, h) in cells[headerIndex].enumerated() { if let c = Column.of(h), columns[c] == nil { columns[c] = i } }
        guard columns[.units] != nil else {
            return .problems([Problem(line: headerIndex + 1, column: "表头", message: "缺少“责任单位”列")])
        }
        guard columns[.deadline] != nil || columns[.plan] != nil else {
            return .problems([Problem(line: headerIndex + 1, column: "表头", message: "缺少“时限要求”列（或写有完成时间的“工作计划”列）")])
        }
        let body = cells.dropFirst(headerIndex + 1)
        guard body.count <= maxRows else {
            return .problems([Problem(line: headerIndex + 2, column: "表格", message: "一次最多导入\(maxRows)项任务")])
        }
        var rows: [Row] = [], problems: [Problem] = []
        var category = ""
        for (offset, cellsOfRow) in body.enumerated() {
            let line = headerIndex + 2 + offset
            func cell(_ c: Column) -> String {
                guard let i = columns[c], i < cellsOfRow.count else { return "" }
                return cellsOfRow[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if cellsOfRow.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            if !cell(.category).isEmpty { category = ResponsibleUnits.normalise(cell(.category)) }
            let task = cell(.task)
            var rowProblems: [Problem] = []
            if task.isEmpty { rowProblems.append(Problem(line: line, column: "工作任务", message: "不能为空")) }
            if task.count > 500 { rowProblems.append(Problem(line: line, column: "工作任务", message: "不超过500字")) }
            let units = ResponsibleUnits.parse(cell(.units))
            if units.leads.isEmpty && units.leadGroups.isEmpty {
                rowProblems.append(Problem(line: line, column: "责任单位", message: cell(.units).isEmpty ? "不能为空" : "读不出牵头单位：“\(cell(.units).prefix(40))”"))
            }
            let deadlineText = cell(.deadline).isEmpty ? cell(.plan) : cell(.deadline)
            let deadline = TaskDeadline.parse(deadlineText, planYear: planYear)
            if deadline == nil {
                rowProblems.append(Problem(line: line, column: columns[.deadline] != nil ? "时限要求" : "工作计划",
                                           message: deadlineText.isEmpty ? "没有完成时限" : "时限无法识别：“\(deadlineText.prefix(40))”（可写“年底前”“10月底前”“6月30日前”“持续推进”“每季度”）"))
            }
            guard rowProblems.isEmpty, let deadline else { problems += rowProblems; continue }
            rows.append(Row(line: line, category: category, task: task, requirements: cell(.requirements), plan: cell(.plan),
                            units: units, deadline: deadline, note: cell(.note)))
        }
        if rows.isEmpty && problems.isEmpty { problems.append(Problem(line: headerIndex + 2, column: "表格", message: "表头下面没有任务")) }
        return problems.isEmpty ? .table(TaskTable(rows: rows)) : .problems(problems)
    }
}
