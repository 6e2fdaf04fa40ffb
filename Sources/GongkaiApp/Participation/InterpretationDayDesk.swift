import FluentKit
import Foundation
import GongkaiDomain

/// 政策解读日: the month's plan (themes, publication by the month before), links to the
/// interpretation items, and the public's proposals with moderation and support.
struct InterpretationDayDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure
    struct Refused: Error { let message: String }

    var db: any Database { services.db }

    func plan(of organisationID: Int, year: Int, month: Int, on db: (any Database)? = nil) async throws -> InterpretationPlan? {
        try await InterpretationPlan.query(on: db ?? self.db).filter(\.$organisationID == organisationID)
            .filter(\.$year == year).filter(\.$month == month).first()
    }

    func themes(of plan: InterpretationPlan) async throws -> [InterpretationTheme] {
        try await InterpretationTheme.query(on: db).filter(\.$planID == plan.requireID()).sort(\.$heldOn).sort(\.$position).all()
    }

    func addTheme(_ t: InterpretationDay.Theme, to org: Organisation, year: Int, month: Int, proposal: InterpretationProposal?,
                  actor: AuditActor) async throws -> InterpretationTheme {
        let orgID = try org.requireID()
        return try await db.transaction { tx in
            let plan: InterpretationPlan
            if let p = try await self.plan(of: orgID, year: year, month: month, on: tx) { plan = p } else {
                plan = InterpretationPlan()
                plan.id = UUID(); plan.organisationID = orgID; plan.year = year; plan.month = month
                try await plan.create(on: tx)
            }
            let last = try await InterpretationTheme.query(on: tx).filter(\.$planID == plan.requireID()).sort(\.$position, .descending).first()
            let theme = InterpretationTheme()
            theme.id = UUID(); theme.planID = try plan.requireID(); theme.position = (last?.position ?? 0) + 1
            theme.title = t.title; theme.interpreter = t.interpreter; theme.audience = t.audience; theme.form = t.form
            theme.channel = t.channel; theme.heldOn = t.heldOn.description; theme.proposalID = proposal?.id
            try await theme.create(on: tx)
            if let proposal {
                proposal.adopted = true
                try await proposal.update(on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: orgID, entity: .interpretationDay, entityID: "\(year)年\(month)月",
                                            action: "新增解读主题", changes: [.init(field: "theme", before: nil, after: "\(t.title)（\(t.interpreter)，\(t.heldOn)）")])
            return theme
        }
    }

    func publish(_ plan: InterpretationPlan, actor: AuditActor) async throws {
        guard plan.publishedAt == nil else { throw Failure.refused("计划已经公布") }
        let themes = try await themes(of: plan).map(\.value)
        let problems = InterpretationDay.problems(themes, year: plan.year, month: plan.month, minimumThemes: services.config.interpretationDayThemes)
        guard problems.isEmpty else { throw Failure.refused(problems.joined(separator: "；")) }
        plan.publishedAt = services.clock.now()
        try await db.transaction { tx in
            try await plan.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: plan.organisationID, entity: .interpretationDay,
                                            entityID: "\(plan.year)年\(plan.month)月", action: "公布解读日计划")
        }
    }

    /// Links the interpretation (an item of kind 政策解读, of any organisation: the drafting
    /// department publishes it).
    func link(_ theme: InterpretationTheme, plan: InterpretationPlan, indexNumber: String, actor: AuditActor) async throws {
        let index = indexNumber.trimmingSpaces()
        guard !index.isEmpty, let item = try await ItemQueries.publicItems(on: db).filter(\.$indexNumber == index).first() else {
            throw Failure.invalid(["index_number": "找不到索引号为“\(index.prefix(60))”的已发布信息"])
        }
        guard item.kind == InformationKind.interpretation.rawValue else { throw Failure.invalid(["index_number": "请关联类别为“政策解读”的信息"]) }
        theme.itemID = item.id
        try await db.transaction { tx in
            try await theme.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: plan.organisationID, entity: .interpretationDay,
                                            entityID: "\(plan.year)年\(plan.month)月", action: "关联解读", changes: [.init(field: theme.title, before: nil, after: index)])
        }
    }

    // MARK: Proposals (点菜)

    func propose(text: String, name: String, contact: String, to org: Organisation, clientAddress: String) async throws -> InterpretationProposal {
        let now = services.clock.now()
        let dialect = services.database.dialect
        let orgID = try org.requireID()
        for attempt in 0..<5 {
            do {
                return try await db.transaction { tx in
                    try await dialect.lockAuditChain(on: tx)
                    if try await InterpretationProposal.query(on: tx).filter(\.$clientAddress == clientAddress)
                        .filter(\.$submittedAt >= now.addingTimeInterval(-86400)).count() >= 5 {
                        throw Refused(message: "同一网络一天内提出的主题过多，请明天再试。")
                    }
                    let p = InterpretationProposal()
                    p.id = UUID(); p.organisationID = orgID
                    p.receipt = ReceiptNumber.make("DC", on: SiteClock.day(of: now))
                    p.text = text; p.name = name; p.contact = contact
                    p.moderation = CommentModeration.pending.rawValue; p.supporters = 0; p.adopted = false
                    p.clientAddress = clientAddress; p.submittedAt = now
                    try await p.create(on: tx)
                    try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（解读点菜）", clientAddress: clientAddress),
                                                    organisationID: orgID, entity: .interpretationDay, entityID: p.receipt, action: "提出解读主题")
                    return p
                }
            } catch let r as Refused { throw r } catch where attempt < 4 { continue }
        }
        throw Refused(message: "暂时无法保存，请稍后重试。")
    }

    func moderate(_ p: InterpretationProposal, to outcome: CommentModeration, actor: AuditActor) async throws {
        guard outcome != .pending else { throw Failure.invalid(["moderation": "请选择审核结果"]) }
        let before = p.moderationValue
        p.moderation = outcome.rawValue
        try await db.transaction { tx in
            try await p.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: p.organisationID, entity: .interpretationDay, entityID: p.receipt,
                                            action: "审核解读主题建议", changes: [.init(field: "moderation", before: before.label, after: outcome.label)])
        }
    }

    /// One support per visitor (their cookie) and at most 30 a day from one address. Returns false
    /// when this visitor had already supported it.
    func support(_ p: InterpretationProposal, voter: String, clientAddress: String) async throws -> Bool {
        guard p.moderationValue == .approved else { throw Refused(message: "该建议尚未公开。") }
        let now = services.clock.now()
        let key = Tokens.sha256Hex(voter)
        let dialect = services.database.dialect
        let proposalID = try p.requireID()
        return try await db.transaction { tx in
            try await dialect.lockAuditChain(on: tx)
            if try await ProposalSupport.query(on: tx).filter(\.$proposalID == proposalID).filter(\.$voter == key).first() != nil { return false }
            if try await ProposalSupport.query(on: tx).filter(\.$clientAddress == clientAddress)
                .filter(\.$supportedAt >= now.addingTimeInterval(-86400)).count() >= 30 {
                throw Refused(message: "同一网络一天内支持的次数过多，请明天再试。")
            }
            let s = ProposalSupport()
            s.id = UUID(); s.proposalID = proposalID; s.voter = key; s.clientAddress = clientAddress; s.supportedAt = now
            try await s.create(on: tx)
            let count = try await ProposalSupport.query(on: tx).filter(\.$proposalID == proposalID).count()
            p.supporters = count
            try await p.update(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（支持解读主题）", clientAddress: clientAddress),
                                            organisationID: p.organisationID, entity: .interpretationDay, entityID: p.receipt, action: "支持解读主题")
            return true
        }
    }
}
