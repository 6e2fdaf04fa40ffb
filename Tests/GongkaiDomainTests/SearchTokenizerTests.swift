import XCTest
@testable import GongkaiDomain

final class SearchTokenizerTests: XCTestCase {
    func testColumnsKeepPhrasesTogether() {
        let (uni, bi) = SearchTokenizer.indexColumns("社会保障，ＧＤＰ增长2026年")
        XCTAssertEqual(uni, "社 会 保 障 gdp 增 长 2026 年")
        XCTAssertEqual(bi, "社会 会保 保障 gdp 增长 2026")
        XCTAssertEqual(SearchTokenizer.tokens("低保 abc").map(\.text), ["低", "低保", "保", "abc"])
        XCTAssertEqual(SearchTokenizer.tokens("低保 abc").map(\.offset), [0, 0, 1, 3])
    }

    func testQueries() {
        let q = SearchQuery("临时救助 \"城乡 低保\" 税 GDP")
        XCTAssertEqual(q.parts.map(\.terms), [["临时", "时救", "救助"], ["城乡", "低保"], ["税"], ["gdp"]])
        XCTAssertEqual(q.parts.map(\.quoted), [false, true, false, false])
        XCTAssertEqual(q.fts5Expression, "bi : \"临时 时救 救助\" AND bi : \"城乡 低保\" AND uni : \"税\" AND bi : \"gdp\"")
        XCTAssertEqual(SearchQuery("“社会保障”").parts.first?.quoted, true)
        XCTAssertTrue(SearchQuery("  ，。!! ").isEmpty, "punctuation alone is no query")
        XCTAssertEqual(SearchQuery("a\" OR 1=1 --").fts5Expression, "bi : \"a\" AND bi : \"or 1 1\"",
                       "quotes and operators never reach FTS5 as syntax")
        XCTAssertEqual(SearchQuery(String(repeating: "长", count: 500)).parts.first?.terms.count, SearchQuery.maxLength - 1)
        XCTAssertEqual(SearchQuery("社会 保障").tsquery, "('社会') & ('保障')")
    }
}

final class SearchSnippetTests: XCTestCase {
    func testSnippetAroundTheFirstMatchWithHighlights() {
        let text = String(repeating: "前文", count: 40) + "关于做好临时救助工作的通知，临时救助对象包括ＧＤＰ" + String(repeating: "后文", count: 40)
        let pieces = SearchSnippet.make(text, query: SearchQuery("临时救助 gdp"), radius: 10)
        XCTAssertEqual(pieces.filter(\.highlighted).map(\.text), ["临时救助", "临时救助"])
        XCTAssertEqual(pieces.first?.text, "…")
        XCTAssertEqual(pieces.last?.text, "…")
        let none = SearchSnippet.make("没有匹配的内容", query: SearchQuery("税"), radius: 10)
        XCTAssertEqual(none, [.init(text: "没有匹配的内容", highlighted: false)])
        let upper = SearchSnippet.make("增长ＧＤＰ", query: SearchQuery("gdp"))
        XCTAssertEqual(upper.filter(\.highlighted).map(\.text), ["ＧＤＰ"], "the original characters are shown")
    }
}
