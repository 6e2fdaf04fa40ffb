import FluentKit
import Foundation
import GongkaiDomain

/// Creating, reviewing, publishing and maintaining information items. Every change is checked
/// against the domain rules, written to the item's history and to the audit trail in one transaction.
struct PublishingDesk: Sendable {
    let services: AppServices
    /// Fixed settings (tests, tools); nil: each organisation's own, inherited down the tree.
    var fixed: PublishingSettings? = nil
    /// Runs right after each stored change is committed (tests of what the public sees then).
    var afterCommit: (@Sendable () async throws -> Void)? = nil

    var pipeline: PublicationPipeline { PublicationPipeline(services: services, afterCommit: afterCommit) }

    func settings(for organisationID: Int) async throws -> PublishingSettings {
        if let fixed { return fixed }
        return try await PublishingSettingsStore(services: services).settings(forOrganisationID: organisationID)
    }

    typealias Failure = DeskFailure

    // MARK: Drafting

    /// `id` lets a caller that must name the item first (a feedback it has claimed) choose it.
    func create(_ input: ItemInput, in org: Organisation, author: StaffUser, actor: AuditActor, id: UUID? = nil) async throws -> InformationItem {
        let orgID = try org.requireID()
        let interprets = try await interpretedPolicy(input)
        let year = services.clock.today().year
        let pattern = try await settings(for: orgID).indexPattern
        for attempt in 0..<5 {
            do {
                return try await services.db.transaction { db in
                    let last = try await InformationItem.query(on: db).filter(\.$organisationID == orgID).filter(\.$year == year)
                        .sort(\.$serial, .descending).first()
                    let item = InformationItem()
                    item.id = id ?? UUID()
                    item.organisationID = orgID
                    item.year = year
                    item.serial = (last?.serial ?? 0) + 1 + attempt
                    item.indexNumber = pattern.format(creditCode: org.creditCode ?? "", organisationID: orgID, year: year, serial: item.serial)
                    item.status = ReviewFlow.State.draft.stored.status
                    item.authorID = try author.requireID()
                    item.authorName = author.displayName
                    item.version = 1
                    item.createdAt = services.clock.now()
                    Self.apply(input, to: item, at: services.clock.now())
                    item.interpretsID = interprets
                    try await item.create(on: db)
                    try await Self.event(item, .created, actor: actor, note: "", at: services.clock.now(), on: db)
                    try await services.audit.record(on: db, actor: actor, organisationID: orgID, entity: .informationItem,
                                                    entityID: item.indexNumber, action: "新建", changes: [.init(field: "title", before: nil, after: item.title)])
                    return item
                }
            } catch where attempt < 4 {
                // Another instance took the same serial: try the next one.
                continue
            }
        }
        throw Failure.refused("暂时无法生成索引号，请重试")
    }

    func update(_ item: InformationItem, with input: ItemInput, actor: AuditActor) async throws {
        guard item.state.isEditable else { throw Failure.refused("只有草稿或退回修改的信息可以修改") }
        let beforeTitle = item.title, beforeBody = item.bodyHTML
        let interprets = try await interpretedPolicy(input)
        Self.apply(input, to: item, at: services.clock.now())
        item.interpretsID = interprets
        if item.bodyHTML != beforeBody || item.title != beforeTitle {
            item.overrideReason = nil
            item.overrideBy = nil
        }
        try await save(item, action: "修改", event: .edited, actor: actor, note: "",
                       changes: [.init(field: "title", before: beforeTitle, after: item.title)])
    }

    static func apply(_ i: ItemInput, to item: InformationItem, at now: Date) {
        item.title = i.title
        item.documentNumber = i.documentNumber
        item.coIssuers = i.coIssuers
        item.writtenOn = i.writtenOn?.description ?? ""
        item.formedOn = (i.formedOn ?? i.writtenOn)?.description ?? ""
        item.kind = i.kind.rawValue
        item.genre = i.genre
        item.topic = i.topic
        item.keywords = i.keywords
        item.summary = i.summary
        item.bodyHTML = i.bodyHTML
        // Spaces around every key, so a column is found with LIKE '% key %'.
        item.columns = " " + i.columns.joined(separator: " ") + " "
        item.attribute = i.attribute.rawValue
        item.ground = i.ground?.rawValue
        item.groundReason = i.groundReason
        item.reevaluateOn = i.reevaluateOn?.description
        item.validity = i.validity.rawValue
        item.effectiveOn = i.effectiveOn?.description
        item.expiresOn = i.expiresOn?.description
        item.needsInterpretation = i.needsInterpretation
        item.interpretationForm = i.interpretationForm?.rawValue
        item.qaText = i.qaText.isEmpty ? nil : i.qaText
        item.mediaURL = i.mediaURL.isEmpty ? nil : i.mediaURL
        item.publishAt = i.publishAt.flatMap(Self.date(from:))
        item.updatedAt = now
    }

    static func date(from t: LocalDateTime) -> Date? {
        SiteClock.instant(t.date, hour: t.hour, minute: t.minute)
    }

    static func localTime(_ d: Date) -> LocalDateTime? {
        let c = SiteClock.china.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        guard let day = CivilDate(year: c.year!, month: c.month!, day: c.day!) else { return nil }
        return LocalDateTime(date: day, hour: c.hour!, minute: c.minute!)
    }

    /// The policy a 政策解读 names by its 索引号 (nil for other kinds).
    func interpretedPolicy(_ input: ItemInput) async throws -> UUID? {
        guard input.kind == .interpretation else { return nil }
        guard let policy = try await InformationItem.query(on: services.db).filter(\.$indexNumber == input.interprets).first(),
              policy.kindValue.isPolicy else {
            throw Failure.invalid(["interprets": "找不到索引号为“\(input.interprets)”的政策文件"])
        }
        return policy.id
    }

    // MARK: Checks

    func findings(for item: InformationItem) async throws -> [Finding] {
        try await CheckTermStore(services: services).checker()
            .check(title: item.title, bodyHTML: item.bodyHTML, extra: try await attachmentTexts(of: item))
            + (try await LinkCheckStore(services: services).deadLinkFindings(in: item.bodyHTML))
    }

    /// The text of the item's DOCX and XLSX attachments, where name lists with personal data hide.
    func attachmentTexts(of item: InformationItem) async throws -> [(source: String, text: String)] {
        try await AttachmentTexts.of(item, on: services.db)
    }

    /// Severe findings that still stop the last approval: none once a 保密审查员 has overridden them.
    func unresolvedSevere(_ item: InformationItem) async throws -> Int {
        guard item.overrideReason == nil else { return 0 }
        return try await findings(for: item).filter(\.isSevere).count
    }

    /// Masks every personal-data finding in title and body (one click on the review screen).
    func maskPersonalData(_ item: InformationItem, actor: AuditActor) async throws -> Int {
        guard item.state.isEditable || isInReview(item) else { throw Failure.refused("已发布的信息请用“更正”修改") }
        let found = try await findings(for: item).filter { $0.kind.isPersonalData }
        guard !found.isEmpty else { return 0 }
        item.bodyHTML = ContentChecker.maskPersonalData(in: item.bodyHTML, findings: found.filter { $0.source == "正文" })
        item.title = ContentChecker.maskPersonalData(in: item.title, findings: found.filter { $0.source == "标题" })
        item.updatedAt = services.clock.now()
        try await save(item, action: "个人信息脱敏", event: .masked, actor: actor, note: "\(found.count)处",
                       changes: [.init(field: "masked", before: nil, after: found.map(\.suggestion!).joined(separator: "、"))])
        return found.count
    }

    /// A 保密审查员 lets the severe findings pass, with a reason (kept until the text changes).
    func overrideFindings(_ item: InformationItem, reason: String, actor: AuditActor) async throws {
        guard reason.trimmingSpaces().count >= 4 else { throw Failure.invalid(["reason": "请说明放行的理由（至少4个字）"]) }
        guard isInReview(item) else { throw Failure.refused("只能在审核中放行") }
        item.overrideReason = reason.trimmingSpaces()
        item.overrideBy = actor.name
        try await save(item, action: "保密审查放行", event: .overridden, actor: actor, note: reason,
                       changes: [.init(field: "override_reason", before: nil, after: reason)])
    }

    func isInReview(_ item: InformationItem) -> Bool {
        if case .inReview = item.state { return true }
        return false
    }

    // MARK: Review and publication

    func perform(_ action: ReviewFlow.Action, on item: InformationItem, roles: Set<StaffRole>, actorUserID: UUID?,
                 actor: AuditActor, now: Date? = nil) async throws {
        let now = now ?? services.clock.now()
        // The checks (lists, attachment text, link results) only matter for an approval.
        let severe = action == .approve ? try await unresolvedSevere(item) : 0
        let flow = try await settings(for: item.organisationID).flow
        let before = item.state
        var next: ReviewFlow.State
        do {
            next = try flow.apply(action, to: before, actorRoles: roles, actorIsAuthor: actorUserID == item.authorID,
                                  unresolvedSevere: severe)
        } catch {
            throw Failure.refused(error.description)
        }
        var note = ""
        var event: ItemHistoryAction
        switch action {
        case .submit: event = .submitted
        case .approve:
            if case .inReview(let i) = before, i < flow.steps.count { note = flow.steps[i].name }
            event = .approved
        case .sendBack(let reason): event = .sentBack; note = reason
        case .withdraw(let reason): event = .withdrawn; note = reason
        case .publish: event = .published
        }
        if next == .approved, let problem = try await interpretationProblem(item), problem.blocks {
            throw Failure.refused(problem.message)
        }
        if next == .approved, item.publishAt.map({ $0 <= now }) ?? true, try await policyAllowsPublication(of: item) {
            next = .published
        }
        item.status = next.stored.status
        item.reviewStep = next.stored.step
        if next == .published && item.publishedAt == nil { item.publishedAt = now }
        var events = [(action: event, note: note)]
        if next == .published && event != .published { events.append((action: .published, note: "")) }
        try await pipeline.commit(item, .init(events: events, auditAction: next == .published ? "发布" : event.label,
                                              changes: [.init(field: "status", before: before.label, after: next.label)]), actor: actor)
        if next == .published, let id = item.id {
            // 三同步: interpretations approved ahead of their policy go out with it.
            let waiting = try await InformationItem.query(on: services.db).filter(\.$interpretsID == id).filter(\.$status == "approved").all()
            for w in waiting where w.publishAt.map({ $0 <= now }) ?? true {
                try await perform(.publish, on: w, roles: [], actorUserID: nil, actor: actor, now: now)
            }
        }
    }

    /// 三同步 for a policy at its last approval: nil when it may go ahead.
    func interpretationProblem(_ item: InformationItem) async throws -> (message: String, blocks: Bool)? {
        guard item.needsInterpretation, let id = item.id else { return nil }
        let states = try await InformationItem.query(on: services.db).filter(\.$interpretsID == id).all().map(\.state)
        let rule = try await settings(for: item.organisationID).interpretationRule
        return InterpretationSync.problem(needsInterpretation: true, interpretationStates: states, rule: rule)
    }

    /// An interpretation is published with (not before) its policy.
    func policyAllowsPublication(of item: InformationItem) async throws -> Bool {
        guard item.kindValue == .interpretation, let pid = item.interpretsID else { return true }
        return try await InformationItem.find(pid, on: services.db)?.state == .published
    }

    /// The Chinese label of a stored history step (an unknown one is shown as stored).
    func eventLabel(_ e: String) -> String {
        ItemHistoryAction(rawValue: e)?.label ?? e
    }

    /// Publishes approved items whose time has come; returns how many.
    func publishDue(now: Date? = nil) async throws -> Int {
        let now = now ?? services.clock.now()
        let due = try await InformationItem.query(on: services.db).filter(\.$status == "approved").filter(\.$publishAt <= now).all()
        var published = 0
        for item in due where try await policyAllowsPublication(of: item) {
            try await perform(.publish, on: item, roles: [], actorUserID: nil,
                              actor: AuditActor(id: nil, name: "系统：定时发布", clientAddress: "本机"), now: now)
            published += 1
        }
        return published
    }

    // MARK: After publication

    /// What is wrong with a correction's fields, by field (empty when it may go ahead).
    static func correctionErrors(title: String, bodyHTML: String, reason: String) -> [String: String] {
        var errors: [String: String] = [:]
        if reason.trimmingSpaces().count < 4 { errors["reason"] = "请说明更正的原因（将向公众显示）" }
        if title.trimmingSpaces().isEmpty { errors["title"] = "请填写标题" }
        if HTMLSanitizer.plainText(HTMLSanitizer.sanitize(bodyHTML)).isEmpty { errors["body"] = "请填写正文" }
        return errors
    }

    /// 更正: the published text changes; the previous one is kept with the reason, shown publicly.
    /// Called when a reviewed correction (`ItemChangeDesk`) is applied.
    func correct(_ item: InformationItem, title: String, bodyHTML: String, reason: String, actor: AuditActor) async throws {
        guard item.state == .published else { throw Failure.refused("只有已发布的信息可以更正") }
        let errors = Self.correctionErrors(title: title, bodyHTML: bodyHTML, reason: reason)
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let clean = HTMLSanitizer.sanitize(bodyHTML)
        let id = try item.requireID()
        let old = ItemVersion()
        old.id = UUID()
        old.itemID = id
        old.version = item.version
        old.title = item.title
        old.bodyHTML = item.bodyHTML
        old.reason = reason.trimmingSpaces()
        old.correctedAt = services.clock.now()
        old.correctedBy = actor.name
        let beforeTitle = item.title
        item.title = title.trimmingSpaces()
        item.bodyHTML = clean
        item.version += 1
        item.updatedAt = services.clock.now()
        try await pipeline.commit(item, .init(events: [(action: .corrected, note: reason)], auditAction: "更正",
                                              changes: [.init(field: "title", before: beforeTitle, after: item.title),
                                                        .init(field: "reason", before: nil, after: reason)]),
                                  actor: actor, also: { db in try await old.create(on: db) })
    }

    /// 有效性: 失效/废止/已修改 with the replacing document (by its 索引号) where needed.
    func changeValidity(_ item: InformationItem, to validity: Validity, successorIndex: String, on date: CivilDate?,
                        actor: AuditActor) async throws {
        let successor = try await validitySuccessor(item, to: validity, successorIndex: successorIndex)
        let before = item.validityValue
        item.validity = validity.rawValue
        item.successorID = successor?.id
        if validity == .expired || validity == .repealed { item.expiresOn = (date ?? services.clock.today()).description }
        item.updatedAt = services.clock.now()
        try await save(item, action: "变更有效性", event: .validity, actor: actor,
                       note: validity.label + (successor.map { "（\($0.indexNumber)）" } ?? ""),
                       changes: [.init(field: "validity", before: before.label, after: validity.label)])
    }

    /// The checks of a validity change before it is proposed or applied: the replacing document,
    /// where one is needed, by its 索引号.
    func validitySuccessor(_ item: InformationItem, to validity: Validity, successorIndex: String) async throws -> InformationItem? {
        guard item.state == .published else { throw Failure.refused("只有已发布的信息可以变更有效性") }
        let ref = successorIndex.trimmingSpaces()
        if validity.needsSuccessor && ref.isEmpty {
            throw Failure.invalid(["successor": "\(validity.label)须填写修改它的文件的索引号"])
        }
        guard validity.mayHaveSuccessor && !ref.isEmpty else { return nil }
        guard let s = try await InformationItem.query(on: services.db).filter(\.$indexNumber == ref).first(), s.isPublic else {
            throw Failure.invalid(["successor": "找不到已发布的索引号为“\(ref)”的信息"])
        }
        guard s.id != item.id else { throw Failure.invalid(["successor": "不能指向文件本身"]) }
        return s
    }

    // MARK: Plumbing

    func save(_ item: InformationItem, action: String, event: ItemHistoryAction, actor: AuditActor, note: String,
              changes: [FieldChange]) async throws {
        try await pipeline.commit(item, .init(events: [(action: event, note: note)], auditAction: action, changes: changes), actor: actor)
    }

    static func event(_ item: InformationItem, _ action: ItemHistoryAction, actor: AuditActor, note: String, at now: Date, on db: any Database) async throws {
        let id = try item.requireID()
        let last = try await ItemEvent.query(on: db).filter(\.$itemID == id).sort(\.$sequence, .descending).first()
        let e = ItemEvent()
        e.id = UUID()
        e.itemID = id
        e.sequence = (last?.sequence ?? 0) + 1
        e.action = action.rawValue
        e.actorName = actor.name
        e.note = note
        e.at = now
        try await e.create(on: db)
    }

    func events(of item: InformationItem) async throws -> [ItemEvent] {
        try await ItemEvent.query(on: services.db).filter(\.$itemID == item.requireID()).sort(\.$sequence).all()
    }
}
