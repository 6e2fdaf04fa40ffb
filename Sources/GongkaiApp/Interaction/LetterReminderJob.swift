import FluentKit
import Foundation
import GongkaiDomain

/// Letters due soon or overdue: one message per letter, kind and due date — a reminder to the
/// handling organisation's staff before the deadline, an escalation to the mailbox's 公开办 once it
/// has passed. Safe to run as often as wanted, from any number of instances (unique record).
struct LetterReminderJob: Sendable {
    let services: AppServices

    final class Record: Model, @unchecked Sendable {
        static let schema = "letter_reminders"
        @ID(key: .id) var id: UUID?
        @Field(key: "letter_id") var letterID: UUID
        @Field(key: "kind") var kind: String
        @Field(key: "due_on") var dueOn: String
        @Field(key: "created_at") var createdAt: Date
        init() {}
    }

    @discardableResult
    func run(today: CivilDate, leadDays: Int) async throws -> Int {
        let db = services.db
        let open = try await Letter.query(on: db).filter(\.$state ~~ LetterFlow.State.allCases.filter(\.awaitsReply).map(\.rawValue)).all()
        guard !open.isEmpty else { return 0 }
        let calendar = try await CalendarStore(services: services).calendar()
        let orgs = try await Organisation.query(on: db).all()
        var queued = 0
        for l in open {
            let left = calendar.workingDays(after: today, through: l.due).count
            guard let kind = DeadlineReminder.due(dueDate: l.due, today: today, workingDaysLeft: left, leadDays: leadDays) else { continue }
            let id = try l.requireID()
            if try await Record.query(on: db).filter(\.$letterID == id).filter(\.$kind == kind.rawValue).filter(\.$dueOn == l.dueOn).first() != nil { continue }
            guard let handling = orgs.first(where: { $0.id == l.handlingID }), let mailbox = orgs.first(where: { $0.id == l.mailboxID }) else { continue }
            var found = try await DeadlineReminderJob.recipients(
                holding: kind == .dueSoon ? [.informationOfficer, .applicationHandler] : [.disclosureOfficeAdministrator],
                for: kind == .dueSoon ? handling : mailbox, on: db)
            if found.isEmpty, kind == .dueSoon {
                found = try await DeadlineReminderJob.recipients(holding: [.disclosureOfficeAdministrator], for: handling, on: db)
            }
            let recipients = found
            let subject = kind == .dueSoon ? "来信即将到期：\(l.number)" : "来信已超期未答复：\(l.number)"
            let body = "来信“\(l.subject)”（\(l.number)，\(l.kindValue.label)）由\(handling.name)办理，应于\(l.due.chinese(withYear: true))前答复"
                + (kind == .overdue ? "，现已超期。" : "。") + "请登录后台处理。"
            do {
                try await db.transaction { tx in
                    let r = Record()
                    r.id = UUID(); r.letterID = id; r.kind = kind.rawValue; r.dueOn = l.dueOn; r.createdAt = services.clock.now()
                    try await r.create(on: tx)
                    for to in recipients {
                        try await OutboxMail(recipient: to.email, recipientName: to.name, subject: subject, body: body,
                                             purpose: "letter-\(kind.rawValue):\(l.number)", organisationID: l.handlingID, now: services.clock.now()).create(on: tx)
                    }
                    try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "系统：来信期限提醒", clientAddress: "本机"),
                                                    organisationID: l.handlingID, entity: .letter, entityID: l.number, action: "期限提醒：\(kind.label)",
                                                    changes: [.init(field: "recipients", before: nil,
                                                                    after: recipients.isEmpty ? "（无可用邮箱）" : recipients.map(\.email).joined(separator: ", "))])
                }
                queued += recipients.count
            } catch {
                if try await Record.query(on: db).filter(\.$letterID == id).filter(\.$kind == kind.rawValue).filter(\.$dueOn == l.dueOn).first() != nil { continue }
                throw error
            }
        }
        return queued
    }
}
