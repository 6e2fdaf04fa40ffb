import FluentKit
import Foundation
import GongkaiDomain

/// 更正 and 有效性变更 of published items go through review before they are public (see
/// `PublicChange` for the rule and its legal basis). One open change per item at a time.
struct ItemChangeDesk: Sendable {
    let publishing: PublishingDesk
    var services: AppServices { publishing.services }

    typealias Failure = PublishingDesk.Failure

    func open(for item: InformationItem) async throws -> ItemChange? {
        try await ItemChange.query(on: services.db).filter(\.$itemID == item.requireID())
            .filter(\.$status == ItemChange.Status.inReview.rawValue).first()
    }

    func flow(of change: ItemChange, item: InformationItem) async throws -> ReviewFlow {
        change.kindValue.flow(from: try await publishing.settings(for: item.organisationID).flow)
    }

    // MARK: Proposing

    func proposeCorrection(_ item: InformationItem, title: String, bodyHTML: String, reason: String,
                           proposerID: UUID?, actor: AuditActor) async throws -> ItemChange {
        guard item.state == .published else { throw Failure.refused("只有已发布的信息可以更正") }
        let errors = PublishingDesk.correctionErrors(title: title, bodyHTML: bodyHTML, reason: reason)
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let change = try await newChange(.correction, for: item, proposerID: proposerID, actor: actor)
        change.title = title.trimmingSpaces()
        change.bodyHTML = HTMLSanitizer.sanitize(bodyHTML)
        change.reason = reason.trimmingSpaces()
        return try await submit(change, item: item, actor: actor)
    }

    func proposeValidity(_ item: InformationItem, to validity: Validity, successorIndex: String, on date: CivilDate?,
                         proposerID: UUID?, actor: AuditActor) async throws -> ItemChange {
        guard validity != item.validityValue else { throw Failure.invalid(["validity": "有效性没有变化"]) }
        _ = try await publishing.validitySuccessor(item, to: validity, successorIndex: successorIndex)
        let change = try await newChange(.validity, for: item, proposerID: proposerID, actor: actor)
        change.validity = validity.rawValue
        change.successorIndex = successorIndex.trimmingSpaces()
        change.effectiveOn = date?.description
        return try await submit(change, item: item, actor: actor)
    }

    private func newChange(_ kind: PublicChange, for item: InformationItem, proposerID: UUID?, actor: AuditActor) async throws -> ItemChange {
        if let pending = try await open(for: item) {
            throw Failure.refused("这条信息已有一项待审核的\(pending.kindValue.label)，审核完成或退回后才能再提出")
        }
        let c = ItemChange()
        c.id = UUID()
        c.itemID = try item.requireID()
        c.kind = kind.rawValue
        c.status = ItemChange.Status.inReview.rawValue
        c.step = 0
        c.title = item.title
        c.bodyHTML = item.bodyHTML
        c.reason = ""
        c.proposerID = proposerID
        c.proposerName = actor.name
        c.createdAt = services.clock.now()
        return c
    }

    private func submit(_ change: ItemChange, item: InformationItem, actor: AuditActor) async throws -> ItemChange {
        try await record(change, item: item, create: true, event: .changeProposed, action: "提出\(change.kindValue.label)",
                         note: change.summary, actor: actor)
        // An organisation without review steps applies the change at once, as it publishes.
        if try await flow(of: change, item: item).steps.isEmpty { try await apply(change, to: item, actor: actor) }
        return change
    }

    // MARK: Checks

    /// The checks on what the change would make public: the corrected title and body and the
    /// public reason (a validity change publishes no new text).
    func findings(for change: ItemChange) async throws -> [Finding] {
        guard change.kindValue == .correction else { return [] }
        return try await CheckTermStore(services: services).checker()
            .check(title: change.title, bodyHTML: change.bodyHTML, extra: [(source: "更正原因", text: change.reason)])
    }

    func unresolvedSevere(_ change: ItemChange) async throws -> Int {
        guard change.overrideReason == nil else { return 0 }
        return try await findings(for: change).filter(\.isSevere).count
    }

    func maskPersonalData(_ change: ItemChange, item: InformationItem, actor: AuditActor) async throws {
        guard change.statusValue == .inReview else { throw Failure.refused("该变更不在审核中") }
        let found = try await findings(for: change).filter { $0.kind.isPersonalData }
        guard !found.isEmpty else { return }
        change.bodyHTML = ContentChecker.maskPersonalData(in: change.bodyHTML, findings: found.filter { $0.source == "正文" })
        change.title = ContentChecker.maskPersonalData(in: change.title, findings: found.filter { $0.source == "标题" })
        change.reason = ContentChecker.maskPersonalData(in: change.reason, findings: found.filter { $0.source == "更正原因" })
        try await record(change, item: item, event: .changeMasked, action: "个人信息脱敏（\(change.kindValue.label)）",
                         note: "\(found.count)处", actor: actor)
    }

    func overrideFindings(_ change: ItemChange, item: InformationItem, reason: String, actor: AuditActor) async throws {
        guard reason.trimmingSpaces().count >= 4 else { throw Failure.invalid(["change_reason": "请说明放行的理由（至少4个字）"]) }
        guard change.statusValue == .inReview else { throw Failure.refused("只能在审核中放行") }
        change.overrideReason = reason.trimmingSpaces()
        change.overrideBy = actor.name
        try await record(change, item: item, event: .changeOverridden, action: "保密审查放行（\(change.kindValue.label)）",
                         note: reason, actor: actor)
    }

    // MARK: Review

    func approve(_ change: ItemChange, item: InformationItem, roles: Set<StaffRole>, actorUserID: UUID?, actor: AuditActor) async throws {
        guard change.statusValue == .inReview else { throw Failure.refused("该变更不在审核中") }
        let flow = try await flow(of: change, item: item)
        let severe = try await unresolvedSevere(change)
        let next: ReviewFlow.State
        do {
            next = try flow.apply(.approve, to: .inReview(step: change.step), actorRoles: roles,
                                  actorIsAuthor: actorUserID != nil && actorUserID == change.proposerID,
                                  unresolvedSevere: severe)
        } catch {
            throw Failure.refused(error.description)
        }
        let stepName = change.step < flow.steps.count ? flow.steps[change.step].name : "审核"
        if case .inReview(let s) = next {
            change.step = s
            try await record(change, item: item, event: .changeApproved, action: "审核通过（\(change.kindValue.label)）",
                             note: stepName, actor: actor)
        } else {
            try await record(change, item: item, event: .changeApproved, action: "审核通过（\(change.kindValue.label)）",
                             note: stepName, actor: actor)
            try await apply(change, to: item, actor: actor)
        }
    }

    func sendBack(_ change: ItemChange, item: InformationItem, reason: String, roles: Set<StaffRole>, actor: AuditActor) async throws {
        guard change.statusValue == .inReview else { throw Failure.refused("该变更不在审核中") }
        let flow = try await flow(of: change, item: item)
        do {
            _ = try flow.apply(.sendBack(reason: reason), to: .inReview(step: change.step), actorRoles: roles,
                               actorIsAuthor: false, unresolvedSevere: 0)
        } catch {
            throw Failure.refused(error.description)
        }
        change.status = ItemChange.Status.returned.rawValue
        change.decidedAt = services.clock.now()
        try await record(change, item: item, event: .changeReturned, action: "退回（\(change.kindValue.label)）", note: reason, actor: actor)
    }

    /// The last approval: the change goes live through the publishing desk, which keeps the old
    /// version, the history, the audit record, search and the column lists in step.
    private func apply(_ change: ItemChange, to item: InformationItem, actor: AuditActor) async throws {
        switch change.kindValue {
        case .correction:
            try await publishing.correct(item, title: change.title, bodyHTML: change.bodyHTML, reason: change.reason, actor: actor)
        case .validity:
            guard let v = change.validityValue else { throw Failure.refused("变更内容不完整") }
            try await publishing.changeValidity(item, to: v, successorIndex: change.successorIndex ?? "",
                                                on: change.effectiveOn.flatMap(CivilDate.init(iso:)), actor: actor)
        }
        change.status = ItemChange.Status.applied.rawValue
        change.decidedAt = services.clock.now()
        try await change.update(on: services.db)
    }

    private func record(_ change: ItemChange, item: InformationItem, create: Bool = false, event: ItemHistoryAction, action: String,
                        note: String, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            if create { try await change.create(on: db) } else { try await change.update(on: db) }
            try await PublishingDesk.event(item, event, actor: actor, note: note, at: publishing.services.clock.now(), on: db)
            try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                   entityID: item.indexNumber, action: action,
                                   changes: [.init(field: "change", before: nil, after: change.summary)])
        }
    }
}
