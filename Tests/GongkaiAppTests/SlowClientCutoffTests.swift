import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import XCTest

@testable import GongkaiApp

/// Issue 12.10: a client that trickles its request is cut off; honest slow clients and a server
/// that takes its time are not.
final class SlowClientCutoffTests: XCTestCase {
    private let limits = SlowClientCutoff.Limits(headTimeout: .seconds(20), rateWindow: .seconds(10), minimumBytesPerWindow: 1024)

    private func connection() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: SlowClientCutoff(limits: limits), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).wait()
        return (channel, loop)
    }

    private func head(_ path: String = "/xxgk/1/apply") -> HTTPRequestPart {
        .head(HTTPRequest(method: .post, scheme: "http", authority: "x", path: path))
    }

    private func bytes(_ n: Int) -> HTTPRequestPart {
        .body(ByteBuffer(repeating: 0x61, count: n))
    }

    func testAConnectionThatNeverSendsAHeadIsClosed() throws {
        let (channel, loop) = try connection()
        loop.advanceTime(by: .seconds(19))
        XCTAssertTrue(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        XCTAssertFalse(channel.isActive)
    }

    func testATrickledBodyIsCutOffWithinTwoWindows() throws {
        let (channel, loop) = try connection()
        try channel.writeInbound(head())
        // 10 bytes every second: 100 bytes per window, far below 1 KiB.
        var closedAfter: Int?
        for second in 1...60 {
            if channel.isActive { try channel.writeInbound(bytes(10)) }
            loop.advanceTime(by: .seconds(1))
            if !channel.isActive { closedAfter = second; break }
        }
        XCTAssertEqual(closedAfter, 10)
    }

    func testASlowButHonestUploadAndASlowServerAreNotCutOff() throws {
        let (channel, loop) = try connection()
        try channel.writeInbound(head())
        // 2 KiB every 5 s (about 400 bytes a second) for two minutes.
        for _ in 0..<24 {
            try channel.writeInbound(bytes(2048))
            loop.advanceTime(by: .seconds(5))
            XCTAssertTrue(channel.isActive)
        }
        try channel.writeInbound(HTTPRequestPart.end(nil))
        // The application takes a minute to answer: not the client's fault.
        loop.advanceTime(by: .seconds(60))
        XCTAssertTrue(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        // Then waiting for the next request is timed again.
        loop.advanceTime(by: .seconds(19))
        XCTAssertTrue(channel.isActive)
        try channel.writeInbound(head("/"))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(30))
        XCTAssertTrue(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}
