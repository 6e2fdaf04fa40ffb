import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats

/// The year's task ledger: tasks created by hand, imported from the 任务分解表 or agreed at a 联席会议;
/// progress reports with evidence by the units; 督查 notes and reopening by the office.
struct PlanLedgerDesk: Sendable {
    let services: AppServices

    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .systemAdministrator, .informationOfficer, .leader]
    static let reporters: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    /// County-wide actions (import, 回头看, meetings, the 三单's assignment): the county's 公开办
    /// administrator; the system administrator may stand in, as for the calendar.
    static let office: Set<StaffRole> = [.disclosureOfficeAdministrator, .systemAdministrator]


    struct TaskInput: Sendable, Equatable {
        var year = ""
        var category = ""
        var title = ""
        var requirements = ""
        var units = ""
        var deadline = ""
        var note = ""

        static func parse(_ form: FormData) -> TaskInput {
            TaskInput(year: form["year"].trimmingSpaces(), category: form["category"].trimmingSpaces(), title: form["title"].trimmingSpaces(),
                      requirements: form["requirements"].trimmingSpaces(), units: form["units"].trimmingSpaces(),
                      deadline: form["deadline"].trimmingSpaces(), note: form["note"].trimmingSpaces())
        }
    }

    /// A deadline as the plans write it, or an ISO date.
    static func deadline(_ text: String, year: Int) -> TaskDeadline? {
        if let d = CivilDate(iso: text), (2000...2100).contains(d.year) { return .by(d) }
        return TaskDeadline.parse(text, planYear: year)
    }

    struct Checked: Sendable {
        let year: Int
        let deadline: TaskDeadline
        let units: PlanUnitResolver.Resolved
    }

    /// The input with its units resolved, or the errors keyed by form field.
    func validate(_ input: TaskInput, resolver: PlanUnitResolver) -> Result<Checked, DeskFailure> {
        var e: [String: String] = [:]
        let year = Int(input.year).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if year == nil { e["year"] = "年度应为2000–2100之间的年份" }
        if input.title.count < 2 || input.title.count > 500 { e["title"] = "请填写工作任务（2–500字）" }
        if input.category.count > 50 { e["category"] = "类别不超过50字" }
        if input.requirements.count > 2000 { e["requirements"] = "具体要求不超过2000字" }
        if input.note.count > 500 { e["note"] = "备注不超过500字" }
        let parsed = ResponsibleUnits.parse(input.units)
        let resolved = resolver.resolve(parsed)
        if input.units.count > 500 { e["units"] = "责任单位不超过500字" }
        else if parsed.leads.isEmpty && parsed.leadGroups.isEmpty { e["units"] = "请填写责任单位，如“县政府办公室牵头，县直各单位负责落实”" }
        else if !resolved.unresolved.isEmpty { e["units"] = "找不到单位：" + resolved.unresolved.joined(separator: "、") + "（请写单位全称或简称）" }
        else if resolved.leads.isEmpty { e["units"] = "没有读出牵头单位" }
        let deadline = year.flatMap { Self.deadline(input.deadline, year: $0) }
        if year != nil && deadline == nil {
            e["deadline"] = input.deadline.isEmpty ? "请填写完成时限" : "时限无法识别：可写“年底前”“10月底前”“6月30日前”“持续推进”“每季度”或日期"
        }
        guard e.isEmpty, let year, let deadline else { return .failure(DeskFailure.invalid(e)) }
        return .success(Checked(year: year, deadline: deadline, units: resolved))
    }

    @discardableResult
    func save(_ input: TaskInput, task existing: PlanTask?, source: String = "manual", meetingID: UUID? = nil, actor: AuditActor) async throws -> PlanTask {
        let resolver = try await PlanUnitResolver.load(services)
        let checked = try validate(input, resolver: resolver).get()
        let (year, deadline, units) = (checked.year, checked.deadline, checked.units)
        let now = services.clock.now()
        let today = services.clock.today()
        let audit = services.audit
        let task = existing ?? PlanTask()
        let isNew = existing == nil
        let before = isNew ? nil : "\(task.title)｜\(task.unitsText)｜\(task.deadlineText)"
        try await services.db.transaction { db in
            if isNew {
                task.id = UUID()
                task.year = year
                task.number = try await Self.nextNumber(year: year, on: db)
                task.source = source
                task.meetingID = meetingID
                task.createdOn = today.description
                task.createdAt = now
            }
            task.category = input.category
            task.title = input.title
            task.requirements = input.requirements
            if isNew { task.planText = "" }
            task.unitsText = input.units
            task.deadlineText = input.deadline
            task.setDeadline(deadline)
            task.note = input.note
            try await task.save(on: db)
            try await Self.replaceUnits(task.id!, units, on: db)
            try await audit.record(on: db, actor: actor, organisationID: units.leads.first, entity: .planTask, entityID: "\(task.year)-\(task.number)",
                                   action: isNew ? "新增任务" : "修改任务",
                                   changes: [.init(field: "task", before: before, after: "\(task.title)｜\(task.unitsText)｜\(task.deadlineText)")])
        }
        return task
    }

    static func replaceUnits(_ taskID: UUID, _ units: PlanUnitResolver.Resolved, on db: any Database) async throws {
        try await PlanTaskUnit.query(on: db).filter(\.$taskID == taskID).delete()
        for (id, lead) in units.leads.map({ ($0, true) }) + units.participants.map({ ($0, false) }) {
            let u = PlanTaskUnit()
            u.id = UUID(); u.taskID = taskID; u.organisationID = id; u.lead = lead
            try await u.create(on: db)
        }
    }

    static func nextNumber(year: Int, on db: any Database) async throws -> Int {
        (try await PlanTask.query(on: db).filter(\.$year == year).sort(\.$number, .descending).first()?.number ?? 0) + 1
    }

    func units(of taskID: UUID) async throws -> [PlanTaskUnit] {
        PlanQueries.ordered(try await PlanTaskUnit.query(on: services.db).filter(\.$taskID == taskID).all())
    }

    // MARK: progress

    struct ProgressInput: Sendable, Equatable {
        var body = ""
        var item = ""
        var link = ""
        var marksDone = false

        static func parse(_ form: FormData) -> ProgressInput {
            ProgressInput(body: form["body"].trimmingSpaces(), item: form["item"].trimmingSpaces(), link: form["link"].trimmingSpaces(),
                          marksDone: form["done"] == "1")
        }
    }

    func report(_ task: PlanTask, organisationID: Int, _ input: ProgressInput, file upload: MultipartForm.File?, actor: AuditActor) async throws {
        var e: [String: String] = [:]
        if input.body.count < 2 || input.body.count > 2000 { e["body"] = "请填写工作进展（2–2000字）" }
        if let problem = PlanEvidence.linkProblem(input.link) { e["link"] = problem }
        var itemID: UUID?
        switch try await PlanEvidence.publishedItem(input.item, on: services.db) {
        case .success(let id): itemID = id
        case .failure(let f): e.merge(f.fieldErrors(refusalAt: "item")) { a, _ in a }
        }
        let units = try await units(of: task.id!)
        if input.marksDone && !(units.contains { $0.organisationID == organisationID && $0.lead }) {
            e["done"] = "只有牵头单位可以报告任务完成"
        }
        var file: PlanEvidence.File?
        switch PlanEvidence.file(upload, limit: services.config.uploadMaxBytes) {
        case .success(let f): file = f
        case .failure(let f): e.merge(f.fieldErrors(refusalAt: "file")) { a, _ in a }
        }
        guard e.isEmpty else { throw DeskFailure.invalid(e) }
        let now = services.clock.now()
        let today = services.clock.today()
        let p = PlanProgress()
        p.id = UUID(); p.taskID = task.id!; p.organisationID = organisationID; p.body = input.body; p.itemID = itemID; p.link = input.link
        p.fileSHA256 = file?.sha256; p.fileName = file?.name ?? ""; p.fileType = file?.type.rawValue ?? ""
        p.marksDone = input.marksDone; p.reportedOn = today.description; p.reportedBy = actor.name; p.createdAt = now
        let audit = services.audit
        let evidence = file
        try await services.db.transaction { db in
            try await evidence?.store(at: now, on: db)
            try await p.create(on: db)
            if input.marksDone && task.completedOn == nil {
                task.completedOn = today.description
                try await task.update(on: db)
            }
            try await audit.record(on: db, actor: actor, organisationID: organisationID, entity: .planTask, entityID: "\(task.year)-\(task.number)",
                                   action: input.marksDone ? "报告完成" : "报告进展",
                                   changes: [.init(field: "progress", before: nil, after: String(input.body.prefix(200)))])
        }
    }

    func addNote(_ task: PlanTask, body: String, actor: AuditActor) async throws {
        let text = body.trimmingSpaces()
        guard text.count >= 2 && text.count <= 1000 else { throw DeskFailure.invalid(["note": "请填写督查意见（2–1000字）"]) }
        let n = PlanNote()
        n.id = UUID(); n.taskID = task.id!; n.body = text; n.author = actor.name; n.createdAt = services.clock.now()
        let lead = try await units(of: task.id!).first?.organisationID
        let audit = services.audit
        try await services.db.transaction { db in
            try await n.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: lead, entity: .planTask, entityID: "\(task.year)-\(task.number)",
                                   action: "督查意见", changes: [.init(field: "note", before: nil, after: String(text.prefix(200)))])
        }
    }

    /// The office does not accept the completion: the task is open again, with the reason as a 督查 note.
    func reopen(_ task: PlanTask, reason: String, actor: AuditActor) async throws {
        let text = reason.trimmingSpaces()
        guard task.completedOn != nil else { throw DeskFailure.invalid(["note": "任务尚未报告完成"]) }
        guard text.count >= 2 && text.count <= 1000 else { throw DeskFailure.invalid(["note": "请写明退回的理由（2–1000字）"]) }
        let before = task.completedOn
        task.completedOn = nil
        let n = PlanNote()
        n.id = UUID(); n.taskID = task.id!; n.body = "退回：" + text; n.author = actor.name; n.createdAt = services.clock.now()
        let lead = try await units(of: task.id!).first?.organisationID
        let audit = services.audit
        try await services.db.transaction { db in
            try await task.update(on: db)
            try await n.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: lead, entity: .planTask, entityID: "\(task.year)-\(task.number)",
                                   action: "退回完成", changes: [.init(field: "completed_on", before: before, after: nil)])
        }
    }
}
