import XCTest
@testable import GongkaiApp

/// The one pager: links either side only where there is a page, the count only where it is exact,
/// and the same markup on every list page.
final class PagerTests: XCTestCase {
    func testLinksAndCount() {
        let first = Pager(page: 1, pageCount: 3, total: 45) { "/x?page=\($0)" }
        XCTAssertNil(first.previousHref)
        XCTAssertEqual(first.nextHref, "/x?page=2")
        XCTAssertTrue(first.hasTotal)
        let middle = Pager(page: 2, pageCount: 3) { "/x?page=\($0)" }
        XCTAssertEqual(middle.previousHref, "/x?page=1")
        XCTAssertEqual(middle.nextHref, "/x?page=3")
        XCTAssertFalse(middle.hasTotal)
        let only = Pager(page: 1, pageCount: 1, total: 3) { "/x?page=\($0)" }
        XCTAssertNil(only.previousHref)
        XCTAssertNil(only.nextHref)
        XCTAssertFalse(only.hasPages)
    }

    func testEveryListPageDrawsTheSamePager() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            for n in 0..<(ItemQueries.pageSize + 1) { _ = try await f.item(env, title: "翻页测试第\(n)条通知") }
            try await env.withClient { client in
                let page = try await Browser(client).get("/xxgk/\(f.deptA.id!)/fdzdgknr/shjz?page=2").body
                XCTAssertTrue(page.contains("<nav class=\"pager\" aria-label=\"翻页\">共 \(ItemQueries.pageSize + 1) 条，第 2 / 2 页"), page)
                XCTAssertTrue(page.contains("href=\"/xxgk/\(f.deptA.id!)/fdzdgknr/shjz?page=1\">上一页"))
                let search = try await Browser(client).get("/search?q=%E7%BF%BB%E9%A1%B5%E6%B5%8B%E8%AF%95").body
                XCTAssertTrue(search.contains("<nav class=\"pager\" aria-label=\"翻页\">第 1 / 2 页"), search)
            }
        }
    }
}
