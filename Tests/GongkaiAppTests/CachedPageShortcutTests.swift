import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import XCTest
@testable import GongkaiApp

#if canImport(Glibc)
import Glibc
#endif

/// Issue 21: a kept public page is answered on the connection's event loop with the answer the
/// application would give; requests it cannot vouch for, and requests behind one the application
/// is still answering, go to the application in order.
final class CachedPageShortcutTests: XCTestCase {
    /// A site with one published item whose page is kept (rendered once through the router).
    static func withKeptPage(_ body: @escaping @Sendable (TestEnvironment, String, TestResponse) async throws -> Void) async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "城区供水管网改造公告")
            let path = "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"
            env.services.pageCache.trustSequence(forSeconds: 600)
            let rendered = try await env.withClient { client in try await client.execute(uri: path, method: .get) }
            XCTAssertEqual(rendered.status, .ok)
            try await body(env, path, rendered)
        }
    }

    private static func get(_ path: String, _ fields: HTTPFields = [:]) -> HTTPRequestPart {
        .head(HTTPRequest(method: .get, scheme: "http", authority: "x", path: path, headerFields: fields))
    }

    /// What the handler wrote, as one response.
    private static func written(_ channel: EmbeddedChannel) throws -> (head: HTTPResponse, body: [UInt8])? {
        guard case .head(let head)? = try channel.readOutbound(as: HTTPResponsePart.self) else { return nil }
        var body: [UInt8] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            switch part {
            case .body(let b): body += Array(buffer: b)
            case .end: return (head, body)
            case .head: XCTFail("a second head before the end"); return nil
            }
        }
        XCTFail("no end")
        return nil
    }

    func testAKeptPageIsAnsweredOnTheEventLoopWithTheApplicationsAnswer() async throws {
        try await Self.withKeptPage { env, path, rendered in
            let channel = EmbeddedChannel(handler: CachedPageShortcut(cache: env.services.pageCache, serverName: "Gongkai"))
            try channel.writeInbound(Self.get(path))
            XCTAssertNil(try channel.readOutbound(as: HTTPResponsePart.self), "nothing is written before the request ends")
            try channel.writeInbound(HTTPRequestPart.end(nil))
            XCTAssertNil(try channel.readInbound(as: HTTPRequestPart.self), "the application never sees the request")
            let answer = try XCTUnwrap(try Self.written(channel))
            XCTAssertEqual(answer.head.status, .ok)
            XCTAssertEqual(answer.body, Array(buffer: rendered.body))
            XCTAssertEqual(answer.head.headerFields[.contentLength], String(rendered.body.readableBytes))
            for name in ["Content-Type", "ETag", "Cache-Control", "Vary", "X-Content-Type-Options", "X-Frame-Options",
                         "Referrer-Policy", "Content-Security-Policy"] {
                let field = HTTPField.Name(name)!
                XCTAssertNotNil(answer.head.headerFields[field], name)
                XCTAssertEqual(answer.head.headerFields[field], rendered.headers[field], name)
            }
            XCTAssertEqual(answer.head.headerFields[.server], "Gongkai")
            let date = try XCTUnwrap(answer.head.headerFields[.date])
            XCTAssertLessThan(abs(try XCTUnwrap(Self.imfFixdate.date(from: date)).timeIntervalSinceNow), 5)
            XCTAssertNil(answer.head.headerFields[.setCookie])

            // Browsers say keep-alive (HTTP/1.1's default): still answered here.
            try channel.writeInbound(Self.get(path, [.connection: "keep-alive"]))
            try channel.writeInbound(HTTPRequestPart.end(nil))
            XCTAssertEqual(try Self.written(channel)?.body, Array(buffer: rendered.body))

            // The validator gives 304 without a body (and a length of 0).
            try channel.writeInbound(Self.get(path, [.ifNoneMatch: rendered.headers[.eTag]!]))
            try channel.writeInbound(HTTPRequestPart.end(nil))
            let notModified = try XCTUnwrap(try Self.written(channel))
            XCTAssertEqual(notModified.head.status, .notModified)
            XCTAssertEqual(notModified.body, [])
            XCTAssertEqual(notModified.head.headerFields[.contentLength], "0")
            _ = try channel.finish()
        }
    }

    func testWhatTheCacheCannotVouchForGoesToTheApplication() async throws {
        try await Self.withKeptPage { env, path, _ in
            var channel = EmbeddedChannel(handler: CachedPageShortcut(cache: env.services.pageCache, serverName: nil))
            func passedOn(_ head: HTTPRequestPart, _ why: String, then rest: [HTTPRequestPart] = [.end(nil)]) throws {
                try channel.writeInbound(head)
                for part in rest { try channel.writeInbound(part) }
                XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), head, why)
                for part in rest { XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), part, why) }
                XCTAssertNil(try channel.readOutbound(as: HTTPResponsePart.self), why)
                // The application answers it.
                try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
                try channel.writeOutbound(HTTPResponsePart.end(nil))
                _ = try channel.readOutbound(as: HTTPResponsePart.self)
                _ = try channel.readOutbound(as: HTTPResponsePart.self)
            }
            try passedOn(Self.get("/xxgk/1/content/00000000-0000-0000-0000-000000000000"), "a page not kept")
            try passedOn(Self.get(path, [.cookie: "gk_care=1"]), "长辈模式 not kept yet")
            try passedOn(.head(HTTPRequest(method: .head, scheme: "http", authority: "x", path: path)), "HEAD")
            try passedOn(Self.get("/admin"), "a staff page")
            try passedOn(Self.get(path), "a GET with a body, head and body in order", then: [.body(ByteBuffer(string: "x")), .end(nil)])
            // A client that does not read its answers (the send buffer is full) gets the application's
            // path, which waits for it, instead of answers piling up here.
            channel.isWritable = false
            try passedOn(Self.get(path), "while the channel is not writable")
            channel.isWritable = true

            // Behind a request the application is still answering, a kept page waits its turn.
            let slow = Self.get("/admin/login")
            try channel.writeInbound(slow)
            try channel.writeInbound(HTTPRequestPart.end(nil))
            try channel.writeInbound(Self.get(path))
            try channel.writeInbound(HTTPRequestPart.end(nil))
            XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), slow)
            XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), .end(nil))
            XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), Self.get(path))
            XCTAssertEqual(try channel.readInbound(as: HTTPRequestPart.self), .end(nil))
            XCTAssertNil(try channel.readOutbound(as: HTTPResponsePart.self))
            for _ in 0..<2 {
                try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
                try channel.writeOutbound(HTTPResponsePart.end(nil))
            }
            while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
            // Both answered: the next kept page is answered here again.
            try channel.writeInbound(Self.get(path))
            try channel.writeInbound(HTTPRequestPart.end(nil))
            XCTAssertNil(try channel.readInbound(as: HTTPRequestPart.self))
            XCTAssertEqual(try Self.written(channel)?.head.status, .ok)
            _ = try channel.finish()

            // A request that closes (or upgrades) the connection goes to the application, and
            // after it nothing is answered here: the application has stopped the connection.
            for close in ["close", "Keep-Alive, Upgrade"] {
                channel = EmbeddedChannel(handler: CachedPageShortcut(cache: env.services.pageCache, serverName: nil))
                try passedOn(Self.get(path, [.connection: close]), "Connection: \(close)")
                try passedOn(Self.get(path), "a kept page after Connection: \(close)")
                _ = try channel.finish()
            }
        }
    }

    /// The site's own server (`ShortcutHTTP1Channel.server`) on a socket: a kept page never
    /// reaches the application, and pipelined requests are answered in the order they were sent.
    func testTheSitesServerAnswersKeptPagesAndKeepsPipelinedRequestsInOrder() async throws {
        try await Self.withKeptPage { env, path, rendered in
            let reached = NIOLockedValueBox(0)
            let site = CachedPageResponder(next: env.router.buildResponder(), cache: env.services.pageCache)
            let app = Application(
                responder: CachedPageShortPathTests.Counting(next: site, count: reached),
                server: ShortcutHTTP1Channel.server(config: env.config, cache: env.services.pageCache, serverName: "Gongkai"),
                configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "Gongkai"),
                logger: TestEnvironment.logger)
            try await app.test(.live) { client in
                let port = try XCTUnwrap(client.port)
                let one = try await client.execute(uri: path, method: .get)
                XCTAssertEqual(one.status, .ok)
                XCTAssertEqual(Array(buffer: one.body), Array(buffer: rendered.body))
                XCTAssertEqual(one.headers[.server], "Gongkai")
                XCTAssertEqual(reached.withLockedValue { $0 }, 0, "the kept page never reached the application")

                // The log-in page (never kept) and the kept page in one write: the application is
                // still answering the first when the second is read.
                let raw = try await Self.exchange(port: port, "GET /admin/login HTTP/1.1\r\nHost: x\r\n\r\nGET \(path) HTTP/1.1\r\nHost: x\r\n\r\n",
                                                  until: "城区供水管网改造公告")
                let login = try XCTUnwrap(raw.range(of: "登录"))
                let item = try XCTUnwrap(raw.range(of: "城区供水管网改造公告"))
                XCTAssertLessThan(login.lowerBound, item.lowerBound, "answers in the order of the requests")
                XCTAssertEqual(raw.components(separatedBy: "HTTP/1.1 200 OK").count, 3)
                XCTAssertEqual(reached.withLockedValue { $0 }, 2, "both went to the application")
            }
        }
    }

    /// The Date header's text against Foundation's formatter, over instants from 1970 to 2400
    /// (leap years, centuries, the year 2000, month and year ends).
    func testTheDateHeaderIsRFC9110sFixdate() {
        var instants = [0, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_400, 4_102_444_799, 13_569_465_599]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 { instants.append(Int.random(in: 0..<13_569_465_600, using: &random)) }
        for t in instants {
            XCTAssertEqual(HTTPDateHeader.format(secondsSince1970: t), Self.imfFixdate.string(from: Date(timeIntervalSince1970: TimeInterval(t))), "\(t)")
        }
    }

    static let imfFixdate: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.calendar = Calendar(identifier: .gregorian)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }()

    /// Sends `request` on a plain socket and reads until `marker` arrived (or 10 s passed).
    static func exchange(port: Int, _ request: String, until marker: String) async throws -> String {
        try await Task.detached {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.EIO) }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            let bytes = Array(request.utf8)
            guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !String(decoding: received, as: UTF8.self).contains(marker) {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                received += buffer[0..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }.value
    }
}
