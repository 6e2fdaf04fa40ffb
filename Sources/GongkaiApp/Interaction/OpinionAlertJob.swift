import FluentKit
import Foundation
import GongkaiDomain

/// Commitments past their day and not done: one message to the ledger office's 公开办 per
/// commitment and due day (a new due day would alert again). Safe to run as often as wanted: the
/// commitment is marked in the same transaction as the message is queued, and only if unmarked.
struct OpinionAlertJob: Sendable {
    let services: AppServices

    @discardableResult
    func run(today: CivilDate) async throws -> Int {
        let db = services.db
        let open = try await OpinionCommitment.query(on: db).filter(\.$state == CommitmentState.open.rawValue)
            .filter(\.$dueOn < today.description).all().filter { $0.alertedFor != $0.dueOn }
        guard !open.isEmpty else { return 0 }
        let events = try await OpinionEvent.query(on: db).filter(\.$id ~~ open.map(\.eventID)).all()
        let orgs = try await Organisation.query(on: db).all()
        var queued = 0
        for c in open {
            guard let e = events.first(where: { $0.id == c.eventID }), let office = orgs.first(where: { $0.id == e.officeID }) else { continue }
            let unit = orgs.first { $0.id == c.organisationID }?.name ?? ""
            let recipients = try await DeadlineReminderJob.recipients(holding: [.disclosureOfficeAdministrator], for: office, on: db)
            let subject = "舆情回应承诺事项已逾期：\(c.what.prefix(30))"
            let body = "舆情“\(e.summary.prefix(60))”中承诺的事项“\(c.what)”由\(unit)承办，应于\(c.due.chinese(withYear: true))前办结，现已逾期。请登录后台查看舆情回应台账。"
            let updated = try await db.transaction { tx -> Bool in
                // Marked only if still unmarked: two instances running at once send one message.
                guard let fresh = try await OpinionCommitment.find(c.id, on: tx), fresh.alertedFor != fresh.dueOn, fresh.stateValue == .open else { return false }
                fresh.alertedFor = fresh.dueOn
                try await fresh.update(on: tx)
                for to in recipients {
                    try await OutboxMail(recipient: to.email, recipientName: to.name, subject: subject, body: body,
                                         purpose: "opinion-commitment:\(c.id!.uuidString)", organisationID: e.officeID, now: services.clock.now()).create(on: tx)
                }
                try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "系统：承诺事项逾期提醒", clientAddress: "本机"),
                                                organisationID: e.officeID, entity: .opinionEvent, entityID: String(e.summary.prefix(40)),
                                                action: "承诺事项逾期提醒",
                                                changes: [.init(field: "recipients", before: nil,
                                                                after: recipients.isEmpty ? "（无可用邮箱）" : recipients.map(\.email).joined(separator: ", "))])
                return true
            }
            if updated { queued += max(recipients.count, 1) }
        }
        return queued
    }
}
