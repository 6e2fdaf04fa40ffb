import FluentKit
import Foundation
import GongkaiDomain

/// Participation events: announcing, sign-up (stored before it is acknowledged; open days fill in
/// order with a waiting list, hearings and 列席 are selected by the organiser), materials, the
/// participant list and the record. Every change is audited in its transaction.
struct EventDesk: Sendable {
    let services: AppServices
    typealias Failure = DeskFailure

    var db: any Database { services.db }

    static func apply(_ i: EventInput, to e: ParticipationEvent) {
        e.kind = i.kind.rawValue
        e.title = i.title
        e.startsOn = i.startsOn.description
        e.startsAt = i.startsAt
        e.place = i.place
        e.description = i.description
        e.selectionMethod = i.selectionMethod
        e.capacity = i.capacity
        e.categorySeats = i.seats.stored
        e.registrationClosesOn = i.registrationClosesOn?.description
        e.streamURL = i.streamURL
        e.publicInterest = i.kind == .openMeeting ? i.publicInterest : false
    }

    func create(_ input: EventInput, in org: Organisation, decision: Decision?, actor: AuditActor) async throws -> ParticipationEvent {
        let e = ParticipationEvent()
        e.id = UUID()
        e.organisationID = try org.requireID()
        e.decisionID = decision?.id
        Self.apply(input, to: e)
        e.participants = ""
        e.record = ""
        e.recordConfirmed = false
        e.createdAt = services.clock.now()
        try await db.transaction { tx in
            try await e.create(on: tx)
            try await audit(e, "新建", [.init(field: "event", before: nil, after: "\(e.kindValue.label)：\(e.title)（\(e.startsOn)）")], actor, tx)
        }
        return e
    }

    func update(_ e: ParticipationEvent, with input: EventInput, decision: Decision?, actor: AuditActor) async throws {
        guard input.kind == e.kindValue else { throw Failure.invalid(["kind": "活动类型创建后不能修改"]) }
        let before = "\(e.title)；\(e.startsOn) \(e.startsAt)；\(e.place)；名额\(e.capacity)"
        Self.apply(input, to: e)
        e.decisionID = decision?.id
        let dialect = services.database.dialect
        let eventID = try e.requireID()
        try await db.transaction { tx in
            try await dialect.lockAuditChain(on: tx)
            try await e.update(on: tx)
            try await audit(e, "修改", [.init(field: "event", before: before, after: "\(e.title)；\(e.startsOn) \(e.startsAt)；\(e.place)；名额\(e.capacity)")], actor, tx)
            // More places: the waiting list moves up at once.
            if !e.kindValue.selectsParticipants {
                try await promote(try await EventRegistration.query(on: tx).filter(\.$eventID == eventID).sort(\.$submittedAt).all(),
                                  in: e, actor: actor, on: tx)
            }
        }
    }

    /// Announces it: from now on the public page shows it (and sign-up opens where the kind takes it).
    func publish(_ e: ParticipationEvent, actor: AuditActor) async throws {
        guard e.publishedAt == nil else { throw Failure.refused("已经发布") }
        e.publishedAt = services.clock.now()
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, "发布活动公告", [], actor, tx)
        }
    }

    struct Refused: Error { let message: String }

    func registrations(of e: ParticipationEvent) async throws -> [EventRegistration] {
        try await EventRegistration.query(on: db).filter(\.$eventID == e.requireID()).sort(\.$submittedAt).all()
    }

    /// A member of the public signs up; the place (or waiting position) is decided under the lock.
    func register(_ input: RegistrationInput, for e: ParticipationEvent, clientAddress: String) async throws -> EventRegistration {
        let now = services.clock.now(), today = services.clock.today()
        guard e.registrationOpen(on: today) else { throw Refused(message: "报名已截止或尚未开始。") }
        let dialect = services.database.dialect
        let eventID = try e.requireID()
        let book = RegistrationBook(capacity: e.capacity)
        let selects = e.kindValue.selectsParticipants
        for attempt in 0..<5 {
            do {
                return try await db.transaction { tx in
                    try await dialect.lockAuditChain(on: tx)
                    let existing = try await EventRegistration.query(on: tx).filter(\.$eventID == eventID).sort(\.$submittedAt).all()
                    if existing.filter({ $0.clientAddress == clientAddress && $0.submittedAt >= now.addingTimeInterval(-86400) }).count >= 3 {
                        throw Refused(message: "同一网络一天内为本活动报名过多，请与主办单位联系。")
                    }
                    let r = EventRegistration()
                    r.id = UUID()
                    r.eventID = eventID
                    r.receipt = ReceiptNumber.make("BM", on: today)
                    r.name = input.name
                    r.contact = input.contact
                    r.category = input.category
                    r.note = input.note
                    r.status = book.statusForNewSignUp(existing: existing.map(\.statusValue), selects: selects).rawValue
                    r.clientAddress = clientAddress
                    r.submittedAt = now
                    try await r.create(on: tx)
                    try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（网上报名）", clientAddress: clientAddress),
                                                    organisationID: e.organisationID, entity: .participationEvent, entityID: r.receipt,
                                                    action: "报名", changes: [.init(field: "status", before: nil, after: r.statusValue.label)])
                    return r
                }
            } catch let refused as Refused {
                throw refused
            } catch where attempt < 4 {
                continue
            }
        }
        throw Refused(message: "暂时无法保存报名，请稍后重试。")
    }

    /// The organiser's decision on one sign-up: select, not select, or withdraw (which moves the
    /// first waiting people up on an open day). Read and written under the lock sign-ups take.
    func decide(_ r: EventRegistration, in e: ParticipationEvent, to status: RegistrationBook.Status, actor: AuditActor) async throws {
        switch status {
        case .selected, .notSelected:
            guard e.kindValue.selectsParticipants else { throw Failure.refused("该活动按报名先后确定名额，不需要遴选") }
        case .withdrawn:
            break
        default:
            throw Failure.invalid(["status": "请选择处理方式"])
        }
        let book = RegistrationBook(capacity: e.capacity)
        let dialect = services.database.dialect
        let eventID = try e.requireID(), registrationID = try r.requireID()
        try await db.transaction { tx in
            try await dialect.lockAuditChain(on: tx)
            let all = try await EventRegistration.query(on: tx).filter(\.$eventID == eventID).sort(\.$submittedAt).all()
            guard let current = all.first(where: { $0.id == registrationID }) else { throw Failure.refused("报名记录不存在") }
            let before = current.statusValue
            guard before != .withdrawn else { throw Failure.refused("该报名已取消") }
            if status == .selected, before != .selected {
                if let p = book.selectionProblem(all.map(\.statusValue)) { throw Failure.refused(p) }
                let selected = all.filter { $0.statusValue == .selected }.map(\.category)
                if let p = CategorySeats(stored: e.categorySeats).selectionProblem(category: current.category, selectedCategories: selected) {
                    throw Failure.refused(p)
                }
            }
            current.status = status.rawValue
            try await current.update(on: tx)
            try await audit(e, "报名处理", [.init(field: current.receipt, before: before.label, after: status.label)], actor, tx)
            try await notify(current, of: e, on: tx)
            if status == .withdrawn, !e.kindValue.selectsParticipants {
                try await promote(all, in: e, actor: actor, on: tx)
            }
        }
    }

    /// Moves waiting people up into free places (open days), in sign-up order.
    func promote(_ all: [EventRegistration], in e: ParticipationEvent, actor: AuditActor, on tx: any Database) async throws {
        let book = RegistrationBook(capacity: e.capacity)
        for (old, new) in zip(all, book.promote(all.map(\.statusValue))) where new != old.statusValue {
            let before = old.statusValue
            old.status = new.rawValue
            try await old.update(on: tx)
            try await audit(e, "候补递补", [.init(field: old.receipt, before: before.label, after: new.label)], actor, tx)
            try await notify(old, of: e, on: tx)
        }
    }

    /// Tells the person the outcome (selected, not selected, moved up from the waiting list) when
    /// they gave an e-mail address; a mobile number is called by the organiser from the attendance
    /// list. Queued in the same transaction, so the decision and its message stand or fall together.
    func notify(_ r: EventRegistration, of e: ParticipationEvent, on tx: any Database) async throws {
        guard ContactFormat.isEmail(r.contact), [.selected, .notSelected, .confirmed].contains(r.statusValue) else { return }
        let org = try await Organisation.find(e.organisationID, on: tx)
        let outcome: String
        switch r.statusValue {
        case .selected: outcome = "您已入选，请按时参加。"
        case .notSelected: outcome = "很遗憾，您本次未入选。感谢您的关注和参与。"
        default: outcome = "候补名额已递补，您已报名成功，请按时参加。"
        }
        let body = ["\(r.name)：", "", "您报名的“\(e.title)”（回执号\(r.receipt)）：\(outcome)",
                    "时间：\(EventPage.when(e))", "地点：\(e.place)", "", "\(org?.name ?? "")"].joined(separator: "\n")
        try await OutboxMail(recipient: r.contact, recipientName: r.name, subject: "【\(e.kindValue.label)】\(e.title)：\(r.statusValue.label)", body: body,
                             purpose: "event_registration:\(r.receipt)", organisationID: e.organisationID, now: services.clock.now()).create(on: tx)
    }

    func recordMaterials(_ e: ParticipationEvent, deliveredOn raw: String, actor: AuditActor) async throws {
        guard e.kindValue.deliversMaterials else { throw Failure.refused("只有听证会需要登记材料送达") }
        guard let d = CivilDate(iso: raw.trimmingSpaces()), d <= services.clock.today() else {
            throw Failure.invalid(["materials_delivered_on": "请填写已送达的日期（不晚于今天），格式如 2026-10-10"])
        }
        e.materialsDeliveredOn = d.description
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, "听证材料送达", [.init(field: "materials_delivered_on", before: nil, after: d.description)], actor, tx)
        }
    }

    func setParticipants(_ e: ParticipationEvent, text: String, actor: AuditActor) async throws {
        let text = text.trimmingSpaces()
        guard text.count <= 5000 else { throw Failure.invalid(["participants": "名单不能超过5000个字"]) }
        let before = e.participants
        e.participants = text
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, "公布参加人员", [.init(field: "participants", before: before, after: text)], actor, tx)
        }
    }

    /// The record or summary, published at once when `publish` (a hearing's only once confirmed).
    func setRecord(_ e: ParticipationEvent, text: String, confirmed: Bool, publish: Bool, actor: AuditActor) async throws {
        let text = text.trimmingSpaces()
        guard !text.isEmpty else { throw Failure.invalid(["record": "请填写\(e.kindValue.recordLabel)"]) }
        guard text.count <= 50_000 else { throw Failure.invalid(["record": "内容不能超过50000个字"]) }
        guard services.clock.today() >= e.day else { throw Failure.refused("活动举行后才能填写\(e.kindValue.recordLabel)") }
        if publish, e.kindValue == .hearing, !confirmed {
            throw Failure.invalid(["record_confirmed": "听证笔录须经参加人确认后公开（《重大行政决策程序暂行条例》第十七条）"])
        }
        e.record = text
        e.recordConfirmed = confirmed
        if publish, e.recordPublishedAt == nil { e.recordPublishedAt = services.clock.now() }
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, publish ? "公开活动记录" : "保存活动记录", [.init(field: "record", before: nil, after: String(text.prefix(200)))], actor, tx)
        }
    }

    func linkSummary(_ e: ParticipationEvent, indexNumber: String, actor: AuditActor) async throws {
        let index = indexNumber.trimmingSpaces()
        guard !index.isEmpty, let item = try await ItemQueries.publicItems(on: db).filter(\.$indexNumber == index).first() else {
            throw Failure.invalid(["index_number": "找不到索引号为“\(index.prefix(60))”的已发布信息"])
        }
        guard item.organisationID == e.organisationID else { throw Failure.invalid(["index_number": "只能关联本机关发布的信息"]) }
        e.summaryItemID = item.id
        try await db.transaction { tx in
            try await e.update(on: tx)
            try await audit(e, "关联信息", [.init(field: "summary", before: nil, after: item.indexNumber)], actor, tx)
        }
    }

    func audit(_ e: ParticipationEvent, _ action: String, _ changes: [FieldChange], _ actor: AuditActor, _ tx: any Database) async throws {
        try await services.audit.record(on: tx, actor: actor, organisationID: e.organisationID, entity: .participationEvent,
                                        entityID: e.title, action: action, changes: changes)
    }
}
