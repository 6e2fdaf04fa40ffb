import FluentKit
import Foundation
import GongkaiDomain

/// 在线访谈: staff announce an interview, moderate the questions sent for it, write the transcript
/// during the session and answer what was left open within the follow-up period. Every step is
/// audited; questions are stored before they are acknowledged.
struct InterviewDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    struct Input: Sendable {
        var title = ""
        var guests = ""
        var description = ""
        var startsAt = Date(timeIntervalSince1970: 0)

        static func parse(_ value: (String) -> String, now: Date) -> (Input, [String: String]) {
            var i = Input()
            var e: [String: String] = [:]
            i.title = value("title").trimmingSpaces()
            if i.title.isEmpty || i.title.count > 100 { e["title"] = "请填写访谈主题（100字以内）" }
            i.guests = value("guests").trimmingSpaces()
            if i.guests.isEmpty || i.guests.count > 200 { e["guests"] = "请填写访谈嘉宾的姓名和职务（200字以内）" }
            i.description = value("description").trimmingSpaces()
            if i.description.isEmpty || i.description.count > 3000 { e["description"] = "请填写访谈简介（3000字以内）" }
            if let t = OpinionDesk.instant(value("starts_at")) {
                if abs(t.timeIntervalSince(now)) > 366 * 86_400 { e["starts_at"] = "访谈时间应在前后一年之内" } else { i.startsAt = t }
            } else { e["starts_at"] = "请填写访谈时间（日期和时刻）" }
            return (i, e)
        }
    }

    func create(_ input: Input, in org: Organisation, actor: AuditActor) async throws -> Interview {
        let i = Interview()
        i.id = UUID(); i.organisationID = try org.requireID(); i.title = input.title; i.guests = input.guests
        i.description = input.description; i.startsAt = input.startsAt; i.state = InterviewState.draft.rawValue; i.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await i.create(on: tx)
            try await audit(i, "新建访谈", on: tx, actor: actor)
        }
        return i
    }

    /// 发布预告 → 开始访谈 → 结束访谈. Ending fixes the day open questions must be answered by.
    /// `on` is the clock's day unless given (the demo county's past interview).
    func advance(_ i: Interview, actor: AuditActor, on day: CivilDate? = nil) async throws {
        guard let (next, action) = i.stateValue.next else { throw Failure.refused("访谈已结束") }
        if next == .ended {
            let today = day ?? services.clock.today()
            let calendar = try await CalendarStore(services: services).calendar()
            i.endedOn = today.description
            i.followUpDue = InterviewFollowUp.due(endedOn: today, days: services.config.interviewFollowUpDays, calendar: calendar).description
        }
        let before = i.stateValue
        i.state = next.rawValue
        try await db.transaction { tx in
            try await i.update(on: tx)
            try await audit(i, action, changes: [.init(field: "state", before: before.label, after: next.label)], on: tx, actor: actor)
        }
    }

    func addLine(_ i: Interview, speaker raw: String, text raw2: String, actor: AuditActor, at given: Date? = nil) async throws {
        guard i.stateValue.takesTranscript else { throw Failure.refused("访谈开始后才能发布实录") }
        let speaker = raw.trimmingSpaces(), text = raw2.trimmingSpaces()
        var errors: [String: String] = [:]
        if speaker.isEmpty || speaker.count > 30 { errors["speaker"] = "请填写发言人（30字以内），如主持人、嘉宾姓名" }
        if text.isEmpty || text.count > 2000 { errors["line"] = "请填写发言内容（2000字以内）" }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let id = try i.requireID()
        for attempt in 0..<5 {
            do {
                try await db.transaction { tx in
                    let last = try await InterviewLine.query(on: tx).filter(\.$interviewID == id).sort(\.$position, .descending).first()
                    let l = InterviewLine()
                    l.id = UUID(); l.interviewID = id; l.position = (last?.position ?? 0) + 1; l.speaker = speaker; l.text = text; l.at = given ?? services.clock.now()
                    try await l.create(on: tx)
                    try await audit(i, "发布实录", changes: [.init(field: "line", before: nil, after: "\(speaker)：\(text.prefix(40))")], on: tx, actor: actor)
                }
                return
            } catch where attempt < 4 {
                continue // two staff writing at once: the unique position makes one retry with the next number
            }
        }
    }

    struct Refused: Error { let message: String }

    /// A citizen's question, stored before it is acknowledged.
    func submit(to i: Interview, name raw: String, contact raw2: String, text raw3: String, clientAddress: String,
                now given: Date? = nil) async throws -> InterviewQuestion {
        guard i.stateValue.acceptsQuestions else { throw Failure.refused("本次访谈已不再征集问题") }
        let name = raw.trimmingSpaces(), contact = raw2.trimmingSpaces(), text = raw3.trimmingSpaces()
        var errors: [String: String] = [:]
        if name.isEmpty || name.count > 30 { errors["name"] = "请填写姓名或称呼（30字以内）" }
        if !contact.isEmpty && !ContactFormat.isMobile(contact) && !ContactFormat.isEmail(contact) { errors["contact"] = "请填写11位手机号码或电子邮箱，也可不填" }
        if text.isEmpty { errors["question"] = "请填写您的问题" } else if text.count > 500 { errors["question"] = "问题不能超过500个字（现为\(text.count)个字）" }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let now = given ?? services.clock.now()
        let interviewID = try i.requireID()
        let q = InterviewQuestion()
        q.id = UUID(); q.interviewID = interviewID; q.askerName = name; q.askerContact = contact; q.text = text
        q.moderation = QuestionModeration.pending.rawValue; q.rejectReason = ""; q.answer = ""; q.answeredLive = false
        q.clientAddress = clientAddress; q.submittedAt = now
        try await db.transaction { tx in
            let recent = try await InterviewQuestion.query(on: tx).filter(\.$clientAddress == clientAddress)
                .filter(\.$submittedAt >= now.addingTimeInterval(-3600)).count()
            if recent >= 5 { throw Refused(message: "同一网络一小时内提交的问题过多，请稍后再试。") }
            try await q.create(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（访谈提问）", clientAddress: clientAddress),
                                            organisationID: i.organisationID, entity: .interview, entityID: i.title, action: "网友提问")
        }
        return q
    }

    func moderate(_ q: InterviewQuestion, of i: Interview, approve: Bool, reason raw: String, actor: AuditActor) async throws {
        guard q.moderationValue == .pending else { throw Failure.refused("该问题已审核") }
        let reason = raw.trimmingSpaces()
        if !approve && (reason.isEmpty || reason.count > 200) { throw Failure.invalid(["reason": "请填写不采用的理由（200字以内）"]) }
        q.moderation = (approve ? QuestionModeration.approved : .rejected).rawValue
        q.rejectReason = approve ? "" : reason
        try await db.transaction { tx in
            try await q.update(on: tx)
            try await audit(i, approve ? "采用网友问题" : "不采用网友问题", changes: [.init(field: "question", before: nil, after: String(q.text.prefix(40)))], on: tx, actor: actor)
        }
    }

    /// The guest's answer: during the session, or afterwards for a question left open.
    func answer(_ q: InterviewQuestion, of i: Interview, text raw: String, actor: AuditActor, at given: Date? = nil) async throws {
        guard q.moderationValue == .approved else { throw Failure.refused("只能答复已采用的问题") }
        guard [.live, .ended].contains(i.stateValue) else { throw Failure.refused("访谈开始后才能答复") }
        guard q.answeredAt == nil else { throw Failure.refused("该问题已答复") }
        let text = raw.trimmingSpaces()
        guard !text.isEmpty, text.count <= 3000 else { throw Failure.invalid(["answer": "请填写答复（3000字以内）"]) }
        q.answer = text; q.answeredAt = given ?? services.clock.now(); q.answeredLive = i.stateValue == .live
        try await db.transaction { tx in
            try await q.update(on: tx)
            try await audit(i, q.answeredLive ? "访谈中答复网友问题" : "会后答复网友问题",
                            changes: [.init(field: "question", before: nil, after: String(q.text.prefix(40)))], on: tx, actor: actor)
        }
    }

    func audit(_ i: Interview, _ action: String, changes: [FieldChange] = [], on tx: any Database, actor: AuditActor) async throws {
        try await services.audit.record(on: tx, actor: actor, organisationID: i.organisationID, entity: .interview, entityID: i.title,
                                        action: action, changes: changes)
    }
}
