import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats

/// Imports a 任务分解表 (.xlsx): the table is read and checked row by row (nothing is kept while any
/// row has a problem); names of units the matcher cannot place go to a review screen where the
/// office chooses the organisation; then every task is created in one transaction.
struct PlanImporter: Sendable {
    let services: AppServices

    enum Failure: Error, Equatable {
        /// Problems of the file or the table, by row and column.
        case problems([String])
        /// Names still without an organisation (or rows left without a lead unit).
        case unmapped([String])
    }

    func read(fileName: String, data: [UInt8], year: Int, actor: AuditActor) async throws -> PlanImportDraft {
        do {
            let (type, _) = try AttachmentStore.check(name: fileName, data: data, limit: services.config.uploadMaxBytes)
            guard type == .xlsx else { throw Failure.problems(["请上传 Excel（.xlsx）格式的任务分解表"]) }
        } catch AttachmentStore.Failure.invalid(let message) {
            throw Failure.problems([message])
        }
        guard let cells = XlsxReader.read(data) else { throw Failure.problems(["无法读取“\(fileName)”的第一个工作表"]) }
        if case .problems(let problems) = TaskTable.parse(cells, planYear: year) {
            throw Failure.problems(problems.prefix(200).map(\.description))
        }
        let draft = PlanImportDraft()
        draft.id = UUID(); draft.year = year; draft.fileName = String(fileName.prefix(200))
        draft.cellsJSON = String(decoding: try JSONEncoder().encode(cells), as: UTF8.self)
        draft.createdBy = actor.name; draft.createdAt = services.clock.now()
        // Drafts nobody finished are not kept for long.
        let dayAgo = services.clock.now().addingTimeInterval(-86_400)
        try await PlanImportDraft.query(on: services.db).filter(\.$createdAt < dayAgo).delete()
        try await draft.create(on: services.db)
        return draft
    }

    struct Preview: Sendable {
        let rows: [(row: TaskTable.Row, units: PlanUnitResolver.Resolved)]
        /// Every name the matcher could not place, once, in order of appearance.
        let unresolved: [String]
        /// Rows whose lead units were all left out.
        let leaderless: [Int]
    }

    func preview(_ draft: PlanImportDraft, mapping: [String: Int]) async throws -> Preview {
        let cells = try JSONDecoder().decode([[String]].self, from: Data(draft.cellsJSON.utf8))
        guard case .table(let table) = TaskTable.parse(cells, planYear: draft.year) else { throw Failure.problems(["表格已无法读取，请重新上传"]) }
        let resolver = try await PlanUnitResolver.load(services)
        var unresolved: [String] = []
        var leaderless: [Int] = []
        let rows = table.rows.map { row -> (row: TaskTable.Row, units: PlanUnitResolver.Resolved) in
            let r = resolver.resolve(row.units, mapping: mapping)
            for n in r.unresolved where !unresolved.contains(n) { unresolved.append(n) }
            if r.unresolved.isEmpty && r.leads.isEmpty { leaderless.append(row.line) }
            return (row, r)
        }
        return Preview(rows: rows, unresolved: unresolved, leaderless: leaderless)
    }

    /// Creates the tasks; returns how many.
    func commit(_ draft: PlanImportDraft, mapping: [String: Int], actor: AuditActor) async throws -> Int {
        let p = try await preview(draft, mapping: mapping)
        guard p.unresolved.isEmpty else { throw Failure.unmapped(p.unresolved.map { "请为“\($0)”选择单位" }) }
        guard p.leaderless.isEmpty else { throw Failure.unmapped(p.leaderless.map { "第\($0)行没有牵头单位：请为其牵头单位选择本县单位" }) }
        let now = services.clock.now()
        let today = services.clock.today()
        let audit = services.audit
        let year = draft.year
        let names = try await OrganisationQueries.activeNames(services)
        try await services.db.transaction { db in
            var number = try await PlanLedgerDesk.nextNumber(year: year, on: db)
            for (row, units) in p.rows {
                let t = PlanTask()
                t.id = UUID(); t.year = year; t.number = number; t.category = row.category; t.title = row.task
                t.requirements = row.requirements; t.planText = row.plan
                t.unitsText = Self.unitsText(row.units, mapping: mapping, names: names); t.deadlineText = row.deadline.label; t.setDeadline(row.deadline)
                t.source = "import"; t.note = row.note; t.createdOn = today.description; t.createdAt = now
                try await t.create(on: db)
                try await PlanLedgerDesk.replaceUnits(t.id!, units, on: db)
                number += 1
            }
            try await draft.delete(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .planTask, entityID: "\(year)",
                                   action: "导入任务分解表", changes: [.init(field: "file", before: nil, after: "\(draft.fileName)（\(p.rows.count)项）")])
        }
        return p.rows.count
    }

    /// The 责任单位 as the ledger keeps it: the parsed cell (clean of PDF breaks) with the names the
    /// office placed by hand written as the organisations chosen (left-out names dropped), so that
    /// editing the task later reads the same units again.
    static func unitsText(_ u: ResponsibleUnits, mapping: [String: Int], names: [Int: String]) -> String {
        func named(_ raw: [String]) -> [String] {
            raw.compactMap { name in
                guard let chosen = mapping[ResponsibleUnits.normalise(name)] else { return name }
                return chosen == 0 ? nil : names[chosen]
            }
        }
        let lead = (named(u.leads) + u.leadGroups.map(\.label)).joined(separator: "、")
        let rest = (named(u.participants) + u.participantGroups.map(\.label)).joined(separator: "、")
        return rest.isEmpty ? lead : "\(lead)牵头，\(rest)负责落实"
    }
}
