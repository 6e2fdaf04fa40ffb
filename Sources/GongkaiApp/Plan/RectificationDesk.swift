import FluentKit
import Foundation
import GongkaiDomain

/// The 标准落实大排查 (定远 000 §三1–2): problems from catalogue coverage, site monitoring, inspections,
/// third-party evaluation, 社会监督员 and self-inspection go into one 问题清单; the office assigns each
/// to a unit and person with a measure and a deadline (责任清单, 整改清单); the unit reports the
/// rectification with evidence; the office closes it (销号) or sends it back.
struct RectificationDesk: Sendable {
    let services: AppServices

    static let viewers = PlanLedgerDesk.viewers
    static let reporters = PlanLedgerDesk.reporters
    static let office = PlanLedgerDesk.office


    struct Input: Sendable, Equatable {
        var source = RectificationSource.manual.rawValue
        var problem = ""
        var organisation = ""
        var person = ""
        var measure = ""
        var deadline = ""

        static func parse(_ form: FormData) -> Input {
            Input(source: form["source"].isEmpty ? RectificationSource.manual.rawValue : form["source"], problem: form["problem"].trimmingSpaces(),
                  organisation: form["organisation"].trimmingSpaces(), person: form["person"].trimmingSpaces(),
                  measure: form["measure"].trimmingSpaces(), deadline: form["deadline"].trimmingSpaces())
        }
    }

    func validate(_ input: Input, organisations: Set<Int>, today: CivilDate, isNew: Bool) -> [String: String] {
        var e: [String: String] = [:]
        if RectificationSource(rawValue: input.source) == nil { e["source"] = "请选择问题来源" }
        if input.problem.count < 4 || input.problem.count > 1000 { e["problem"] = "请描述问题（4–1000字）" }
        if !input.organisation.isEmpty && !(Int(input.organisation).map(organisations.contains) ?? false) { e["organisation"] = "请选择责任单位" }
        if input.person.count > 50 { e["person"] = "责任人不超过50字" }
        if input.measure.count > 1000 { e["measure"] = "整改措施不超过1000字" }
        if !input.deadline.isEmpty {
            if let d = CivilDate(iso: input.deadline), (2000...2100).contains(d.year) {
                if isNew && d < today { e["deadline"] = "整改时限不能早于今天" }
            } else { e["deadline"] = "整改时限应为日期，如 2026-12-31" }
        }
        return e
    }

    @discardableResult
    func save(_ input: Input, rectification existing: Rectification?, organisations: Set<Int>, actor: AuditActor) async throws -> Rectification {
        let today = services.clock.today()
        let e = validate(input, organisations: organisations, today: today, isNew: existing == nil)
        guard e.isEmpty else { throw DeskFailure.invalid(e) }
        let r = existing ?? Rectification()
        let isNew = existing == nil
        if isNew {
            r.id = UUID(); r.year = today.year; r.sourceRef = ""; r.report = ""; r.evidenceLink = ""; r.closedBy = ""
            r.createdAt = services.clock.now()
        }
        let before = isNew ? nil : "\(r.organisationID.map(String.init) ?? "")｜\(r.person)｜\(r.deadline ?? "")"
        r.source = input.source
        r.problem = input.problem
        r.organisationID = Int(input.organisation)
        r.person = input.person
        r.measure = input.measure
        r.deadline = input.deadline.isEmpty ? nil : input.deadline
        let audit = services.audit
        try await services.db.transaction { db in
            try await r.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .rectification, entityID: r.id!.uuidString,
                                   action: isNew ? "列入问题清单" : "交办",
                                   changes: [.init(field: "assignment", before: before, after: "\(r.organisationID.map(String.init) ?? "")｜\(r.person)｜\(r.deadline ?? "")")])
        }
        return r
    }

    /// The responsible unit reports the rectification done, with evidence.
    func report(_ r: Rectification, text: String, item: String, link: String, actor: AuditActor) async throws {
        var e: [String: String] = [:]
        let body = text.trimmingSpaces()
        if body.count < 2 || body.count > 2000 { e["report"] = "请填写整改情况（2–2000字）" }
        if let problem = PlanEvidence.linkProblem(link) { e["link"] = problem }
        var itemID: UUID?
        switch try await PlanEvidence.publishedItem(item, on: services.db) {
        case .success(let id): itemID = id
        case .failure(let f): e.merge(f.fieldErrors(refusalAt: "item")) { a, _ in a }
        }
        if r.closedOn != nil { e["report"] = "该问题已销号" }
        if itemID == nil && link.isEmpty && e.isEmpty { e["link"] = "请提供佐证：选择已公开的信息或填写链接" }
        guard e.isEmpty else { throw DeskFailure.invalid(e) }
        r.report = body; r.evidenceItemID = itemID; r.evidenceLink = link
        r.reportedOn = services.clock.today().description
        let audit = services.audit
        try await services.db.transaction { db in
            try await r.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .rectification, entityID: r.id!.uuidString,
                                   action: "报告整改", changes: [.init(field: "report", before: nil, after: String(body.prefix(200)))])
        }
    }

    /// The office accepts the rectification (销号) or sends it back for more work.
    func decide(_ r: Rectification, accept: Bool, note: String, actor: AuditActor) async throws {
        guard r.reportedOn != nil, r.closedOn == nil else { throw DeskFailure.invalid(["decision": "只有已报整改、未销号的问题可以销号或退回"]) }
        let text = note.trimmingSpaces()
        if !accept && (text.count < 2 || text.count > 500) { throw DeskFailure.invalid(["decision": "退回时请写明理由（2–500字）"]) }
        if accept {
            r.closedOn = services.clock.today().description
            r.closedBy = actor.name
        } else {
            r.reportedOn = nil
            r.report = "【退回：\(text)】" + r.report
        }
        let audit = services.audit
        try await services.db.transaction { db in
            try await r.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .rectification, entityID: r.id!.uuidString,
                                   action: accept ? "销号" : "退回整改", changes: [.init(field: "note", before: nil, after: text)])
        }
    }

    /// Takes over the open problems of site monitoring and the catalogue rows overdue or never
    /// published, each once; returns how many were added.
    func collect(organisationIDs: [Int], actor: AuditActor) async throws -> Int {
        let db = services.db
        let today = services.clock.today()
        let taken = Set(try await Rectification.query(on: db).filter(\.$sourceRef != "").all(\.$sourceRef))
        var fresh: [Rectification] = []
        func add(_ source: RectificationSource, ref: String, problem: String, organisationID: Int) {
            guard !taken.contains(ref) else { return }
            let r = Rectification()
            r.id = UUID(); r.year = today.year; r.source = source.rawValue; r.sourceRef = ref; r.problem = String(problem.prefix(1000))
            r.organisationID = organisationID; r.person = ""; r.measure = ""; r.report = ""; r.evidenceLink = ""; r.closedBy = ""
            r.createdAt = services.clock.now()
            fresh.append(r)
        }
        for p in try await MonitorProblem.query(on: db).filter(\.$organisationID ~~ organisationIDs).filter(\.$status ~~ ["open", "assigned"]).all() {
            let kind = InspectionProblemKind(rawValue: p.kind)?.label ?? p.kind
            add(.monitoring, ref: "monitor:\(p.id!.uuidString)", problem: "\(kind)：\(p.detail.isEmpty ? p.target : p.detail)（\(p.pageURL)）", organisationID: p.organisationID)
        }
        let orgs = try await Organisation.query(on: db).filter(\.$id ~~ organisationIDs).all()
        for (orgID, rows) in try await CoverageQueries.coverage(organisations: orgs, services: services, today: today) {
            for c in rows where c.assessment.status == .overdue || c.assessment.status == .never {
                add(.coverage, ref: "coverage:\(c.item.id!.uuidString):\(today.year)",
                    problem: "标准目录事项“\(c.row.level2.isEmpty ? c.row.level1 : c.row.level2)：\(c.row.content.prefix(60))”\(c.assessment.status.label)", organisationID: orgID)
            }
        }
        guard !fresh.isEmpty else { return 0 }
        let audit = services.audit
        let list = fresh
        try await db.transaction { tx in
            for r in list { try await r.create(on: tx) }
            try await audit.record(on: tx, actor: actor, organisationID: nil, entity: .rectification, entityID: "\(today.year)",
                                   action: "汇总问题", changes: [.init(field: "count", before: nil, after: String(list.count))])
        }
        return list.count
    }
}
