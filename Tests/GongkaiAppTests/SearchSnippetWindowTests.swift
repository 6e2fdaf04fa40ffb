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
        var checked = 0, fromPrefix = 0
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
                checked += 1
                if html.utf8.count > 2 * SearchRoutes.snippetPrefixBytes && whole.contains(where: \.highlighted) { fromPrefix += 1 }
            }
        }
        // Both paths were exercised: long bodies with matches, and everything else.
        XCTAssertGreaterThan(fromPrefix, 100)
        XCTAssertEqual(checked, 300 * queries.count)
    }
}
