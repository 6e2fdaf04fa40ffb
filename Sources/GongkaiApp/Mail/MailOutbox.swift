import FluentKit
import Foundation
import GongkaiDomain
import Logging

/// Queues messages in the database and delivers them through a transport, with retries.
public struct MailOutbox: Sendable {
    /// After this many failed attempts a message is marked failed and shown as such on the outbox page.
    static let maxAttempts = 8

    let db: any Database
    let transport: (any MailTransport)?
    let from: MailMessage.Address
    let logger: Logger

    public init(db: any Database, transport: (any MailTransport)?, from: MailMessage.Address, logger: Logger) {
        self.db = db
        self.transport = transport
        self.from = from
        self.logger = logger
    }

    public init(services: AppServices, transport: (any MailTransport)? = nil) {
        let settings = services.config.mail
        self.init(db: services.db, transport: transport ?? settings.map { SMTPClient(settings: $0) },
                  from: settings?.from ?? .init(address: "gongkai@localhost"), logger: services.logger)
    }

    /// Pause before the next try after `attempts` failures: 1, 2, 4 … minutes, at most six hours.
    static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, attempts - 1))), 6 * 3600)
    }

    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
    }

    /// Delivers every message whose time has come. Without a transport nothing is sent and the queue
    /// stays as it is (the outbox page says mail is not configured).
    public func deliverDue(now: Date = Date()) async throws -> Report {
        var report = Report()
        guard let transport else { return report }
        let due = try await OutboxMail.query(on: db).filter(\.$sentAt == nil).filter(\.$failedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$createdAt).limit(200).all()
        for mail in due {
            guard let mine = try await claim(mail, now: now) else { continue }
            let message = MailMessage(from: from, to: [.init(name: mine.recipientName, address: mine.recipient)],
                                      subject: mine.subject, body: mine.body)
            mine.attempts += 1
            do {
                try await transport.send(message, messageID: mine.id?.uuidString ?? UUID().uuidString)
                mine.sentAt = now
                mine.lastError = ""
                report.sent += 1
            } catch {
                mine.lastError = String(describing: error).prefix(500).description
                if mine.attempts >= Self.maxAttempts {
                    mine.failedAt = now
                    report.failed += 1
                } else {
                    mine.nextAttemptAt = now.addingTimeInterval(Self.retryDelay(afterAttempts: mine.attempts))
                    report.retrying += 1
                }
                logger.warning("邮件发送失败（第\(mine.attempts)次）：\(mine.recipient)：\(mine.lastError)")
            }
            mine.claimedUntil = nil
            mine.claimToken = nil
            try await mine.update(on: db)
        }
        return report
    }

    /// Takes a message for this sender, or nil when another instance holds it.
    func claim(_ mail: OutboxMail, now: Date) async throws -> OutboxMail? {
        guard let id = mail.id else { return nil }
        let token = UUID().uuidString
        try await OutboxMail.query(on: db).filter(\.$id == id).filter(\.$sentAt == nil)
            .group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil < now) }
            .set(\.$claimToken, to: token).set(\.$claimedUntil, to: now.addingTimeInterval(300))
            .update()
        guard let fresh = try await OutboxMail.find(id, on: db), fresh.claimToken == token else { return nil }
        return fresh
    }
}
