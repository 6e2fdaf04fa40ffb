import FluentKit
import Foundation
import GongkaiDomain
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import XCTest
@testable import GongkaiApp

/// Issue 21: a cached public page current without a query is answered before routing and the
/// middlewares, with exactly the response the full path gives; anything the short path cannot
/// vouch for (a change just recorded, another day, another display mode or encoding, staff pages)
/// goes the full way.
final class CachedPageShortPathTests: XCTestCase {
    /// Counts the requests that reach the router.
    struct Counting<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
        let next: Next
        let count: NIOLockedValueBox<Int>
        func respond(to request: Request, context: AppRequestContext) async throws -> Response {
            count.withLockedValue { $0 += 1 }
            return try await next.respond(to: request, context: context)
        }
    }

    /// A site with one published item and a counter of the requests that reach its router; the
    /// cache trusts a read audit sequence for ten minutes, so a slow machine cannot turn a second
    /// request into a full one (a change recorded here still ends the trust at once).
    static func withCountingSite(_ body: @escaping @Sendable (TestEnvironment, Fixture, InformationItem, String, any TestClientProtocol,
                                                             NIOLockedValueBox<Int>) async throws -> Void) async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "城区供水管网改造公告")
            let path = "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"
            env.services.pageCache.trustSequence(forSeconds: 600)
            let routed = NIOLockedValueBox(0)
            let responder = CachedPageResponder(next: Counting(next: env.router.buildResponder(), count: routed), cache: env.services.pageCache)
            let app = Application(responder: responder, logger: TestEnvironment.logger)
            try await app.test(.router) { client in try await body(env, f, item, path, client, routed) }
        }
    }

    func testCurrentCachedPagesSkipTheRouterWithTheSameAnswer() async throws {
        try await Self.withCountingSite { env, f, item, path, client, routed in
            func get(_ uri: String, _ headers: HTTPFields = [:]) async throws -> (TestResponse, Int) {
                let before = routed.withLockedValue { $0 }
                let r = try await client.execute(uri: uri, method: .get, headers: headers)
                return (r, routed.withLockedValue { $0 } - before)
            }
            let (first, firstRouted) = try await get(path)
            XCTAssertEqual(firstRouted, 1, "a page not kept yet is rendered by its route")
            let (second, secondRouted) = try await get(path)
            XCTAssertEqual(secondRouted, 0, "the kept page is answered before routing")
            XCTAssertEqual(second.status, .ok)
            XCTAssertEqual(Array(buffer: second.body), Array(buffer: first.body))
            XCTAssertTrue(String(buffer: second.body).contains("城区供水管网改造公告"))
            for name in ["Content-Type", "ETag", "Cache-Control", "Vary", "X-Content-Type-Options", "X-Frame-Options",
                         "Referrer-Policy", "Content-Security-Policy"] {
                let field = HTTPField.Name(name)!
                XCTAssertNotNil(first.headers[field], name)
                XCTAssertEqual(second.headers[field], first.headers[field], name)
            }
            XCTAssertNil(second.headers[.setCookie])

            // Its validator gives 304 on the short path too.
            let etag = try XCTUnwrap(first.headers[.eTag])
            let (notModified, nmRouted) = try await get(path, [.ifNoneMatch: etag])
            XCTAssertEqual(notModified.status, .notModified)
            XCTAssertEqual(nmRouted, 0)

            // 长辈模式 is another page: rendered once, then short.
            let (care, careRouted) = try await get(path, [.cookie: "gk_care=1"])
            XCTAssertEqual(careRouted, 1)
            XCTAssertTrue(String(buffer: care.body).contains("class=\"portal care\""))
            let (careAgain, careAgainRouted) = try await get(path, [.cookie: "gk_care=1"])
            XCTAssertEqual(careAgainRouted, 0)
            XCTAssertEqual(Array(buffer: careAgain.body), Array(buffer: care.body))

            // gzip: the first client that asks has it made on the full path; later ones are short.
            let (_, zipRouted) = try await get(path, [.acceptEncoding: "gzip"])
            XCTAssertEqual(zipRouted, 1)
            let (zipped, zipAgainRouted) = try await get(path, [.acceptEncoding: "gzip"])
            XCTAssertEqual(zipAgainRouted, 0)
            XCTAssertEqual(zipped.headers[.contentEncoding], "gzip")

            // HEAD and staff pages always take the full path.
            let (_, headRouted) = try await {
                let before = routed.withLockedValue { $0 }
                let r = try await client.execute(uri: path, method: .head)
                return (r, routed.withLockedValue { $0 } - before)
            }()
            XCTAssertEqual(headRouted, 1)
            let (_, adminRouted) = try await get("/admin")
            XCTAssertEqual(adminRouted, 1)

            // A change recorded here: the next request goes the full way and shows it.
            try await PublishingDesk(services: env.services).correct(item, title: "城区供水管网改造公告（更正）", bodyHTML: "<p>更正后的正文</p>",
                                                                   reason: "日期有误", actor: .commandLine("t"))
            let (changed, changedRouted) = try await get(path)
            XCTAssertEqual(changedRouted, 1)
            XCTAssertTrue(String(buffer: changed.body).contains("更正后的正文"))

            // Withdrawn: gone at once, never from the short path.
            try await PublishingDesk(services: env.services).perform(.withdraw(reason: "发布有误"), on: item, roles: [.leader],
                                                                  actorUserID: f.leaderA.id, actor: .commandLine("t"))
            let (gone, _) = try await get(path)
            XCTAssertEqual(gone.status, .notFound)
            let (stillGone, stillGoneRouted) = try await get(path)
            XCTAssertEqual(stillGone.status, .notFound)
            XCTAssertEqual(stillGoneRouted, 1, "a 404 is never kept")
        }
    }

    func testANewDayTakesTheFullPath() async throws {
        try await Self.withCountingSite { env, _, _, path, client, routed in
            _ = try await client.execute(uri: path, method: .get)
            _ = try await client.execute(uri: path, method: .get)
            XCTAssertEqual(routed.withLockedValue { $0 }, 1)
            // The page was kept on today's date; tomorrow it is rendered again (validity turns on the day).
            env.services.clock.set(day: env.services.clock.today().adding(days: 1))
            _ = try await client.execute(uri: path, method: .get)
            XCTAssertEqual(routed.withLockedValue { $0 }, 2)
            _ = try await client.execute(uri: path, method: .get)
            XCTAssertEqual(routed.withLockedValue { $0 }, 2)
        }
    }
}
