import FluentKit
import Foundation
import GongkaiDomain

/// The decision list of a government and the decisions on it: entering and adjusting matters
/// (logged publicly once the list is published), moving a decision through its stages, and
/// linking its published materials. Every change is audited in the same transaction.
struct DecisionDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    /// The decision a form names (empty: none), which must be one of the organisation's own still on
    /// its list.
    func ownDecision(_ raw: String, organisationID: Int) async throws -> Decision? {
        guard !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw), let d = try await Decision.find(id, on: db), d.organisationID == organisationID,
              d.removedReason == nil else {
            throw Failure.invalid(["decision": "所选决策事项不属于本机关或已调出目录"])
        }
        return d
    }

    func list(of organisationID: Int, year: Int) async throws -> DecisionList? {
        try await DecisionList.query(on: db).filter(\.$organisationID == organisationID).filter(\.$year == year).first()
    }

    func decisions(in list: DecisionList) async throws -> [Decision] {
        try await Decision.query(on: db).filter(\.$listID == list.requireID()).sort(\.$position).all()
    }

    func changes(of list: DecisionList) async throws -> [DecisionChange] {
        try await DecisionChange.query(on: db).filter(\.$listID == list.requireID()).sort(\.$createdAt).all()
    }

    /// The year's list, created empty the first time a matter is added.
    func listForAdding(to org: Organisation, year: Int, on tx: any Database) async throws -> DecisionList {
        let orgID = try org.requireID()
        if let l = try await DecisionList.query(on: tx).filter(\.$organisationID == orgID).filter(\.$year == year).first() { return l }
        let l = DecisionList()
        l.id = UUID()
        l.organisationID = orgID
        l.year = year
        l.approval = ""
        try await l.create(on: tx)
        return l
    }

    /// Adds a matter, in drafting since `since` (today unless given).
    func add(_ input: DecisionInput, to org: Organisation, year: Int, since: CivilDate? = nil, actor: AuditActor) async throws -> Decision {
        let now = services.clock.now(), today = since ?? services.clock.today()
        let dialect = services.database.dialect
        return try await db.transaction { tx in
            // One writer at a time: the list's next position (unique with it) is read and taken here.
            try await dialect.lockAuditChain(on: tx)
            let list = try await listForAdding(to: org, year: year, on: tx)
            let last = try await Decision.query(on: tx).filter(\.$listID == list.requireID()).sort(\.$position, .descending).first()
            let d = Decision()
            d.id = UUID()
            d.listID = try list.requireID()
            d.organisationID = list.organisationID
            d.year = year
            d.position = (last?.position ?? 0) + 1
            Self.apply(input, to: d)
            d.stage = DecisionStage.drafting.rawValue
            d.enteredDays = [.drafting: today]
            d.adoptionNote = ""
            d.createdAt = now
            try await d.create(on: tx)
            if list.isPublished {
                try await log(list, d, "新增事项“\(d.title)”（承办单位：\(d.undertaker)，计划完成时间：\(d.planned)）", on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision,
                                            entityID: d.title, action: "新增", changes: [.init(field: "title", before: nil, after: d.title)])
            return d
        }
    }

    static func apply(_ i: DecisionInput, to d: Decision) {
        d.title = i.title
        d.kind = i.kind.rawValue
        d.undertaker = i.undertaker
        d.planned = i.planned
        d.methods = i.methods.map(\.rawValue).joined(separator: ",")
    }

    func update(_ d: Decision, with input: DecisionInput, actor: AuditActor) async throws {
        guard d.removedReason == nil else { throw Failure.refused("该事项已调出目录，不能再修改") }
        let before = (title: d.title, kind: d.kindValue?.shortLabel ?? "", undertaker: d.undertaker, planned: d.planned, methods: d.methodValues.map(\.label).joined(separator: "、"))
        Self.apply(input, to: d)
        var changes: [FieldChange] = []
        var publicText: [String] = []
        if before.title != d.title { changes.append(.init(field: "title", before: before.title, after: d.title)); publicText.append("名称由“\(before.title)”调整为“\(d.title)”") }
        let kind = d.kindValue?.shortLabel ?? ""
        if before.kind != kind { changes.append(.init(field: "kind", before: before.kind, after: kind)); publicText.append("事项类型由“\(before.kind)”调整为“\(kind)”") }
        if before.undertaker != d.undertaker { changes.append(.init(field: "undertaker", before: before.undertaker, after: d.undertaker)); publicText.append("承办单位由\(before.undertaker)调整为\(d.undertaker)") }
        if before.planned != d.planned { changes.append(.init(field: "planned", before: before.planned, after: d.planned)); publicText.append("计划完成时间由\(before.planned)调整为\(d.planned)") }
        let methods = d.methodValues.map(\.label).joined(separator: "、")
        if before.methods != methods { changes.append(.init(field: "methods", before: before.methods, after: methods)); publicText.append("公众参与方式调整为\(methods)") }
        guard !changes.isEmpty else { return }
        let (recorded, logged) = (changes, publicText)
        try await db.transaction { tx in
            try await d.update(on: tx)
            if let list = try await DecisionList.find(d.listID, on: tx), list.isPublished {
                try await log(list, d, "调整事项“\(before.title)”：" + logged.joined(separator: "；"), on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision,
                                            entityID: d.title, action: "修改", changes: recorded)
        }
    }

    /// 调出: the matter leaves the list with its reason; it stays in the change log.
    func remove(_ d: Decision, reason: String, actor: AuditActor) async throws {
        let reason = reason.trimmingSpaces()
        guard !reason.isEmpty else { throw Failure.invalid(["reason": "请填写调出目录的理由"]) }
        guard reason.count <= 500 else { throw Failure.invalid(["reason": "理由不能超过500个字"]) }
        guard d.removedReason == nil else { throw Failure.refused("该事项已调出目录") }
        d.removedReason = reason
        try await db.transaction { tx in
            try await d.update(on: tx)
            if let list = try await DecisionList.find(d.listID, on: tx), list.isPublished {
                try await log(list, d, "调出事项“\(d.title)”，理由：\(reason)", on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision,
                                            entityID: d.title, action: "调出目录", changes: [.init(field: "removed_reason", before: nil, after: reason)])
        }
    }

    /// Publishes the list once approved (Art. 3 ¶3); from then on every change is logged publicly.
    func publish(_ list: DecisionList, approval: String, actor: AuditActor) async throws {
        let approval = approval.trimmingSpaces()
        guard !approval.isEmpty else { throw Failure.invalid(["approval": "请填写目录经同级党委（党组）审定的情况，如“经县委常委会2026年2月10日会议审定”"]) }
        guard approval.count <= 200 else { throw Failure.invalid(["approval": "审定情况不能超过200个字"]) }
        guard !list.isPublished else { throw Failure.refused("目录已经公布，调整请逐项修改，系统将自动记录调整说明") }
        guard try await Decision.query(on: db).filter(\.$listID == list.requireID()).count() > 0 else {
            throw Failure.refused("目录中还没有事项，不能公布")
        }
        list.approval = approval
        list.publishedAt = services.clock.now()
        try await db.transaction { tx in
            try await list.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: list.organisationID, entity: .decisionList,
                                            entityID: "\(list.year)", action: "公布", changes: [.init(field: "approval", before: nil, after: approval)])
        }
    }

    /// Moves a decision to its next stage on `day` (the legality review's 7 working days are kept).
    func advance(_ d: Decision, to next: DecisionStage, on day: CivilDate, actor: AuditActor) async throws {
        guard d.removedReason == nil else { throw Failure.refused("该事项已调出目录") }
        let calendar = try await CalendarStore(services: services).calendar()
        guard day <= services.clock.today() else { throw Failure.invalid(["day": "日期不能晚于今天"]) }
        if let problem = d.stageValue.problem(movingTo: next, on: day, entered: d.enteredDays, calendar: calendar) {
            throw Failure.invalid(["day": problem])
        }
        let before = d.stageValue
        d.stage = next.rawValue
        var days = d.enteredDays
        days[next] = day
        d.enteredDays = days
        try await db.transaction { tx in
            try await d.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision, entityID: d.title,
                                            action: "进入\(next.label)阶段", changes: [.init(field: "stage", before: before.label, after: "\(next.label)（\(day)）")])
        }
    }

    func setAdoptionNote(_ d: Decision, note: String, actor: AuditActor) async throws {
        let note = note.trimmingSpaces()
        guard note.count <= 5000 else { throw Failure.invalid(["adoption_note": "采纳情况说明不能超过5000个字"]) }
        let before = d.adoptionNote
        d.adoptionNote = note
        try await db.transaction { tx in
            try await d.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision, entityID: d.title,
                                            action: "填写意见采纳情况", changes: [.init(field: "adoption_note", before: before, after: note)])
        }
    }

    /// Links a published item of the same organisation (by 索引号) as one of the decision's materials.
    func link(_ d: Decision, role: DecisionMaterial.Role, indexNumber: String, actor: AuditActor) async throws {
        guard d.removedReason == nil else { throw Failure.refused("该事项已调出目录") }
        let index = indexNumber.trimmingSpaces()
        guard !index.isEmpty, index.count <= 100 else { throw Failure.invalid(["index_number": "请填写已发布信息的索引号"]) }
        guard let item = try await ItemQueries.publicItems(on: db).filter(\.$indexNumber == index).first() else {
            throw Failure.invalid(["index_number": "找不到索引号为“\(index)”的已发布信息"])
        }
        // A 解读 must be a 政策解读 and the 决策文件 a document (so it went through 先审后发 as one).
        if role == .interpretation, item.kindValue != .interpretation {
            throw Failure.invalid(["index_number": "“\(item.title)”不是政策解读，不能作为解读材料关联"])
        }
        if role == .decision, !(item.kindValue.isPolicy || item.kindValue == .plan) {
            throw Failure.invalid(["index_number": "决策文件应为规章、行政规范性文件、其他文件或规划计划，“\(item.title)”是\(item.kindValue.label)"])
        }
        let undertaker = try await undertakerOrganisationID(of: d)
        guard item.organisationID == d.organisationID || item.organisationID == undertaker else {
            throw Failure.invalid(["index_number": "只能关联本机关或承办单位发布的信息"])
        }
        let itemID = try item.requireID(), decisionID = try d.requireID()
        if try await DecisionMaterial.query(on: db).filter(\.$decisionID == decisionID).filter(\.$role == role.rawValue)
            .filter(\.$itemID == itemID).first() != nil { return }
        let m = DecisionMaterial()
        m.id = UUID()
        m.decisionID = decisionID
        m.role = role.rawValue
        m.itemID = itemID
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: d.organisationID, entity: .decision, entityID: d.title,
                                            action: "关联\(role.label)", changes: [.init(field: role.rawValue, before: nil, after: index)])
        }
    }

    /// The organisation named as 承办单位, when it is one of ours (its items may be linked too).
    func undertakerOrganisationID(of d: Decision) async throws -> Int? {
        try await Organisation.query(on: db).group(.or) { $0.filter(\.$name == d.undertaker).filter(\.$shortName == d.undertaker) }.first()?.id
    }

    /// 谁起草谁解读: the department that drafted a policy — the 承办单位 of the decision it was
    /// published as, otherwise the organisation that published it.
    func drafterID(of policy: InformationItem) async throws -> Int {
        let itemID = try policy.requireID()
        if let m = try await DecisionMaterial.query(on: db).filter(\.$itemID == itemID).filter(\.$role == DecisionMaterial.Role.decision.rawValue).first(),
           let d = try await Decision.find(m.decisionID, on: db), let id = try await undertakerOrganisationID(of: d) {
            return id
        }
        return policy.organisationID
    }

    // MARK: 公众参与事项清单

    func matters(of organisationID: Int, year: Int, publishedOnly: Bool) async throws -> [ParticipationMatter] {
        var q = ParticipationMatter.query(on: db).filter(\.$organisationID == organisationID).filter(\.$year == year)
        if publishedOnly { q = q.filter(\.$publishedAt != nil) }
        return try await q.sort(\.$position).all()
    }

    func addMatter(to org: Organisation, year: Int, matter: String, scope: String, methods: [ParticipationMethod], channels: String,
                   timing: String, actor: AuditActor) async throws {
        let orgID = try org.requireID()
        try await db.transaction { tx in
            let last = try await ParticipationMatter.query(on: tx).filter(\.$organisationID == orgID).filter(\.$year == year)
                .sort(\.$position, .descending).first()
            let m = ParticipationMatter()
            m.id = UUID(); m.organisationID = orgID; m.year = year; m.position = (last?.position ?? 0) + 1
            m.matter = matter; m.scope = scope; m.methods = methods.map(\.rawValue).joined(separator: ","); m.channels = channels; m.timing = timing
            try await m.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: orgID, entity: .decisionList, entityID: "\(year)",
                                            action: "新增公众参与事项", changes: [.init(field: "matter", before: nil, after: matter)])
        }
    }

    /// Publishes every row not yet public.
    func publishMatters(of org: Organisation, year: Int, actor: AuditActor) async throws {
        let rows = try await matters(of: org.requireID(), year: year, publishedOnly: false).filter { $0.publishedAt == nil }
        guard !rows.isEmpty else { throw Failure.refused("没有待公布的公众参与事项") }
        let now = services.clock.now()
        try await db.transaction { tx in
            for r in rows {
                r.publishedAt = now
                try await r.update(on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: org.id, entity: .decisionList, entityID: "\(year)",
                                            action: "公布公众参与事项清单", changes: [.init(field: "rows", before: nil, after: String(rows.count))])
        }
    }

    func log(_ list: DecisionList, _ d: Decision, _ text: String, on tx: any Database) async throws {
        let c = DecisionChange()
        c.id = UUID()
        c.listID = try list.requireID()
        c.decisionID = d.id
        c.changedOn = services.clock.today().description
        c.text = text
        c.createdAt = services.clock.now()
        try await c.create(on: tx)
    }
}
