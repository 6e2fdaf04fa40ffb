import FluentKit
import Foundation
import GongkaiDomain

/// The 舆情回应台账: events recorded by the office, the responses published to them (checked
/// against the 5 h / 24 h / 48 h clocks), and the commitments made, followed to completion and
/// to the publication of their result. Every change goes to the audit trail.
struct OpinionDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    /// The hot topics of the county's 政务公开 plan (seed 000 §7) as the default categories.
    static let topics = ["减税降费", "金融安全", "生态环境", "脱贫攻坚与乡村振兴", "教育改革", "食品药品", "卫生健康", "养老服务",
                         "公正监管", "社会保障", "社会治安", "房地产市场", "其他"]
    static let channels = ["政府网站", "政务新媒体", "新闻发布会", "新闻媒体", "网络平台回复", "其他"]

    struct EventInput: Sendable {
        var source = ""
        var summary = ""
        var topic = ""
        var level = OpinionLevel.ordinary
        var organisationID = 0
        var knownAt = Date(timeIntervalSince1970: 0)

        static func parse(_ value: (String) -> String, now: Date) -> (EventInput, [String: String]) {
            var i = EventInput()
            var e: [String: String] = [:]
            i.source = value("source").trimmingSpaces()
            if i.source.isEmpty || i.source.count > 100 { e["source"] = "请填写舆情来源（100字以内），如某网络平台、来信、12345热线" }
            i.summary = value("summary").trimmingSpaces()
            if i.summary.isEmpty { e["summary"] = "请填写舆情概要" } else if i.summary.count > 1000 { e["summary"] = "概要不能超过1000个字" }
            i.topic = value("topic")
            if !topics.contains(i.topic) { e["topic"] = "请选择主题分类" }
            if let l = OpinionLevel(rawValue: value("level")) { i.level = l } else { e["level"] = "请选择舆情级别" }
            if let o = Int(value("organisation").prefix(12)) { i.organisationID = o } else { e["organisation"] = "请选择责任单位" }
            if let t = instant(value("known_at")) {
                if t > now.addingTimeInterval(60) { e["known_at"] = "发现时间不能晚于现在" }
                else if t < now.addingTimeInterval(-366 * 86_400) { e["known_at"] = "发现时间不能早于一年前" }
                else { i.knownAt = t }
            } else { e["known_at"] = "请填写发现时间（日期和时刻）" }
            return (i, e)
        }
    }

    /// "2026-11-30T21:30" from a datetime-local field, as Beijing time.
    static func instant(_ raw: String) -> Date? {
        guard raw.count <= 20, let t = LocalDateTime(parsing: raw.trimmingSpaces()), (2000...2100).contains(t.date.year) else { return nil }
        return SiteClock.instant(t.date, hour: t.hour, minute: t.minute)
    }

    func record(_ input: EventInput, office: Organisation, actor: AuditActor) async throws -> OpinionEvent {
        let officeID = try office.requireID()
        guard let unit = try await Organisation.find(input.organisationID, on: db), unit.isActive, unit.ancestry.ids.contains(officeID) else {
            throw Failure.invalid(["organisation": "责任单位应为本机关或其下属单位"])
        }
        let e = OpinionEvent()
        e.id = UUID(); e.officeID = officeID; e.organisationID = try unit.requireID()
        e.source = input.source; e.summary = input.summary; e.topic = input.topic; e.level = input.level.rawValue
        e.knownAt = input.knownAt; e.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await e.create(on: tx)
            try await audit(e, "登记舆情", changes: [.init(field: "level", before: nil, after: input.level.label)], actor: actor, on: tx)
        }
        return e
    }

    /// A published item (by 索引号) or an outside address as the evidence of what was published.
    func evidence(indexNumber: String, url: String) async throws -> (UUID?, String) {
        let index = indexNumber.trimmingSpaces(), link = url.trimmingSpaces()
        var itemID: UUID?
        if !index.isEmpty {
            guard index.count <= 100, let item = try await ItemQueries.publicItems(on: db).filter(\.$indexNumber == index).first() else {
                throw Failure.invalid(["index_number": "找不到索引号为“\(index.prefix(60))”的已发布信息"])
            }
            itemID = item.id
        }
        if !link.isEmpty {
            guard link.count <= 500, let u = URL(string: link), ["http", "https"].contains(u.scheme?.lowercased() ?? ""), u.host != nil else {
                throw Failure.invalid(["url": "链接应以 http:// 或 https:// 开头（500字符以内）"])
            }
        }
        return (itemID, link)
    }

    func respond(_ e: OpinionEvent, kind raw: String, channel: String, at rawAt: String, indexNumber: String, url: String,
                 summary raw2: String, actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        let kind = OpinionResponseKind(rawValue: raw)
        if kind == nil { errors["kind"] = "请选择回应方式" }
        if !Self.channels.contains(channel) { errors["channel"] = "请选择发布渠道" }
        let at = Self.instant(rawAt)
        if at == nil { errors["at"] = "请填写发布时间（日期和时刻）" }
        else if let at, at < e.knownAt { errors["at"] = "发布时间不能早于发现舆情的时间" }
        else if let at, at > services.clock.now().addingTimeInterval(60) { errors["at"] = "发布时间不能晚于现在" }
        let summary = raw2.trimmingSpaces()
        if summary.isEmpty || summary.count > 500 { errors["response_summary"] = "请填写发布的内容（500字以内）" }
        guard errors.isEmpty, let kind, let at else { throw Failure.invalid(errors) }
        let (itemID, link) = try await evidence(indexNumber: indexNumber, url: url)
        guard itemID != nil || !link.isEmpty || channel == "新闻发布会" else {
            throw Failure.invalid(["index_number": "请填写所发布信息的索引号或链接（新闻发布会可不填）"])
        }
        let r = OpinionResponse()
        r.id = UUID(); r.eventID = try e.requireID(); r.kind = kind.rawValue; r.channel = channel; r.at = at
        r.itemID = itemID; r.url = link; r.summary = summary; r.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await audit(e, "登记回应：\(kind.label)", changes: [.init(field: "at", before: nil, after: SiteClock.timeText(at))], actor: actor, on: tx)
        }
    }

    func commit(_ e: OpinionEvent, what raw: String, organisation: String, dueOn: String, actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        let what = raw.trimmingSpaces()
        if what.isEmpty || what.count > 300 { errors["what"] = "请填写承诺事项（300字以内）" }
        let due = CivilDate(iso: dueOn.trimmingSpaces())
        if due == nil { errors["due_on"] = "请填写承诺完成日期" }
        else if let due, due < SiteClock.day(of: e.knownAt) || due.year > SiteClock.day(of: e.knownAt).year + 5 {
            errors["due_on"] = "承诺完成日期应在发现舆情之后的五年内"
        }
        let unitID = Int(organisation.prefix(12))
        let unit = try await unitID.asyncFlatMap { try await Organisation.find($0, on: db) }
        if unit == nil || unit?.isActive != true || !(unit?.ancestry.ids.contains(e.officeID) ?? false) { errors["commitment_organisation"] = "请选择承办单位" }
        guard errors.isEmpty, let due, let unit else { throw Failure.invalid(errors) }
        let c = OpinionCommitment()
        c.id = UUID(); c.eventID = try e.requireID(); c.what = what; c.organisationID = try unit.requireID(); c.dueOn = due.description
        c.state = CommitmentState.open.rawValue; c.doneNote = ""; c.resultURL = ""; c.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await audit(e, "登记承诺事项", changes: [.init(field: "commitment", before: nil, after: "\(what.prefix(60))（\(due.description)前）")], actor: actor, on: tx)
        }
    }

    func complete(_ c: OpinionCommitment, of e: OpinionEvent, doneOn: String, note raw: String, actor: AuditActor) async throws {
        guard c.stateValue == .open else { throw Failure.refused("该承诺事项已办结") }
        guard let done = CivilDate(iso: doneOn.trimmingSpaces()), done <= services.clock.today(), done >= SiteClock.day(of: e.knownAt) else {
            throw Failure.invalid(["done_on": "请填写办结日期（不晚于今天，不早于发现舆情的日期）"])
        }
        let note = raw.trimmingSpaces()
        guard !note.isEmpty, note.count <= 500 else { throw Failure.invalid(["done_note": "请填写办理结果（500字以内）"]) }
        c.state = CommitmentState.done.rawValue; c.doneOn = done.description; c.doneNote = note
        try await db.transaction { tx in
            try await c.update(on: tx)
            try await audit(e, "承诺事项办结", changes: [.init(field: "done_on", before: nil, after: done.description)], actor: actor, on: tx)
        }
    }

    func publishResult(_ c: OpinionCommitment, of e: OpinionEvent, indexNumber: String, url: String, actor: AuditActor) async throws {
        guard c.stateValue == .done else { throw Failure.refused(c.stateValue == .open ? "承诺事项办结后才能登记结果公开" : "结果已公开") }
        let (itemID, link) = try await evidence(indexNumber: indexNumber, url: url)
        guard itemID != nil || !link.isEmpty else { throw Failure.invalid(["index_number": "请填写公开办理结果的信息索引号或链接"]) }
        c.state = CommitmentState.published.rawValue; c.resultItemID = itemID; c.resultURL = link
        try await db.transaction { tx in
            try await c.update(on: tx)
            try await audit(e, "承诺结果已公开", changes: [.init(field: "result", before: nil, after: link.isEmpty ? indexNumber.trimmingSpaces() : link)], actor: actor, on: tx)
        }
    }

    func close(_ e: OpinionEvent, actor: AuditActor) async throws {
        guard e.closedOn == nil else { throw Failure.refused("该舆情已办结") }
        let id = try e.requireID()
        guard try await OpinionResponse.query(on: db).filter(\.$eventID == id).count() > 0 else { throw Failure.refused("尚未登记任何回应，不能办结") }
        guard try await OpinionCommitment.query(on: db).filter(\.$eventID == id).filter(\.$state != CommitmentState.published.rawValue).count() == 0 else {
            throw Failure.refused("还有承诺事项未办结或结果未公开，不能办结")
        }
        e.closedOn = services.clock.today().description
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, "舆情办结", changes: [], actor: actor, on: tx)
        }
    }

    func audit(_ e: OpinionEvent, _ action: String, changes: [FieldChange], actor: AuditActor, on tx: any Database) async throws {
        try await services.audit.record(on: tx, actor: actor, organisationID: e.organisationID, entity: .opinionEvent,
                                        entityID: String(e.summary.prefix(40)), action: action, changes: changes)
    }
}
