import FluentKit
import Foundation
import GongkaiDomain

/// 办事指南 through 先审后发: staff write a draft (a new guide, or the next version of a published
/// one), submit it — refused while a key element is missing, naming it — and a reviewer other than
/// the submitter approves it; the approved version becomes the public one and is kept. Audited.
struct ServiceGuideDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    enum DraftState: String { case draft, inReview = "in_review" }

    func create(_ content: ServiceGuideContent, in org: Organisation, actor: AuditActor) async throws -> ServiceGuide {
        guard !content.name.isEmpty else { throw Failure.invalid(["name": "请填写事项名称"]) }
        let g = ServiceGuide()
        g.id = UUID(); g.organisationID = try org.requireID(); g.name = content.name; g.version = 0
        g.draftJSON = try ServiceGuide.encode(content); g.draftState = DraftState.draft.rawValue; g.returnReason = ""
        g.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await g.create(on: tx)
            try await audit(g, "新建办事指南", on: tx, actor: actor)
        }
        return g
    }

    /// Saves the draft (starting one from the published version if there is none).
    func save(_ g: ServiceGuide, _ content: ServiceGuideContent, actor: AuditActor) async throws {
        guard g.draftState != DraftState.inReview.rawValue else { throw Failure.refused("指南正在审核，审核完成或退回后才能修改") }
        guard g.withdrawnAt == nil else { throw Failure.refused("该事项已停止公开") }
        guard !content.name.isEmpty else { throw Failure.invalid(["name": "请填写事项名称"]) }
        g.draftJSON = try ServiceGuide.encode(content); g.draftState = DraftState.draft.rawValue; g.name = content.name
        try await db.transaction { tx in
            try await g.update(on: tx)
            try await audit(g, "保存指南草稿", on: tx, actor: actor)
        }
    }

    func submit(_ g: ServiceGuide, by userID: UUID?, actor: AuditActor) async throws {
        guard g.draftState == DraftState.draft.rawValue, let draft = g.draft else { throw Failure.refused("没有待提交的草稿") }
        let missing = draft.missing
        guard missing.isEmpty else {
            throw Failure.invalid(["missing": "缺少办事指南必备要素：\(missing.map(\.rawValue).joined(separator: "、"))。补齐后才能提交审核。"])
        }
        g.draftState = DraftState.inReview.rawValue; g.submittedBy = userID; g.returnReason = ""
        try await db.transaction { tx in
            try await g.update(on: tx)
            try await audit(g, "提交指南审核", on: tx, actor: actor)
        }
    }

    func approve(_ g: ServiceGuide, by userID: UUID?, actor: AuditActor) async throws {
        guard g.draftState == DraftState.inReview.rawValue, let json = g.draftJSON, let draft = g.draft else { throw Failure.refused("没有待审核的指南") }
        guard userID == nil || userID != g.submittedBy else { throw Failure.refused("不能审核自己提交的指南") }
        let now = services.clock.now()
        let before = g.version
        g.version += 1; g.publishedJSON = json; g.publishedAt = now; g.name = draft.name
        g.draftJSON = nil; g.draftState = nil; g.submittedBy = nil
        let v = ServiceGuideVersion()
        v.id = UUID(); v.guideID = try g.requireID(); v.version = g.version; v.contentJSON = json; v.approvedBy = actor.name; v.publishedAt = now
        try await db.transaction { tx in
            try await g.update(on: tx)
            try await v.create(on: tx)
            try await audit(g, "审核通过并发布指南", changes: [.init(field: "version", before: String(before), after: String(g.version))], on: tx, actor: actor)
        }
    }

    func sendBack(_ g: ServiceGuide, reason raw: String, actor: AuditActor) async throws {
        guard g.draftState == DraftState.inReview.rawValue else { throw Failure.refused("没有待审核的指南") }
        let reason = raw.trimmingSpaces()
        guard !reason.isEmpty, reason.count <= 300 else { throw Failure.invalid(["reason": "请填写退回的理由（300字以内）"]) }
        g.draftState = DraftState.draft.rawValue; g.returnReason = reason
        try await db.transaction { tx in
            try await g.update(on: tx)
            try await audit(g, "退回指南修改", changes: [.init(field: "reason", before: nil, after: reason)], on: tx, actor: actor)
        }
    }

    func withdraw(_ g: ServiceGuide, reason raw: String, actor: AuditActor) async throws {
        guard g.isPublic else { throw Failure.refused("该指南未公开") }
        let reason = raw.trimmingSpaces()
        guard !reason.isEmpty, reason.count <= 300 else { throw Failure.invalid(["reason": "请填写停止公开的理由（300字以内）"]) }
        g.withdrawnAt = services.clock.now()
        try await db.transaction { tx in
            try await g.update(on: tx)
            try await audit(g, "停止公开指南", changes: [.init(field: "reason", before: nil, after: reason)], on: tx, actor: actor)
        }
    }

    func audit(_ g: ServiceGuide, _ action: String, changes: [FieldChange] = [], on tx: any Database, actor: AuditActor) async throws {
        try await services.audit.record(on: tx, actor: actor, organisationID: g.organisationID, entity: .serviceGuide, entityID: g.name,
                                        action: action, changes: changes)
    }
}
