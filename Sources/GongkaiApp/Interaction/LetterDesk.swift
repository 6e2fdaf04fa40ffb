import FluentKit
import Foundation
import GongkaiDomain

/// Letters to the 信箱: stored before they are acknowledged (number and query code), routed by the
/// office to departments, answered through a review step, published masked, rated by the writer.
/// Every step writes the letter's history and the audit trail in one transaction.
struct LetterDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure
    struct Refused: Error { let message: String }

    var db: any Database { services.db }

    struct Input: Sendable {
        var kind: LetterKind = .consultation
        var subject = ""
        var body = ""
        var name = ""
        var phone = ""
        var email = ""
        var isPublic = true

        static func parse(_ value: (String) -> String) -> (Input, [String: String]) {
            var i = Input()
            var e: [String: String] = [:]
            if let k = LetterKind(rawValue: value("kind")) { i.kind = k } else { e["kind"] = "请选择来信类别" }
            i.subject = value("subject").trimmingSpaces()
            if i.subject.isEmpty { e["subject"] = "请填写标题" } else if i.subject.count > 100 { e["subject"] = "标题不能超过100个字" }
            i.body = value("body").trimmingSpaces()
            if i.body.isEmpty { e["body"] = "请填写来信内容" } else if i.body.count > 3000 { e["body"] = "内容不能超过3000个字（现为\(i.body.count)个字）" }
            i.name = value("name").trimmingSpaces()
            if i.name.isEmpty { e["name"] = "请填写姓名" } else if i.name.count > 50 { e["name"] = "姓名不能超过50个字" }
            i.phone = value("phone").trimmingSpaces()
            i.email = value("email").trimmingSpaces()
            if i.phone.isEmpty && i.email.isEmpty { e["phone"] = "请至少填写手机号码或电子邮箱中的一项，以便答复您" }
            if !i.phone.isEmpty && !ContactFormat.isMobile(i.phone) { e["phone"] = "请填写11位手机号码" }
            if !i.email.isEmpty && !ContactFormat.isEmail(i.email) { e["email"] = "电子邮箱格式不正确" }
            i.isPublic = value("is_public") != "0"
            return (i, e)
        }
    }

    static func newQueryCode() -> String { ApplicationDesk.newQueryCode() }

    /// Stores the letter and returns it with its query code (shown once).
    /// `now` is the site clock's unless given (the demo county's older letters).
    func submit(_ input: Input, to mailbox: Organisation, policy: InformationItem?, clientAddress: String,
                now given: Date? = nil) async throws -> (Letter, String) {
        let now = given ?? services.clock.now(), today = SiteClock.day(of: now)
        let calendar = try await CalendarStore(services: services).calendar()
        let due = services.config.letterPeriods.due(input.kind, receivedOn: today, calendar: calendar).date
        let checker = try await CheckTermStore(services: services).checker()
        let findings = checker.check(title: input.subject, bodyHTML: HTMLText.escape(input.body))
        let checkFlags = Set(findings.filter { $0.kind == .sensitiveWord || $0.kind.isPersonalData }
            .map { $0.kind == .sensitiveWord ? "敏感词“\($0.match)”" : $0.kind.label })
        let code = Self.newQueryCode()
        let mailboxID = try mailbox.requireID()
        let dialect = services.database.dialect
        for attempt in 0..<5 {
            do {
                return try await db.transaction { tx in
                    try await dialect.lockAuditChain(on: tx)
                    let hourAgo = now.addingTimeInterval(-3600), dayAgo = now.addingTimeInterval(-86400)
                    if try await Letter.query(on: tx).filter(\.$clientAddress == clientAddress).filter(\.$submittedAt >= hourAgo).count() >= 10 {
                        throw Refused(message: "同一网络一小时内提交的来信过多，请稍后再试。")
                    }
                    var same = Letter.query(on: tx).filter(\.$submittedAt >= dayAgo)
                    same = same.group(.or) { g in
                        if !input.phone.isEmpty { g.filter(\.$writerPhone == input.phone) }
                        if !input.email.isEmpty { g.filter(\.$writerEmail == input.email) }
                    }
                    let recent = try await same.all()
                    if recent.count >= 5 { throw Refused(message: "同一联系方式一天内的来信过多，请明天再试。") }
                    // A repeat: same writer, nearly the same words, in the last 30 days.
                    let month = try await Letter.query(on: tx).filter(\.$submittedAt >= now.addingTimeInterval(-30 * 86400)).group(.or) { g in
                        if !input.phone.isEmpty { g.filter(\.$writerPhone == input.phone) }
                        if !input.email.isEmpty { g.filter(\.$writerEmail == input.email) }
                    }.all()
                    var flags = checkFlags
                    if let twin = month.first(where: { TextSimilarity.jaccard($0.body, input.body) >= 0.8 }) { flags.insert("疑似重复来信（\(twin.number)）") }
                    let todays = try await Letter.query(on: tx).filter(\.$receivedOn == today.description).count()
                    let letter = Letter()
                    letter.id = UUID()
                    letter.mailboxID = mailboxID
                    letter.handlingID = mailboxID
                    letter.number = "XX" + today.description.replacingOccurrences(of: "-", with: "") + "-" + String(format: "%04d", todays + 1 + attempt)
                    letter.queryCodeHash = Tokens.sha256Hex(code)
                    letter.kind = input.kind.rawValue
                    letter.subject = input.subject
                    letter.body = input.body
                    letter.policyItemID = policy?.id
                    letter.writerName = input.name
                    letter.writerPhone = input.phone
                    letter.writerEmail = input.email
                    letter.isPublic = input.isPublic
                    letter.privateReason = ""
                    letter.state = LetterFlow.State.received.rawValue
                    letter.receivedOn = today.description
                    letter.dueOn = due.description
                    letter.flags = flags.sorted().joined(separator: "；")
                    letter.reply = ""
                    letter.followUps = 0
                    letter.followUpText = ""
                    letter.clientAddress = clientAddress
                    letter.submittedAt = now
                    try await letter.create(on: tx)
                    try await event(letter, "来信", organisationID: mailboxID, note: "", actorName: "来信人", on: tx)
                    try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（网上来信）", clientAddress: clientAddress),
                                                    organisationID: mailboxID, entity: .letter, entityID: letter.number, action: "来信")
                    return (letter, code)
                }
            } catch let r as Refused {
                throw r
            } catch where attempt < 4 {
                continue
            }
        }
        throw Refused(message: "暂时无法保存您的来信，请稍后重试。")
    }

    // MARK: Handling

    /// One step by staff (交办, 签收, 退回, 转办, 提交答复, 审核, 退回修改), checked by `LetterFlow`.
    /// `reply` is the reply text for 提交答复审核.
    func act(_ action: LetterFlow.Action, on l: Letter, reply: String = "", actor: AuditActor) async throws {
        var newHandler: Int?
        switch action {
        case .assign(let id), .transfer(let id, _):
            guard let org = try await Organisation.find(id, on: db), org.isActive, org.kind.isAdministrativeOrgan else {
                throw Failure.invalid(["organisation": "请选择承办单位"])
            }
            guard id != l.handlingID || action == .assign(organisationID: id) else { throw Failure.invalid(["organisation": "不能转办给本单位"]) }
            newHandler = id
        case .submitReply:
            let text = reply.trimmingSpaces()
            guard !text.isEmpty else { throw Failure.invalid(["reply": "请填写答复内容"]) }
            guard text.count <= 5000 else { throw Failure.invalid(["reply": "答复不能超过5000个字"]) }
        default: break
        }
        let before = l.stateValue
        let next: LetterFlow.State
        switch LetterFlow.apply(action, to: before, followUps: l.followUps) {
        case .success(let s): next = s
        case .failure(let r): throw Failure.refused(r.message)
        }
        let note: String
        switch action {
        case .returnToOffice(let reason), .sendBackReply(let reason): note = reason
        case .transfer(_, let reason): note = reason
        default: note = ""
        }
        if case .returnToOffice = action { newHandler = l.mailboxID }
        if let h = newHandler { l.handlingID = h }
        if action == .submitReply { l.reply = reply.trimmingSpaces() }
        if action == .approveReply { l.repliedOn = services.clock.today().description }
        l.state = next.rawValue
        try await db.transaction { tx in
            try await l.update(on: tx)
            try await event(l, action.label, organisationID: l.handlingID, note: note, actorName: actor.name, on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: l.handlingID, entity: .letter, entityID: l.number,
                                            action: action.label, changes: [.init(field: "state", before: before.label, after: next.label)])
        }
    }

    /// Staff may withdraw a letter from the public list (never put a private one on it).
    func makePrivate(_ l: Letter, reason: String, actor: AuditActor) async throws {
        let reason = reason.trimmingSpaces()
        guard l.isPublic else { throw Failure.refused("来信人选择了不公开，不能改为公开") }
        guard !reason.isEmpty, reason.count <= 200 else { throw Failure.invalid(["private_reason": "请填写不公开的理由（200字以内）"]) }
        l.isPublic = false
        l.privateReason = reason
        try await db.transaction { tx in
            try await l.update(on: tx)
            try await event(l, "改为不公开", organisationID: l.handlingID, note: reason, actorName: actor.name, on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: l.handlingID, entity: .letter, entityID: l.number,
                                            action: "改为不公开", changes: [.init(field: "is_public", before: "公开", after: "不公开")])
        }
    }

    /// The writer rates the reply (closes it) or asks once more.
    func writerResponds(_ l: Letter, rating: ReplyRating?, followUp: String, clientAddress: String) async throws {
        let actor = AuditActor(id: nil, name: "来信人", clientAddress: clientAddress)
        let text = followUp.trimmingSpaces()
        if let rating {
            guard case .success = LetterFlow.apply(.close, to: l.stateValue) else { throw Failure.refused("答复公开后才能评价") }
            l.rating = rating.rawValue
            l.state = LetterFlow.State.closed.rawValue
            try await db.transaction { tx in
                try await l.update(on: tx)
                try await event(l, "评价：\(rating.label)", organisationID: nil, note: "", actorName: "来信人", on: tx)
                try await services.audit.record(on: tx, actor: actor, organisationID: l.handlingID, entity: .letter, entityID: l.number, action: "评价")
            }
        } else {
            guard !text.isEmpty, text.count <= 1000 else { throw Failure.invalid(["follow_up": "请填写追问内容（1000字以内）"]) }
            switch LetterFlow.apply(.followUp, to: l.stateValue, followUps: l.followUps) {
            case .failure(let r): throw Failure.refused(r.message)
            case .success(let next): l.state = next.rawValue
            }
            l.followUps += 1
            l.followUpText = text
            let calendar = try await CalendarStore(services: services).calendar()
            l.dueOn = services.config.letterPeriods.due(l.kindValue, receivedOn: services.clock.today(), calendar: calendar).date.description
            try await db.transaction { tx in
                try await l.update(on: tx)
                try await event(l, "追问", organisationID: l.handlingID, note: "", actorName: "来信人", on: tx)
                try await services.audit.record(on: tx, actor: actor, organisationID: l.handlingID, entity: .letter, entityID: l.number, action: "追问")
            }
        }
    }

    func event(_ l: Letter, _ action: String, organisationID: Int?, note: String, actorName: String, on tx: any Database) async throws {
        let e = LetterEvent()
        e.id = UUID(); e.letterID = try l.requireID(); e.action = action; e.organisationID = organisationID
        e.note = note; e.actorName = actorName; e.at = services.clock.now()
        try await e.create(on: tx)
    }
}
