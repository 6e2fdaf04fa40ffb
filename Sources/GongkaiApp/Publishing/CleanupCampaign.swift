import FluentKit
import Foundation
import GongkaiDomain

/// A cleanup (清理) of the policy documents of an organisation and everything below it.
final class CleanupCampaign: Model, @unchecked Sendable {
    static let schema = "cleanup_campaigns"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "name") var name: String
    /// "open" while decisions are recorded, "finished" once applied and the notice drafted.
    @Field(key: "status") var status: String
    @OptionalField(key: "notice_item_id") var noticeItemID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String

    init() {}

    var isOpen: Bool { status == "open" }
}

final class CleanupDecisionRecord: Model, @unchecked Sendable {
    static let schema = "cleanup_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "decision") var decision: String
    @Field(key: "note") var note: String
    @Field(key: "decided_by") var decidedBy: String
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

/// Running a cleanup: the documents in scope, a decision per document, and finishing — validity
/// changes applied and the 清理结果 notice drafted for the usual review.
struct CleanupDesk: Sendable {
    let services: AppServices

    typealias Failure = DeskFailure

    func start(name: String, for org: Organisation, actor: AuditActor) async throws -> CleanupCampaign {
        let trimmed = name.trimmingSpaces()
        guard (4...100).contains(trimmed.count) else { throw Failure.invalid(["name": "请填写清理名称（4–100字），如“2026年行政规范性文件集中清理”"]) }
        let c = CleanupCampaign()
        c.id = UUID()
        c.organisationID = try org.requireID()
        c.name = trimmed
        c.status = "open"
        c.createdAt = services.clock.now()
        c.createdBy = actor.name
        let audit = services.audit
        try await services.db.transaction { db in
            try await c.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: c.organisationID, entity: .cleanup, entityID: c.id!.uuidString,
                                   action: "新建", changes: [.init(field: "name", before: nil, after: trimmed)])
        }
        return c
    }

    /// Published policy documents in force (or amended) of the organisation and its subtree,
    /// oldest first: those past their expiry date come first.
    func candidates(for c: CleanupCampaign) async throws -> [InformationItem] {
        guard let root = try await Organisation.find(c.organisationID, on: services.db) else { return [] }
        let orgIDs = try await Organisation.query(on: services.db).all().filter { $0.ancestry.isWithin(root.ancestry) }.compactMap(\.id)
        let items = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID ~~ orgIDs)
            .filter(\.$kind ~~ InformationKind.allCases.filter(\.isPolicy).map(\.rawValue))
            .filter(\.$validity ~~ [Validity.inForce.rawValue, Validity.amended.rawValue]).sort(\.$writtenOn).all()
        let today = services.clock.today().description
        return items.filter { ($0.expiresOn ?? "9999") <= today } + items.filter { ($0.expiresOn ?? "9999") > today }
    }

    func decide(_ c: CleanupCampaign, item: InformationItem, decision: CleanupDecision, note: String, actor: AuditActor) async throws {
        guard c.isOpen else { throw Failure.refused("该清理已结束") }
        guard try await candidates(for: c).contains(where: { $0.id == item.id }) else { throw Failure.refused("该文件不在本次清理范围内") }
        if decision != .keep && note.trimmingSpaces().count < 2 { throw Failure.invalid(["note": "“\(decision.label)”请写明理由"]) }
        let cid = try c.requireID(), iid = try item.requireID()
        let audit = services.audit
        try await services.db.transaction { db in
            let existing = try await CleanupDecisionRecord.query(on: db).filter(\.$campaignID == cid).filter(\.$itemID == iid).first()
            let r = existing ?? CleanupDecisionRecord()
            let before = existing.flatMap { CleanupDecision(rawValue: $0.decision)?.label }
            r.campaignID = cid
            r.itemID = iid
            r.decision = decision.rawValue
            r.note = note.trimmingSpaces()
            r.decidedBy = actor.name
            r.decidedAt = services.clock.now()
            try await r.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: c.organisationID, entity: .cleanup, entityID: item.indexNumber,
                                   action: "清理意见", changes: [.init(field: "decision", before: before, after: decision.label)])
        }
    }

    func decisions(of c: CleanupCampaign) async throws -> [CleanupDecisionRecord] {
        try await CleanupDecisionRecord.query(on: services.db).filter(\.$campaignID == c.requireID()).all()
    }

    /// Applies the decisions and drafts the 清理结果 notice (which then goes through review).
    func finish(_ c: CleanupCampaign, author: StaffUser, actor: AuditActor) async throws -> InformationItem {
        guard c.isOpen else { throw Failure.refused("该清理已结束") }
        let candidates = try await candidates(for: c)
        let decided = try await decisions(of: c)
        let undecided = candidates.filter { item in !decided.contains { $0.itemID == item.id } }
        guard undecided.isEmpty else { throw Failure.refused("还有\(undecided.count)件文件没有清理意见") }
        guard !decided.isEmpty, let org = try await Organisation.find(c.organisationID, on: services.db) else {
            throw Failure.refused("没有需要清理的文件")
        }
        let names = Dictionary(try await Organisation.query(on: services.db).all().map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        let desk = PublishingDesk(services: services)
        var rows: [CleanupDecision.Row] = []
        for item in candidates {
            guard let d = decided.first(where: { $0.itemID == item.id }), let decision = CleanupDecision(rawValue: d.decision) else { continue }
            rows.append(.init(title: item.title, documentNumber: item.documentNumber, issuer: names[item.organisationID] ?? "",
                              decision: decision, note: d.note))
            if let v = decision.resultingValidity {
                try await desk.changeValidity(item, to: v, successorIndex: "", on: nil, actor: actor)
            }
        }
        var input = ItemInput()
        input.title = "关于\(c.name)结果的公告"
        input.kind = .notice
        input.genre = "公告"
        input.topic = "综合政务"
        input.writtenOn = services.clock.today()
        input.summary = String("公布\(c.name)中继续有效、拟修改、废止和宣布失效的文件目录。".prefix(ItemInput.summaryLimit))
        input.bodyHTML = HTMLSanitizer.sanitize(CleanupDecision.noticeHTML(campaign: c.name, organisation: org.name, rows: rows))
        input.columns = ["zcwj"]
        let notice = try await desk.create(input, in: org, author: author, actor: actor)
        c.status = "finished"
        c.noticeItemID = notice.id
        let audit = services.audit
        try await services.db.transaction { db in
            try await c.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: c.organisationID, entity: .cleanup, entityID: c.id!.uuidString,
                                   action: "完成", changes: [.init(field: "notice", before: nil, after: notice.indexNumber)])
        }
        return notice
    }
}
