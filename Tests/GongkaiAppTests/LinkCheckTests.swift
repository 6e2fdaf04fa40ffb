import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Dead links are found by asking a real HTTP server (a Hummingbird server on 127.0.0.1).
final class LinkCheckTests: XCTestCase {
    func testDeadLinksOfPublishedItemsAreReportedOnTheReviewScreen() async throws {
        let router = Router()
        router.get("/ok") { _, _ in "在" }
        router.on("/ok", method: .head) { _, _ in Response(status: .ok) }
        router.on("/get-only", method: .head) { _, _ in Response(status: .methodNotAllowed) }
        router.get("/get-only") { _, _ in "在" }
        let site = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await site.test(.live) { client in
            let port = try XCTUnwrap(client.port)
            let base = "http://127.0.0.1:\(port)"
            let probe = LinkProbe(timeout: .seconds(3), allowPrivateAddresses: true)
            let ok = await probe.check(base + "/ok")
            XCTAssertEqual(ok, .working(200))
            let getOnly = await probe.check(base + "/get-only")
            XCTAssertEqual(getOnly, .working(200), "GET when HEAD is refused")
            let missing = await probe.check(base + "/gone?x=1")
            XCTAssertEqual(missing, .broken(404))
            let malformed = await probe.check("https://")
            // By default the server does not probe its own machine or private networks (SSRF).
            let guarded = LinkProbe(timeout: .seconds(3))
            for inside in [base + "/ok", "http://localhost:\(port)/ok", "http://[::1]:\(port)/ok", "http://169.254.169.254/latest/meta-data/",
                           "http://10.1.2.3/", "http://192.168.1.1/"] {
                let refused = await guarded.check(inside)
                guard case .unreachable(let why) = refused else { XCTFail("\(inside) was probed: \(refused)"); continue }
                XCTAssertTrue(why.contains("不是公网地址"), "\(inside): \(why)")
            }
            XCTAssertFalse(malformed.isWorking)

            try await withEnvironment { env in
                let f = try await Fixture.seed(env)
                let item = try await f.item(env, title: "带链接的通知")
                item.bodyHTML = "<p>见<a href=\"\(base)/ok\">这里</a>和<a href=\"\(base)/gone\">那里</a>。</p>"
                try await item.update(on: env.db)
                let store = LinkCheckStore(services: env.services, probe: probe)
                let checked = try await store.run()
                XCTAssertEqual(checked, 2)
                let again = try await store.run()
                XCTAssertEqual(again, 0, "each address at most once a day")
                let later = try await store.run(now: Date().addingTimeInterval(25 * 3600))
                XCTAssertEqual(later, 2)
                let findings = try await PublishingDesk(services: env.services).findings(for: item).filter { $0.message.contains("无法访问") }
                XCTAssertEqual(findings.map(\.match), ["\(base)/gone"])
                XCTAssertTrue(findings[0].message.contains("HTTP 404"))
            }
        }
    }
}
