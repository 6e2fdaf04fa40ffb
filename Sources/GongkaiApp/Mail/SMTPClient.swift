import Foundation
import GongkaiDomain
import NIOCore
import NIOPosix
import NIOSSL

/// How the app reaches its outgoing mail server.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain SMTP (only for a relay on the same host or network).
        case none
        /// Plain connection upgraded with STARTTLS before anything else is sent (usually port 587).
        case starttls
        /// TLS from the first byte (usually port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: MailMessage.Address
    /// PEM certificates trusted for the mail server besides the system's (a county's own CA).
    public var caFile: String?

    public init(host: String, port: Int, security: Security, username: String?, password: String?, from: MailMessage.Address,
                caFile: String? = nil) {
        self.caFile = caFile
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
    }
}

/// Delivers one message. The outbox calls it; tests may pass another implementation.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage, messageID: String) async throws
}

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, optional STARTTLS or implicit TLS, AUTH PLAIN
/// or LOGIN when credentials are set, one envelope per message. Every step has a time limit.
public struct SMTPClient: MailTransport {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let settings: MailSettings
    let timeout: TimeAmount

    public init(settings: MailSettings, timeout: TimeAmount = .seconds(30)) {
        self.settings = settings
        self.timeout = timeout
    }

    public func send(_ message: MailMessage, messageID: String) async throws {
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let settings = self.settings
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: try settings.tlsContext(), serverHostname: settings.serverHostname))
                        }
                        try channel.pipeline.syncOperations.addHandlers(LineStream.handlers(continuation))
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw Failure(description: "无法连接邮件服务器 \(settings.host):\(settings.port)：\(error)")
        }
        // One overall limit: closing the channel ends the reply stream, which fails the waiting step.
        let watchdog = channel.eventLoop.scheduleTask(in: timeout * 4) { channel.close(promise: nil) }
        defer {
            watchdog.cancel()
            channel.close(promise: nil)
        }
        var session = Session(channel: channel, lines: stream.makeAsyncIterator())
        do {
            try await session.run(message, messageID: messageID, settings: settings)
        } catch let failure as Failure {
            throw failure
        } catch {
            // TLS (an untrusted certificate), a connection closed in the middle…
            throw Failure(description: "与邮件服务器 \(settings.host):\(settings.port) 通信失败（如证书不受信任或连接被断开）：\(error)")
        }
    }

    struct Session {
        let channel: any Channel
        var lines: AsyncThrowingStream<String, any Error>.AsyncIterator
        var reader = SMTPReply.Reader()

        mutating func reply() async throws -> SMTPReply {
            while true {
                guard let line = try await lines.next() else { throw Failure(description: "邮件服务器断开了连接") }
                if let r = try reader.feed(line) { return r }
            }
        }

        mutating func expect(_ codes: Set<Int>, after step: String) async throws -> SMTPReply {
            let r = try await reply()
            guard codes.contains(r.code) else { throw Failure(description: "邮件服务器拒绝了 \(step)：\(r.code) \(r.text)") }
            return r
        }

        mutating func command(_ line: String, expect codes: Set<Int>, step: String? = nil) async throws -> SMTPReply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
            return try await expect(codes, after: step ?? String(line.prefix(4)))
        }

        mutating func run(_ message: MailMessage, messageID: String, settings: MailSettings) async throws {
            _ = try await expect([220], after: "连接")
            let helo = "EHLO gongkai.localdomain"
            var ehlo = try await command(helo, expect: [250])
            if settings.security == .starttls {
                guard ehlo.extensions.contains("STARTTLS") else {
                    throw Failure(description: "邮件服务器不支持 STARTTLS；请改用 GONGKAI_SMTP_SECURITY=tls 或 none")
                }
                _ = try await command("STARTTLS", expect: [220])
                try await channel.eventLoop.submit { [channel] in
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: try settings.tlsContext(), serverHostname: settings.serverHostname), position: .first)
                }.get()
                ehlo = try await command(helo, expect: [250])
            }
            if let user = settings.username, let password = settings.password {
                let auth = ehlo.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                if auth.contains("PLAIN") {
                    _ = try await command("AUTH PLAIN \(SMTPReply.plainCredentials(user: user, password: password))",
                                          expect: [235], step: "登录（AUTH PLAIN）")
                } else {
                    _ = try await command("AUTH LOGIN", expect: [334], step: "登录（AUTH LOGIN）")
                    _ = try await command(Data(user.utf8).base64EncodedString(), expect: [334], step: "登录用户名")
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: [235], step: "登录密码")
                }
            }
            _ = try await command("MAIL FROM:<\(settings.from.address)>", expect: [250])
            for to in message.to {
                _ = try await command("RCPT TO:<\(to.address)>", expect: [250, 251], step: "收件人 \(to.address)")
            }
            _ = try await command("DATA", expect: [354])
            // The encoded message ends in CRLF; a line with a single "." ends the data.
            _ = try await command(message.encoded(date: Date(), messageID: messageID) + ".", expect: [250], step: "邮件内容")
            try? await channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n"))
        }
    }
}

extension MailSettings {
    /// Certificate checks as usual, with the configured CA file trusted too.
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile { configuration.additionalTrustRoots = [.file(caFile)] }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI carries a name, never an address literal.
    var serverHostname: String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
