import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The SMTP client against a real SMTP server (aiosmtpd): login, envelope, Chinese subject and body
/// as another mail library reads them, and clear failures.
final class RealSMTPTests: XCTestCase {
    func settings(port: Int, password: String = "s3cret") -> MailSettings {
        MailSettings(host: "127.0.0.1", port: port, security: .none, username: "gongkai", password: password,
                     from: .init(name: "清溪县政府信息公开", address: "noreply@qx.example.cn"))
    }

    func testReminderTravelsThroughARealMailServer() async throws {
        let sink = try SMTPSink(user: "gongkai", password: "s3cret")
        defer { sink.stop() }
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let actor = AuditActor.commandLine("test")
            try await StaffDirectory(services: env.services).update(
                f.handlerA, displayName: "王经办", phone: "", email: "wang@qx.example.cn", active: true, actor: actor)
            var input = ApplicationInput()
            input.name = "孙八"; input.idNumber = "11010519491231002X"; input.phone = "13900006666"
            input.description = "2026年本县城乡低保标准调整文件"
            let (a, _) = try await ApplicationDesk(services: env.services).submit(
                input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-09-28")!, clientAddress: "x", actor: actor)
            let queued = try await DeadlineReminderJob(services: env.services).run(today: CivilDate(iso: "2026-10-29")!, leadDays: 3)
            XCTAssertEqual(queued, 1)
            let stored = try await OutboxMail.query(on: env.db).first()!
            let report = try await MailOutbox(db: env.db, transport: SMTPClient(settings: settings(port: sink.port)),
                                              from: settings(port: sink.port).from, logger: env.services.logger).deliverDue()
            XCTAssertEqual(report.sent, 1)
            let got = try await sink.messages(expecting: 1)
            XCTAssertEqual(got.count, 1)
            let m = got[0]
            XCTAssertEqual(m.authenticated_as, "gongkai")
            XCTAssertEqual(m.mail_from, "noreply@qx.example.cn")
            XCTAssertEqual(m.rcpt_tos, ["wang@qx.example.cn"])
            XCTAssertEqual(m.subject, stored.subject)
            XCTAssertTrue(m.subject.contains(a.registrationNumber))
            XCTAssertTrue(m.to.contains("王经办"), m.to)
            XCTAssertTrue(m.from.contains("清溪县政府信息公开"), m.from)
            XCTAssertTrue(m.message_id.contains(stored.id!.uuidString), m.message_id)
            let body = m.body ?? ""
            XCTAssertTrue(body.contains("距答复期限还有1个工作日"), body)
            XCTAssertTrue(body.contains("10月1日至7日"), "the derivation travels with it: \(body)")
            XCTAssertTrue(body.contains("/admin/applications/\(a.id!.uuidString)"))
            let sent = try await OutboxMail.find(stored.id, on: env.db)!
            XCTAssertEqual(sent.state, .sent)
        }
    }

    func testRejectedLoginAndUnreachableServerAreReportedInChinese() async throws {
        let sink = try SMTPSink(user: "gongkai", password: "s3cret")
        defer { sink.stop() }
        let message = MailMessage(from: .init(address: "noreply@qx.example.cn"), to: [.init(address: "a@qx.example.cn")],
                                  subject: "测试", body: "正文")
        do {
            try await SMTPClient(settings: settings(port: sink.port, password: "wrong")).send(message, messageID: "x")
            XCTFail("a wrong password must not deliver")
        } catch let e as SMTPClient.Failure {
            XCTAssertTrue(e.description.contains("登录"), e.description)
        }
        let nothing = try await sink.messages(expecting: 0)
        XCTAssertTrue(nothing.isEmpty)

        // A port with no server behind it.
        let closed = sink.port
        sink.stop()
        do {
            try await SMTPClient(settings: settings(port: closed), timeout: .seconds(2)).send(message, messageID: "y")
            XCTFail("nothing listens there")
        } catch let e as SMTPClient.Failure {
            XCTAssertTrue(e.description.contains("无法连接邮件服务器"), e.description)
        }
    }

    /// STARTTLS (port 587 style) and TLS from the first byte (465 style) against the real server
    /// with its own certificate, trusted through GONGKAI_SMTP_CA_FILE; login only after TLS.
    func testStartTLSAndImplicitTLSWithTheCountysOwnCertificate() async throws {
        for (mode, security) in [(SMTPSink.TLSMode.starttls, MailSettings.Security.starttls), (.implicit, .tls)] {
            let sink = try SMTPSink(user: "gongkai", password: "s3cret", tls: mode)
            defer { sink.stop() }
            var s = settings(port: sink.port)
            s.security = security
            let message = MailMessage(from: s.from, to: [.init(name: "王经办", address: "wang@qx.example.cn")],
                                      subject: "加密连接测试（\(mode.rawValue)）", body: "正文：依申请公开提醒")
            // Without the county's CA the certificate is refused, in Chinese.
            do {
                try await SMTPClient(settings: s, timeout: .seconds(5)).send(message, messageID: "untrusted-\(mode.rawValue)")
                XCTFail("\(mode): an untrusted certificate must not be accepted")
            } catch let e as SMTPClient.Failure {
                XCTAssertTrue(e.description.contains("邮件服务器"), e.description)
            }
            s.caFile = sink.certificate
            try await SMTPClient(settings: s, timeout: .seconds(5)).send(message, messageID: "tls-\(mode.rawValue)@qx.example.cn")
            let got = try await sink.messages(expecting: 1)
            XCTAssertEqual(got.count, 1, "\(mode)")
            XCTAssertEqual(got.first?.subject, "加密连接测试（\(mode.rawValue)）")
            XCTAssertEqual(got.first?.authenticated_as, "gongkai", "\(mode): logged in over TLS")
            XCTAssertEqual(got.first?.body?.trimmingCharacters(in: .whitespacesAndNewlines), "正文：依申请公开提醒")
        }
    }
}
