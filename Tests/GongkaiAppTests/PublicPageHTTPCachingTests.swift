import FluentKit
import Foundation
import GongkaiDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import XCTest
@testable import GongkaiApp

/// Issue 21: public pages set no cookie (only pages with a form get the visitor's CSRF cookie);
/// the home page, organisation pages and the policy library are cached like item pages; cached
/// pages carry an ETag, answer 304 to it, and are gzip-compressed for clients that ask.
final class PublicPageHTTPCachingTests: XCTestCase {
    func testPublicPagesWithoutAFormSetNoCookie() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "农村低保标准调整公告", kind: .normativeDocument)
            try await env.withClient { client in
                for path in ["/", "/xxgk/\(f.deptA.id!)", "/xxgk/\(f.deptA.id!)/fdzdgknr", "/xxgk/\(f.deptA.id!)/fdzdgknr/shjz",
                             "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)", "/zcwjk", "/search?q=低保"] {
                    let r = try await client.execute(uri: path, method: .get)
                    XCTAssertEqual(r.status, .ok, path)
                    XCTAssertNil(r.headers[.setCookie], "\(path) set a cookie")
                }
                // A page with a form gives the visitor a token, in the cookie and in the form alike.
                let citizen = Browser(client)
                let form = try await citizen.get("/ysq/track")
                XCTAssertEqual(form.status, .ok)
                let token = try XCTUnwrap(citizen.cookies[CSRFMiddleware.cookieName])
                XCTAssertTrue(form.body.contains("name=\"_csrf\" value=\"\(token)\""))
                // A returning visitor keeps the token; no new cookie is set.
                let again = try await citizen.get("/ysq/track")
                XCTAssertNil(again.headers[.setCookie])
                XCTAssertTrue(again.body.contains("value=\"\(token)\""))
                // A state-changing request without any token is still refused before its body is read.
                let bare = try await client.execute(uri: "/ysq/track", method: .post,
                                                    headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "name=x"))
                XCTAssertEqual(bare.status, .forbidden)
            }
        }
    }

    func testHomeOrganisationAndPolicyPagesAreCachedUntilAnAuditedChange() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let policy = try await f.item(env, title: "城乡居民医疗救助办法", kind: .normativeDocument)
            let org = "/xxgk/\(f.deptA.id!)"
            try await env.withClient { client in
                let citizen = Browser(client)
                let home = try await citizen.get("/")
                XCTAssertTrue(home.body.contains("测试县民政局"))
                try await Self.expect(citizen, org, "测试县民政局", shown: true)
                try await Self.expect(citizen, "/zcwjk", "城乡居民医疗救助办法", shown: true)
                // Changes behind the audit trail's back (only tests make them) are not seen: cached.
                f.deptA.name = "改名未审计的机构"
                try await f.deptA.update(on: env.db)
                policy.title = "未审计的标题"
                try await policy.update(on: env.db)
                try await Self.expect(citizen, "/", "改名未审计的机构", shown: false)
                try await Self.expect(citizen, org, "改名未审计的机构", shown: false)
                try await Self.expect(citizen, "/zcwjk", "未审计的标题", shown: false)
                // Any audited change reaches the next request of every one of them.
                _ = try await f.item(env, title: "另一份公告")
                try await Self.expect(citizen, "/", "改名未审计的机构", shown: true)
                try await Self.expect(citizen, org, "改名未审计的机构", shown: true)
                try await Self.expect(citizen, "/zcwjk", "未审计的标题", shown: true)
            }
        }
    }

    func testCachedPagesAnswerConditionalRequestsAndCompress() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "城区供水管网改造公告")
            let path = "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"
            try await env.withClient { client in
                let plain = try await client.execute(uri: path, method: .get)
                let etag = try XCTUnwrap(plain.headers[.eTag])
                XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\""))
                XCTAssertEqual(plain.headers[.cacheControl], "no-cache")
                XCTAssertNil(plain.headers[.contentEncoding])
                let body = Array(buffer: plain.body)

                // The same page again with its validator: 304 and no body.
                let same = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag])
                XCTAssertEqual(same.status, .notModified)
                XCTAssertEqual(same.body.readableBytes, 0)
                XCTAssertEqual(same.headers[.eTag], etag)
                let weak = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)"])
                XCTAssertEqual(weak.status, .notModified)
                let stale = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""])
                XCTAssertEqual(stale.status, .ok)

                // gzip for a client that asks, with its own validator; the bytes inflate to the page.
                let zipped = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"])
                XCTAssertEqual(zipped.headers[.contentEncoding], "gzip")
                let zipTag = try XCTUnwrap(zipped.headers[.eTag])
                XCTAssertNotEqual(zipTag, etag)
                let compressed = Array(buffer: zipped.body)
                XCTAssertLessThan(compressed.count, body.count / 2)
                XCTAssertEqual(try Self.gunzip(compressed), body)
                let zippedAgain = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: zipTag])
                XCTAssertEqual(zippedAgain.status, .notModified)
                let refused = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"])
                XCTAssertNil(refused.headers[.contentEncoding])

                // After a change to the page the old validator no longer matches.
                try await PublishingDesk(services: env.services).correct(item, title: "城区供水管网改造公告（更正）", bodyHTML: "<p>更正后的正文</p>",
                                                                       reason: "日期有误", actor: .commandLine("t"))
                let changed = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag])
                XCTAssertEqual(changed.status, .ok)
                XCTAssertTrue(String(buffer: changed.body).contains("更正后的正文"))
            }
        }
    }

    private static func expect(_ b: Browser, _ path: String, _ text: String, shown: Bool, line: UInt = #line) async throws {
        let page = try await b.get(path)
        XCTAssertEqual(page.body.contains(text), shown, "\(path): \(text)", line: line)
    }

    /// Values kept with the cache (the search page's organisations, other capabilities' search
    /// corpora) are computed once per recorded change, also when no page was asked for first.
    func testValuesAreComputedOncePerRecordedChange() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let computed = NIOLockedValueBox(0)
            let cache = env.services.pageCache
            for _ in 0..<3 {
                let v = try await cache.value("test-value", db: env.db) { computed.withLockedValue { $0 += 1; return $0 } }
                XCTAssertEqual(v, 1)
            }
            XCTAssertEqual(computed.withLockedValue { $0 }, 1)
            _ = try await f.item(env, title: "一次审计过的发布")
            let after = try await cache.value("test-value", db: env.db) { computed.withLockedValue { $0 += 1; return $0 } }
            XCTAssertEqual(after, 2, "a recorded change makes it computed again")
            // The search page's organisations: kept until the next recorded change, then read again.
            _ = try await SearchRoutes.organs(env.services)
            f.deptA.name = "测试县民政和社会事务局"
            try await f.deptA.update(on: env.db)
            let before = try await SearchRoutes.organs(env.services).map(\.name)
            XCTAssertFalse(before.contains("测试县民政和社会事务局"), "kept: \(before)")
            _ = try await f.item(env, title: "又一次审计过的发布")
            let organs = try await SearchRoutes.organs(env.services).map(\.name)
            XCTAssertTrue(organs.contains("测试县民政和社会事务局"), "\(organs)")
        }
    }

    /// The system's gzip, not our code, reads what we sent.
    private static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("page.html.gz")
        try Data(bytes).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-d", file.path]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return Array(try Data(contentsOf: dir.appendingPathComponent("page.html")))
    }
}
