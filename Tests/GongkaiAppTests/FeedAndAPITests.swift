import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// Feeds, sitemap and the JSON API carry exactly the public items.
final class FeedAndAPITests: XCTestCase {
    func testOnlyPublicItemsReachFeedsSitemapAndAPI() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let policy = try await f.item(env, title: "公开的救助办法", columns: ["zcwj"], kind: .normativeDocument)
            let notice = try await f.item(env, title: "公开的救助公示 <&>")
            let hidden = [
                try await f.item(env, title: "依申请公开的名单", attribute: .onRequest),
                try await f.item(env, title: "不予公开的请示", attribute: .withheld),
                try await f.item(env, title: "未审核的草稿", publish: false),
            ]
            try await env.withClient { client in
                let b = Browser(client)
                let base = "/xxgk/\(f.deptA.id!)"
                let feed = try await b.get(base + "/feed.xml")
                XCTAssertEqual(feed.headers[.contentType], "application/atom+xml; charset=utf-8")
                XCTAssertTrue(feed.body.contains("<title>公开的救助公示 &lt;&amp;&gt;</title>"), "titles are escaped")
                XCTAssertTrue(feed.body.contains("公开的救助办法"))
                let columnFeed = try await b.get(base + "/fdzdgknr/zcwj/feed.xml")
                XCTAssertTrue(columnFeed.body.contains("公开的救助办法"))
                XCTAssertFalse(columnFeed.body.contains("公开的救助公示"))
                let sitemap = try await b.get("/sitemap.xml")
                XCTAssertTrue(sitemap.body.contains("/content/\(notice.id!.uuidString)"))
                let robots = try await b.get("/robots.txt")
                XCTAssertTrue(robots.body.contains("Disallow: /admin"))
                XCTAssertTrue(robots.body.contains("Sitemap: "))

                let list = try await b.get("/api/v1/items?per_page=50")
                XCTAssertEqual(list.status, .ok)
                let page = try JSONDecoder().decode(PublicAPIDTO.ItemPage.self, from: Data(list.body.utf8))
                XCTAssertEqual(page.total, 2)
                XCTAssertEqual(Set(page.items.map(\.title)), ["公开的救助办法", "公开的救助公示 <&>"])
                XCTAssertTrue(page.items.allSatisfy { $0.bodyHtml == nil })
                let policies = try await b.get("/api/v1/items?kind=normative&validity=in_force&organisation=\(f.deptA.id!)&column=zcwj&from=2026-01-01&to=2026-12-31")
                XCTAssertEqual(try JSONDecoder().decode(PublicAPIDTO.ItemPage.self, from: Data(policies.body.utf8)).items.map(\.id), [policy.id!.uuidString])
                let one = try await b.get("/api/v1/items/\(policy.id!.uuidString)")
                XCTAssertEqual(try JSONDecoder().decode(PublicAPIDTO.Item.self, from: Data(one.body.utf8)).bodyHtml, "<p>公开的救助办法的正文</p>")
                for h in hidden {
                    for path in ["/api/v1/items/\(h.id!.uuidString)", base + "/feed.xml", "/sitemap.xml", "/api/v1/items?per_page=100"] {
                        let r = try await b.get(path)
                        XCTAssertFalse(r.body.contains(h.title), "\(h.title) leaked through \(path)")
                        XCTAssertFalse(r.body.contains(h.id!.uuidString), "\(h.title) leaked through \(path)")
                    }
                }
                // Wrong parameters: a JSON error in Chinese, never a 500.
                for q in ["per_page=0", "per_page=101", "page=0", "kind=nonsense", "validity=x", "from=2026-13-01", "organisation=abc", "column=%27"] {
                    let r = try await b.get("/api/v1/items?\(q)")
                    XCTAssertEqual(r.status, .badRequest, q)
                    XCTAssertTrue(r.headers[.contentType]?.hasPrefix("application/json") ?? false, q)
                    let obj = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any]
                    XCTAssertNotNil(obj?["message"] as? String, q)
                }
                let missing = try await b.get("/api/v1/items/\(UUID().uuidString)")
                XCTAssertEqual(missing.status, .notFound)
                let orgs = try await b.get("/api/v1/organisations")
                XCTAssertTrue(orgs.body.contains("\"name\":\"测试县民政局\"") || orgs.body.contains("测试县"))
                let columns = try await b.get("/api/v1/organisations/\(f.deptA.id!)/columns")
                XCTAssertTrue(columns.body.contains("\"key\":\"zcwj\""))
                let spec = try await b.get("/api/v1/openapi.json")
                let doc = try JSONSerialization.jsonObject(with: Data(spec.body.utf8)) as? [String: Any]
                XCTAssertEqual(doc?["openapi"] as? String, "3.0.3")
                XCTAssertNotNil((doc?["paths"] as? [String: Any])?["/items"])
            }
        }
    }
}
