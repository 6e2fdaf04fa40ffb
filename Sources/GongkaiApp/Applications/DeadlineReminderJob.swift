import FluentKit
import Foundation
import GongkaiDomain

/// Finds open cases whose reply is due soon or overdue and queues one message per case, kind and
/// due date: a reminder to the handling organisation's 依申请经办人, an escalation to the 公开办
/// administrators over the organisation applied to. Safe to run as often as wanted, from any
/// number of app instances.
struct DeadlineReminderJob: Sendable {
    let services: AppServices

    struct Recipient: Sendable, Equatable {
        let name: String
        let email: String
    }

    /// Queues what is due as of `today`; returns the number of messages queued.
    @discardableResult
    func run(today: CivilDate, leadDays: Int) async throws -> Int {
        let db = services.db
        let orgs = try await Organisation.query(on: db).all()
        let byID = Dictionary(uniqueKeysWithValues: orgs.compactMap { o in o.id.map { ($0, o) } })
        let cases = try await ApplicationQueries.cases(organisationIDs: Array(byID.keys), openOnly: true, services: services,
                                                       today: today, limit: 100_000)
        var queued = 0
        for c in cases {
            guard let due = c.clock?.dueDate, let left = c.workingDaysLeft,
                  let kind = DeadlineReminder.due(dueDate: due, today: today, workingDaysLeft: left, leadDays: leadDays),
                  let appID = c.application.id,
                  let org = byID[c.application.organisationID] else { continue }
            let handling = c.application.handlingOrganisationID.flatMap { byID[$0] } ?? org
            if try await alreadySent(appID, kind, due) { continue }
            let recipients: [Recipient]
            switch kind {
            case .dueSoon:
                var r = try await Self.recipients(holding: [.applicationHandler], for: handling, on: db)
                // No handler with an address: the office that assigns work must hear of it.
                if r.isEmpty { r = try await Self.recipients(holding: [.disclosureOfficeAdministrator], for: handling, on: db) }
                recipients = r
            case .overdue:
                recipients = try await Self.recipients(holding: [.disclosureOfficeAdministrator], for: org, on: db)
            }
            let text = message(kind, case: c, organisation: org, handling: handling, due: due, today: today)
            do {
                try await db.transaction { tx in
                    let record = DeadlineReminderRecord()
                    record.id = UUID()
                    record.applicationID = appID
                    record.kind = kind.rawValue
                    record.dueDate = due.description
                    record.createdAt = services.clock.now()
                    try await record.create(on: tx)
                    for r in recipients {
                        try await OutboxMail(recipient: r.email, recipientName: r.name, subject: text.subject, body: text.body,
                                             purpose: "\(kind.rawValue):\(c.application.registrationNumber)",
                                             organisationID: handling.id ?? org.id ?? 0, now: services.clock.now()).create(on: tx)
                    }
                    try await services.audit.record(
                        on: tx, actor: AuditActor(id: nil, name: "系统：期限提醒", clientAddress: "本机"),
                        organisationID: org.id, entity: .application, entityID: c.application.registrationNumber,
                        action: "期限提醒：\(kind.label)",
                        changes: [.init(field: "due_date", before: nil, after: due.description),
                                  .init(field: "recipients", before: nil,
                                        after: recipients.isEmpty ? "（无可用邮箱）" : recipients.map(\.email).joined(separator: ", "))])
                }
                queued += recipients.count
            } catch {
                // Another instance recorded the same occasion first (unique key): nothing more to do.
                if try await alreadySent(appID, kind, due) { continue }
                throw error
            }
        }
        return queued
    }

    func alreadySent(_ appID: UUID, _ kind: DeadlineReminder, _ due: CivilDate) async throws -> Bool {
        try await DeadlineReminderRecord.query(on: services.db).filter(\.$applicationID == appID)
            .filter(\.$kind == kind.rawValue).filter(\.$dueDate == due.description).first() != nil
    }

    /// Active staff with an e-mail address who hold one of `roles` for `organisation`.
    static func recipients(holding roles: Set<StaffRole>, for organisation: Organisation, on db: any Database) async throws -> [Recipient] {
        let ancestry = organisation.ancestry.ids
        let assignments = try await RoleAssignment.query(on: db).filter(\.$roleRaw ~~ roles.map(\.rawValue))
            .filter(\.$organisationID ~~ ancestry).all()
        let userIDs = assignments.filter { a in
            guard let role = StaffRole(rawValue: a.roleRaw) else { return false }
            return RoleGrant(role: role, organisationID: a.organisationID, includesSubtree: a.includesSubtree).covers(ancestry: ancestry)
        }.map(\.userID)
        guard !userIDs.isEmpty else { return [] }
        return try await StaffUser.query(on: db).filter(\.$id ~~ userIDs).filter(\.$isActive == true).sort(\.$username).all()
            .filter { ContactFormat.isEmail($0.email) }
            .map { Recipient(name: $0.displayName, email: $0.email) }
    }

    func message(_ kind: DeadlineReminder, case c: ApplicationQueries.CaseDeadline, organisation: Organisation,
                 handling: Organisation, due: CivilDate, today: CivilDate) -> (subject: String, body: String) {
        let a = c.application
        let left = c.workingDaysLeft ?? 0
        let clock = c.clock?.kind ?? .reply
        let status: String
        switch kind {
        case .dueSoon: status = left == 0 ? "今天是\(clock.label)的最后一天" : "距\(clock.label)还有\(left)个工作日"
        case .overdue: status = left < 0 ? "已超过\(clock.label)\(-left)个工作日" : "已超过\(clock.label)"
        }
        let what: String
        switch clock {
        case .reply: what = "应于\(due.chinese(withYear: true))前答复"
        case .correction: what = "补正期限\(due.chinese(withYear: true))届满，请决定后续办理"
        case .consultation: what = "征求意见应于\(due.chinese(withYear: true))前答复"
        case .feePayment: what = "缴费期限\(due.chinese(withYear: true))届满，请决定后续办理"
        case .confirmation: what = "网上申请请于\(due.chinese(withYear: true))前确认收到"
        }
        let subject = "【\(kind.label)】依申请公开 \(a.registrationNumber) \(what)"
        let summary = a.description.count > 80 ? String(a.description.prefix(80)) + "…" : a.description
        let link = services.config.baseURL.absoluteString + "/admin/applications/\(a.id?.uuidString ?? "")"
        let body = """
        您好：

        以下政府信息公开申请\(status)，请及时办理\(kind == .overdue ? "并督促承办机构尽快答复" : "")。

        登记编号：\(a.registrationNumber)
        受理机关：\(organisation.name)
        承办机构：\(handling.name)
        申请内容：\(summary)
        \(clock.label)：\(due.chinese(withYear: true))
        期限计算：\(c.deadline?.explanationText ?? "")

        办理地址：\(link)

        本邮件由\(services.config.siteName)系统自动发送，请勿直接回复。
        """
        return (subject, body)
    }
}
