import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The outbox page: what the site has sent or is still trying to send, for the organisations the
/// administrator covers, so a mail server problem is seen before reminders go missing.
enum MailRoutes {
    struct Row: Sendable {
        let created: String
        let recipient: String
        let subject: String
        let state: String
        let attempts: Int
        let lastError: String?
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let server: String?
        let leadDays: Int
        let interval: Int
        let rows: [Row]
        let isEmpty: Bool
        let queued: Int
        let failed: Int
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/mail", roles: Roles.administrators, target: .anyScope) { _, context, auth in
            let db = services.db
            let visible = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: db)
                .compactMap { $0.node.id }
            let mails = try await OutboxMail.query(on: db).filter(\.$organisationID ~~ visible)
                .sort(\.$createdAt, .descending).limit(200).all()
            let rows = mails.map { m in
                Row(created: SiteClock.timeText(m.createdAt), recipient: m.recipient, subject: m.subject,
                    state: m.state == .sent ? "已发送" : m.state == .failed ? "发送失败" : "待发送",
                    attempts: m.attempts, lastError: m.lastError.nonEmpty)
            }
            let config = services.config
            let view = ListView(
                chrome: AdminChrome.make(services, context, title: "邮件发送", path: "/admin/mail"),
                server: config.mail.map { "\($0.host):\($0.port)（\($0.security.rawValue)），发件人 \($0.from.address)" },
                leadDays: config.reminderLeadDays, interval: config.jobsIntervalMinutes,
                rows: rows, isEmpty: rows.isEmpty,
                queued: mails.filter { $0.state == .queued }.count, failed: mails.filter { $0.state == .failed }.count)
            return services.templates.page("admin-mail", view)
        }
    }
}
