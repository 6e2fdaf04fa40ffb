import FluentKit
import Foundation
import GongkaiDomain

/// The ledger as the pages and the jobs read it: tasks with their units, reports and derived status.
enum PlanQueries {
    struct TaskLine: Sendable {
        let task: PlanTask
        let units: [PlanTaskUnit]
        let reports: [PlanProgress]
        let status: PlanTaskStatus

        var lastReport: CivilDate? { reports.compactMap { CivilDate(iso: $0.reportedOn) }.max() }
        var leadIDs: [Int] { units.filter(\.lead).map(\.organisationID) }
    }

    /// The year's tasks in order; with `organisationIDs`, only those where one of them is a unit.
    static func ledger(_ services: AppServices, year: Int, organisationIDs: Set<Int>?, today: CivilDate) async throws -> [TaskLine] {
        let tasks = try await PlanTask.query(on: services.db).filter(\.$year == year).sort(\.$number).all()
        return try await lines(tasks, services, organisationIDs: organisationIDs, today: today)
    }

    /// The given tasks (in their order) with units, reports and status; with `organisationIDs`, only
    /// those where one of them is a unit.
    static func lines(_ tasks: [PlanTask], _ services: AppServices, organisationIDs: Set<Int>? = nil, today: CivilDate) async throws -> [TaskLine] {
        let db = services.db
        guard !tasks.isEmpty else { return [] }
        let units = try await PlanTaskUnit.query(on: db).filter(\.$taskID ~~ tasks.compactMap(\.id)).all()
        let byTask = Dictionary(grouping: units, by: \.taskID)
        var tasks = tasks
        if let organisationIDs {
            tasks = tasks.filter { t in (byTask[t.id!] ?? []).contains { organisationIDs.contains($0.organisationID) } }
        }
        let reports = tasks.isEmpty ? [] : try await PlanProgress.query(on: db).filter(\.$taskID ~~ tasks.compactMap(\.id)).sort(\.$createdAt).all()
        let reportsByTask = Dictionary(grouping: reports, by: \.taskID)
        return tasks.map { t in
            let rs = reportsByTask[t.id!] ?? []
            let last = rs.compactMap { CivilDate(iso: $0.reportedOn) }.max()
            let status = PlanTaskStatus.of(deadline: t.deadline, createdOn: t.createdDay, completedOn: t.completedDay, lastReport: last, today: today)
            return TaskLine(task: t, units: ordered(byTask[t.id!] ?? []), reports: rs, status: status)
        }
    }

    /// Lead units first, then by organisation.
    static func ordered(_ units: [PlanTaskUnit]) -> [PlanTaskUnit] {
        units.sorted { ($0.lead ? 0 : 1, $0.organisationID) < ($1.lead ? 0 : 1, $1.organisationID) }
    }

    static func years(_ services: AppServices) async throws -> [Int] {
        Array(Set(try await PlanTask.query(on: services.db).all(\.$year))).sorted(by: >)
    }

    /// The units of a task by name: leads first; a long list of participants (县直各单位) shortened.
    static func unitNames(_ line: TaskLine, names: [Int: String], shorten: Bool = false) -> (leads: String, participants: String) {
        let others = line.units.filter { !$0.lead }.compactMap { names[$0.organisationID] }
        let shown = shorten && others.count > 6 ? others.prefix(3).joined(separator: "、") + "等\(others.count)个单位" : others.joined(separator: "、")
        return (line.units.filter(\.lead).compactMap { names[$0.organisationID] }.joined(separator: "、"), shown)
    }

    static let sheetHeader = ["序号", "类别", "工作任务", "具体要求", "牵头单位", "配合单位", "时限要求", "状态", "完成日期", "最近进展"]

    static func sheetRows(_ lines: [TaskLine], names: [Int: String]) -> [[String]] {
        lines.map { l in
            let u = unitNames(l, names: names)
            return [String(l.task.number), l.task.category, l.task.title, l.task.requirements, u.leads, u.participants,
                    l.task.deadline.label, l.status.label, l.task.completedOn ?? "", l.reports.last.map { "\($0.reportedOn) \($0.body)" } ?? ""]
        }
    }
}
