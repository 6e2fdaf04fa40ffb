import FluentKit
import Foundation
import GongkaiDomain

/// Consultations and their comments: opening one (period checked on the calendar), taking comments
/// (stored before they are acknowledged, rate-limited, checked for the moderator), moderation,
/// classification, and the 意见采纳情况反馈 drafted as an information item that goes through 先审后发.
struct ConsultationDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    func create(_ input: ConsultationInput, in org: Organisation, decision: Decision?, actor: AuditActor) async throws -> Consultation {
        let c = Consultation()
        c.id = UUID()
        c.organisationID = try org.requireID()
        c.decisionID = decision?.id
        Self.apply(input, to: c)
        c.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .consultation, entityID: c.title,
                                            action: "新建", changes: [.init(field: "period", before: nil, after: "\(c.opensOn)至\(c.closesOn)")])
        }
        return c
    }

    static func apply(_ i: ConsultationInput, to c: Consultation) {
        c.title = i.title
        c.subject = i.subject.rawValue
        c.explanation = i.explanation
        c.draft = i.draft
        c.opensOn = i.opensOn.description
        c.closesOn = i.closesOn.description
        c.shortenedReason = i.shortenedReason
        c.nameRequired = i.nameRequired
        c.otherChannels = i.otherChannels
    }

    /// The text and period may change until the consultation opens; afterwards what people
    /// commented on stays as it was.
    func update(_ c: Consultation, with input: ConsultationInput, decision: Decision?, actor: AuditActor) async throws {
        guard c.phase(on: services.clock.today()) == .scheduled else {
            throw Failure.refused("征求意见已经开始，征求意见稿和期限不能再修改")
        }
        let before = "\(c.title)；\(c.opensOn)至\(c.closesOn)"
        Self.apply(input, to: c)
        c.decisionID = decision?.id
        try await db.transaction { tx in
            try await c.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .consultation, entityID: c.title,
                                            action: "修改", changes: [.init(field: "consultation", before: before, after: "\(c.title)；\(c.opensOn)至\(c.closesOn)")])
        }
    }

    /// Announces it: the public page appears and it opens on its first day. Not after that day, so
    /// the public period is never shorter than the one stated.
    func publish(_ c: Consultation, actor: AuditActor, now given: Date? = nil) async throws {
        let now = given ?? services.clock.now()
        guard c.publishedAt == nil else { throw Failure.refused("已经发布") }
        guard c.opens >= SiteClock.day(of: now) else {
            throw Failure.refused("开始日期（\(c.opens.chinese(withYear: true))）已过，请先把开始日期改为今天或以后（期限相应顺延）再发布")
        }
        c.publishedAt = now
        try await db.transaction { tx in
            try await c.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .consultation, entityID: c.title,
                                            action: "发布", changes: [.init(field: "period", before: nil, after: "\(c.opensOn)至\(c.closesOn)")])
        }
    }

    // MARK: Comments

    struct Refused: Error { let message: String }

    /// Stores a comment and returns it; the receipt number is told to the commenter only after this.
    /// `now` is the site clock's unless given (the demo county's comments were made in the past).
    func submit(_ input: CommentInput, to c: Consultation, sections: [DraftSection], clientAddress: String,
                now given: Date? = nil) async throws -> ConsultationComment {
        let now = given ?? services.clock.now(), today = SiteClock.day(of: now)
        guard c.phase(on: today) == .open else { throw Refused(message: "本次征求意见不在征集期内，未能提交。") }
        let checker = try await CheckTermStore(services: services).checker()
        let findings = checker.check(title: input.name, bodyHTML: HTMLText.escape(input.text))
        let flags = Array(Set(findings.filter { $0.kind == .sensitiveWord || $0.kind.isPersonalData }
            .map { $0.kind == .sensitiveWord ? "敏感词“\($0.match)”" : $0.kind.label })).sorted().joined(separator: "；")
        let section = input.section.flatMap { n in sections.first { $0.kind == .clause && $0.number == n } }
        let dialect = services.database.dialect
        let consultationID = try c.requireID()
        for attempt in 0..<5 {
            do {
                return try await db.transaction { tx in
                    try await dialect.lockAuditChain(on: tx)
                    let hourAgo = now.addingTimeInterval(-3600), dayAgo = now.addingTimeInterval(-86400)
                    if try await ConsultationComment.query(on: tx).filter(\.$clientAddress == clientAddress)
                        .filter(\.$submittedAt >= hourAgo).count() >= 10 {
                        throw Refused(message: "同一网络一小时内提交的意见过多，请稍后再试。")
                    }
                    if try await ConsultationComment.query(on: tx).filter(\.$clientAddress == clientAddress)
                        .filter(\.$consultationID == consultationID).filter(\.$submittedAt >= dayAgo).count() >= 5 {
                        throw Refused(message: "同一网络一天内对本次征求意见提交的意见过多，请明天再试，或通过其他反馈方式提出。")
                    }
                    let m = ConsultationComment()
                    m.id = UUID()
                    m.consultationID = consultationID
                    m.receipt = ReceiptNumber.make("YJ", on: today)
                    m.sectionNumber = section?.number
                    m.sectionLabel = section?.label
                    m.name = input.name
                    m.contact = input.contact
                    m.text = input.text
                    m.flags = flags
                    m.moderation = CommentModeration.pending.rawValue
                    m.moderationNote = ""
                    m.theme = ""
                    m.response = ""
                    m.clientAddress = clientAddress
                    m.submittedAt = now
                    try await m.create(on: tx)
                    try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（网上留言）", clientAddress: clientAddress),
                                                    organisationID: c.organisationID, entity: .publicComment, entityID: m.receipt,
                                                    action: "提交意见", changes: [.init(field: "consultation", before: nil, after: c.title)])
                    return m
                }
            } catch let r as Refused {
                throw r
            } catch where attempt < 4 {
                continue // the same receipt number was drawn twice: draw again
            }
        }
        throw Refused(message: "暂时无法保存您的意见，请稍后重试。")
    }

    func comments(of c: Consultation) async throws -> [ConsultationComment] {
        try await ConsultationComment.query(on: db).filter(\.$consultationID == c.requireID()).sort(\.$submittedAt).all()
    }

    func moderate(_ m: ConsultationComment, in c: Consultation, to outcome: CommentModeration, note: String, actor: AuditActor) async throws {
        guard outcome != .pending else { throw Failure.invalid(["moderation": "请选择审核结果"]) }
        let note = note.trimmingSpaces()
        if outcome == .withheld, note.isEmpty { throw Failure.invalid(["moderation_note": "不予公开的，请注明理由（仅内部可见）"]) }
        guard note.count <= 500 else { throw Failure.invalid(["moderation_note": "理由不能超过500个字"]) }
        let before = m.moderationValue
        m.moderation = outcome.rawValue
        m.moderationNote = note
        try await db.transaction { tx in
            try await m.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .publicComment, entityID: m.receipt,
                                            action: outcome == .approved ? "审核公开" : "不予公开",
                                            changes: [.init(field: "moderation", before: before.label, after: outcome.label)])
        }
    }

    /// Classification happens once the consultation has closed (every comment is in).
    func classify(_ m: ConsultationComment, in c: Consultation, disposition raw: String, theme: String, response: String,
                  actor: AuditActor) async throws {
        guard c.phase(on: services.clock.today()) == .closed else { throw Failure.refused("征求意见结束后才能逐条处理意见") }
        // The feedback is drafted from the classifications; afterwards they stay as published.
        guard c.feedbackItemID == nil else { throw Failure.refused("已起草意见采纳情况反馈，处理结果不能再修改") }
        let errors = CommentDisposition.problems(disposition: raw, theme: theme, response: response)
        guard errors.isEmpty, let d = CommentDisposition(rawValue: raw) else { throw Failure.invalid(errors) }
        let before = m.dispositionValue?.label
        m.disposition = d.rawValue
        m.theme = theme.trimmingSpaces()
        m.response = response.trimmingSpaces()
        try await db.transaction { tx in
            try await m.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .publicComment, entityID: m.receipt,
                                            action: "处理意见", changes: [.init(field: "disposition", before: before, after: d.label)])
        }
    }

    // MARK: Feedback

    func feedbackDocument(_ c: Consultation, organisation: Organisation, comments: [ConsultationComment]) -> FormalDocument {
        // Only comments the moderator approved are quoted; the others count, without their words.
        let classified = comments.compactMap { m in
            m.dispositionValue.map { AdoptionFeedback.Comment(sectionLabel: m.sectionLabel, text: m.text, disposition: $0, theme: m.theme, response: m.response,
                                                              quotable: m.moderationValue == .approved) }
        }
        return AdoptionFeedback.document(.init(draftTitle: c.title, organisation: organisation.name, opensOn: c.opens, closesOn: c.closes),
                                         comments: classified, issuedOn: services.clock.today())
    }

    /// Why the feedback cannot be drafted yet (nil: it can).
    func feedbackProblem(_ c: Consultation, comments: [ConsultationComment]) -> String? {
        if c.phase(on: services.clock.today()) != .closed { return "征求意见结束后才能起草意见采纳情况反馈" }
        let pending = comments.filter { $0.moderationValue == .pending }.count
        if pending > 0 { return "还有\(pending)条意见未审核，请先审核（公开或不予公开）" }
        let open = comments.filter { $0.dispositionValue == nil }.count
        if open > 0 { return "还有\(open)条意见未处理，请逐条填写处理结果后再起草反馈" }
        return nil
    }

    /// Drafts the 意见采纳情况反馈 as an information item of the consulting organisation (kind 公示公告)
    /// and links it; it is published through the organisation's review flow like any other item.
    func draftFeedback(_ c: Consultation, organisation: Organisation, author: StaffUser, actor: AuditActor) async throws -> InformationItem {
        if let id = c.feedbackItemID, let existing = try await InformationItem.find(id, on: db) { return existing }
        let comments = try await comments(of: c)
        if let problem = feedbackProblem(c, comments: comments) { throw Failure.refused(problem) }
        // Claim the feedback under the lock, so two clicks make one item.
        let itemID = UUID()
        let dialect = services.database.dialect
        let consultationID = try c.requireID()
        let claimed: UUID? = try await db.transaction { tx in
            try await dialect.lockAuditChain(on: tx)
            guard let fresh = try await Consultation.find(consultationID, on: tx) else { return nil }
            if let taken = fresh.feedbackItemID { return taken }
            fresh.feedbackItemID = itemID
            try await fresh.update(on: tx)
            return nil
        }
        if let taken = claimed {
            c.feedbackItemID = taken
            if let existing = try await InformationItem.find(taken, on: db) { return existing }
            throw Failure.refused("反馈正在生成，请稍后刷新")
        }
        c.feedbackItemID = itemID
        let doc = feedbackDocument(c, organisation: organisation, comments: comments)
        var input = ItemInput()
        input.title = doc.title
        input.kind = .notice
        input.genre = "公告"
        input.topic = "综合政务"
        input.summary = String("\(c.title)公开征求意见的意见采纳情况。".prefix(ItemInput.summaryLimit))
        input.bodyHTML = HTMLSanitizer.sanitize(Self.html(doc))
        input.writtenOn = services.clock.today()
        input.formedOn = input.writtenOn
        input.columns = [DisclosureColumn.find("qtxx", for: organisation.kind)?.key].compactMap { $0 }
        input.attribute = .proactive
        let item: InformationItem
        do {
            item = try await PublishingDesk(services: services).create(input, in: organisation, author: author, actor: actor, id: itemID)
        } catch {
            // Release the claim so it can be tried again.
            c.feedbackItemID = nil
            try? await c.update(on: db)
            throw error
        }
        try await db.transaction { tx in
            try await services.audit.record(on: tx, actor: actor, organisationID: c.organisationID, entity: .consultation, entityID: c.title,
                                            action: "起草意见采纳情况反馈", changes: [.init(field: "feedback", before: nil, after: item.indexNumber)])
        }
        return item
    }

    /// The document as the body of an information item.
    static func html(_ doc: FormalDocument) -> String {
        doc.paragraphs.map { p in
            p.style == .heading ? "<h3>\(HTMLText.escape(p.text))</h3>" : "<p>\(HTMLText.escape(p.text))</p>"
        }.joined(separator: "\n") + "\n<p>\(HTMLText.escape(doc.issuer))</p>\n<p>\(HTMLText.escape(doc.date))</p>"
    }
}
