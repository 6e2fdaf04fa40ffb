import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// Records what would have gone out, or fails every time.
actor RecordingTransport: MailTransport {
    var sent: [MailMessage] = []
    var failing = false

    func setFailing(_ f: Bool) { failing = f }

    func send(_ message: MailMessage, messageID: String) async throws {
        if failing { throw SMTPClient.Failure(description: "测试：服务器不可用") }
        sent.append(message)
    }
}

final class DeadlineReminderTests: XCTestCase {
    func testHandlersAreRemindedOnceAndTheOfficeHearsWhenOverdue() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_REMINDER_DAYS": "3"]) { env in
            let f = try await Fixture.seed(env)
            let actor = AuditActor.commandLine("test")
            let directory = StaffDirectory(services: env.services)
            _ = try await directory.create(
                .init(username: "office", displayName: "县公开办", email: "office@qx.example.cn", organisationID: f.county.id!,
                      password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: actor)
            for (u, mail) in [(f.handlerA, "handler@qx.example.cn"), (f.adminA, "admina@qx.example.cn"), (f.adminB, "adminb@qx.example.cn")] {
                try await directory.update(u, displayName: u.displayName, phone: "", email: mail, active: true, actor: actor)
            }
            var input = ApplicationInput()
            input.name = "钱七"; input.idNumber = "11010519491231002X"; input.phone = "13900005555"
            input.description = "本局2026年临时救助资金发放明细"
            let (a, _) = try await ApplicationDesk(services: env.services).submit(
                input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-09-28")!, clientAddress: "x", actor: actor)
            let job = DeadlineReminderJob(services: env.services)
            let lead = env.config.reminderLeadDays

            // Due 2026-10-30: eight working days away on 10-20, three on 10-27.
            let early = try await job.run(today: CivilDate(iso: "2026-10-20")!, leadDays: lead)
            XCTAssertEqual(early, 0)
            let soon = try await job.run(today: CivilDate(iso: "2026-10-27")!, leadDays: lead)
            XCTAssertEqual(soon, 1)
            let again = try await job.run(today: CivilDate(iso: "2026-10-28")!, leadDays: lead)
            XCTAssertEqual(again, 0, "one reminder per due date")
            var queued = try await OutboxMail.query(on: env.db).all()
            XCTAssertEqual(queued.map(\.recipient), ["handler@qx.example.cn"])
            XCTAssertTrue(queued[0].subject.contains(a.registrationNumber))
            XCTAssertTrue(queued[0].body.contains("2026年10月30日"))
            XCTAssertTrue(queued[0].body.contains("距答复期限还有3个工作日"))
            XCTAssertFalse(queued[0].body.contains("11010519491231002X"), "no identity numbers in mail")
            XCTAssertFalse(queued[0].body.contains("13900005555"))

            // Saturday 10-31 is past the due date although no working day has gone by since.
            let overdue = try await job.run(today: CivilDate(iso: "2026-10-31")!, leadDays: lead)
            XCTAssertEqual(overdue, 2)
            queued = try await OutboxMail.query(on: env.db).sort(\.$recipient).all()
            XCTAssertEqual(queued.map(\.recipient), ["admina@qx.example.cn", "handler@qx.example.cn", "office@qx.example.cn"])
            XCTAssertTrue(queued[0].subject.contains("超期督办"))
            // Under the case's own entity and number, so the audit page's filter finds them with the rest.
            let audited = try await AuditRecord.query(on: env.db).filter(\.$entity == "政府信息公开申请")
                .filter(\.$entityID == a.registrationNumber).filter(\.$action ~~ DeadlineReminder.allCases.map { "期限提醒：\($0.label)" }).count()
            XCTAssertEqual(audited, 2)

            // Delivery: every queued message once.
            let transport = RecordingTransport()
            let outbox = MailOutbox(services: env.services, transport: transport)
            let first = try await outbox.deliverDue()
            XCTAssertEqual(first.sent, 3)
            let second = try await outbox.deliverDue()
            XCTAssertEqual(second.sent, 0)
            let sent = await transport.sent
            XCTAssertEqual(Set(sent.flatMap { $0.to.map(\.address) }),
                           ["admina@qx.example.cn", "handler@qx.example.cn", "office@qx.example.cn"])

            // The due lists: overdue (as of today, long after 10-30), not due soon.
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let overdueList = try await office.get("/admin/applications?due=overdue")
                XCTAssertTrue(overdueList.body.contains(a.registrationNumber))
                XCTAssertTrue(overdueList.body.contains("只显示已超期的申请"))
                let soonList = try await office.get("/admin/applications?due=soon")
                XCTAssertFalse(soonList.body.contains(a.registrationNumber))
                let dashboard = try await office.get("/admin")
                XCTAssertTrue(dashboard.body.contains("/admin/applications?due=overdue"))
            }

            // The outbox page shows them to the administrators who cover the organisations, not to others.
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let page = try await office.get("/admin/mail")
                XCTAssertTrue(page.body.contains("handler@qx.example.cn"))
                XCTAssertTrue(page.body.contains("已发送"))
                XCTAssertTrue(page.body.contains("尚未配置发信服务器"))
                let otherOffice = Browser(client)
                try await otherOffice.logIn("adminb", Fixture.password)
                let other = try await otherOffice.get("/admin/mail")
                XCTAssertEqual(other.status, .ok)
                XCTAssertFalse(other.body.contains("handler@qx.example.cn"))
            }

            // A decided case calls for nothing more.
            try await ApplicationDesk(services: env.services).record(
                .init(step: .decided, date: CivilDate(iso: "2026-11-02")!, code: ReplyOutcome.disclosed.rawValue, provision: "通过电子邮件发送"), on: a, actor: actor)
            let after = try await job.run(today: CivilDate(iso: "2026-11-20")!, leadDays: lead)
            XCTAssertEqual(after, 0)
        }
    }

    func testUndeliveredMailIsKeptAndRetriedThenMarkedFailed() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let mail = OutboxMail(recipient: "x@qx.example.cn", recipientName: "某人", subject: "测试", body: "正文",
                                  purpose: "test", organisationID: f.county.id!, now: Date())
            try await mail.create(on: env.db)
            let transport = RecordingTransport()
            await transport.setFailing(true)
            let outbox = MailOutbox(services: env.services, transport: transport)
            var now = Date()
            for attempt in 1...MailOutbox.maxAttempts {
                let r = try await outbox.deliverDue(now: now)
                let stored = try await OutboxMail.find(mail.id, on: env.db)!
                XCTAssertEqual(stored.attempts, attempt)
                XCTAssertTrue(stored.lastError.contains("服务器不可用"))
                if attempt < MailOutbox.maxAttempts {
                    XCTAssertEqual(r.retrying, 1)
                    XCTAssertEqual(stored.state, .queued)
                    // Not again before its time.
                    let tooSoon = try await outbox.deliverDue(now: now)
                    XCTAssertEqual(tooSoon, .init())
                    now = stored.nextAttemptAt!.addingTimeInterval(1)
                } else {
                    XCTAssertEqual(r.failed, 1)
                    XCTAssertEqual(stored.state, .failed)
                }
            }
            // Without a mail server configured nothing is attempted and nothing is lost.
            let other = OutboxMail(recipient: "y@qx.example.cn", recipientName: "", subject: "测试", body: "正文",
                                   purpose: "test", organisationID: f.county.id!, now: Date())
            try await other.create(on: env.db)
            let unconfigured = try await MailOutbox(services: env.services).deliverDue()
            XCTAssertEqual(unconfigured, .init())
            let kept = try await OutboxMail.find(other.id, on: env.db)!
            XCTAssertEqual(kept.state, .queued)
            XCTAssertEqual(kept.attempts, 0)
        }
    }

    func testRetryDelaysGrowAndAreCapped() {
        XCTAssertEqual(MailOutbox.retryDelay(afterAttempts: 1), 60)
        XCTAssertEqual(MailOutbox.retryDelay(afterAttempts: 3), 240)
        XCTAssertEqual(MailOutbox.retryDelay(afterAttempts: 20), 6 * 3600)
    }
}
