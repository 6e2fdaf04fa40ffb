import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The search page reads a long body's first few thousand bytes for its excerpt before the whole
/// body (issue 21); the excerpt must be the one the whole body gives, wherever the match is.
final class SearchSnippetWindowTests: XCTestCase {
    func testExcerptFromThePrefixEqualsTheExcerptFromTheWholeBody() {
        var rng = SystemRandomNumberGenerator()
        let filler = ["为进一步做好城乡居民最低生活保障工作，", "根据有关规定，现将有关事项通知如下。", "各乡镇人民政府、县直各部门：",
                      "请结合实际认真贯彻执行。", "Ａ级 &amp; B级标准，", "<strong>重点</strong>任务", "  \u{00A0} "]
        let queries = ["低保资金", "河长制 工作", "2024年", "ａ级", "重点任务", "不存在的词语"]
        var checked = 0, fromPrefix = 0, headExcerpts = 0
        for round in 0..<300 {
            var html = ""
            let paragraphs = Int.random(in: 1...120, using: &rng)
            let matchAt = Int.random(in: 0..<paragraphs, using: &rng)
            for p in 0..<paragraphs {
                var text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in filler.randomElement(using: &rng)! }.joined()
                if p == matchAt || Int.random(in: 0..<40, using: &rng) == 0 {
                    let word = ["低保资金", "河长制", "工作", "2024年度", "Ａ级"].randomElement(using: &rng)!
                    let cut = Int.random(in: 0...text.count, using: &rng)
                    text = String(text.prefix(cut)) + word + String(text.dropFirst(cut))
                }
                html += round % 3 == 0 ? "<p>\(text)</p>\n" : "<table><tr><td>\(text)</td></tr></table>"
            }
            for q in queries {
                let query = SearchQuery(q)
                let whole = SearchSnippet.make(HTMLSanitizer.plainText(html), query: query)
                let windowed = SearchRoutes.bodySnippet(html, query: query)
                XCTAssertEqual(windowed, whole, "round \(round), query \(q)")
                // The search page's rows bring a body's first characters, cut anywhere (inside a
                // tag, an entity or a word): an excerpt from them is the whole body's, or none.
                let cut = Int.random(in: 0...html.count, using: &rng)
                if let fromHead = SearchRoutes.headSnippet(String(html.prefix(cut)), query: query) {
                    XCTAssertEqual(fromHead, whole, "round \(round), query \(q), head of \(cut)")
                    headExcerpts += 1
                }
                checked += 1
                if html.utf8.count > 2 * SearchRoutes.snippetPrefixBytes && whole.contains(where: \.highlighted) { fromPrefix += 1 }
            }
        }
        // Both paths were exercised: long bodies with matches, and everything else.
        XCTAssertGreaterThan(fromPrefix, 100)
        XCTAssertGreaterThan(headExcerpts, 100)
        XCTAssertEqual(checked, 300 * queries.count)
    }

    /// The search page reads twenty results' shown fields and bodies' first characters; a body
    /// whose match lies past them is read whole, and the excerpt is the whole body's.
    func testResultRowsAndTheirExcerpts() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let filler = String(repeating: "<p>各乡镇人民政府、县直各部门：请结合实际认真贯彻执行。</p>", count: 200)
            let late = try await f.item(env, title: "后面提到低保的通知", body: filler + "<p>低保资金按月发放。</p>")
            let early = try await f.item(env, title: "前面提到低保的通知", body: "<p>低保资金按季度发放。</p>" + filler)
            let short = try await f.item(env, title: "简短的通知", body: "<p>低保&amp;救助</p>")
            let hidden = try await f.item(env, title: "未公开的通知", publish: false)
            let rows = try await SearchResultRows.of([short.id!, hidden.id!, late.id!, early.id!], on: env.db)
            XCTAssertEqual(rows.map(\.id), [short.id!, late.id!, early.id!], "in the asked order, only public items")
            XCTAssertEqual(rows.map(\.bodyIsWhole), [true, false, false])
            XCTAssertEqual(rows[1].bodyHead, String(late.bodyHTML.prefix(SearchResultRows.headCharacters)))
            XCTAssertEqual(rows[0].bodyHead, short.bodyHTML)
            XCTAssertEqual(rows[0].organisationID, short.organisationID)
            XCTAssertEqual(rows[0].publishedAt.map { SiteClock.day(of: $0) }, short.publishedAt.map { SiteClock.day(of: $0) })
            let query = SearchQuery("低保")
            let views = try await SearchRoutes.results(rows, query: query, names: [short.organisationID: "测试机构"],
                                                       today: env.services.clock.today(), on: env.db)
            for (view, item) in zip(views, [short, late, early]) {
                XCTAssertEqual(view.snippet, SearchSnippet.make(HTMLSanitizer.plainText(item.bodyHTML), query: query), item.title)
                XCTAssertTrue(view.snippet.contains(where: \.highlighted), item.title)
                XCTAssertEqual(view.href, "/xxgk/\(item.organisationID)/content/\(item.id!.uuidString)")
            }
            XCTAssertEqual(views[0].organisation, "测试机构")
        }
    }
}
