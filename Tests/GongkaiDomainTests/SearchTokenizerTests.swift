import XCTest
@testable import GongkaiDomain

final class SearchTokenizerTests: XCTestCase {
    func testIndexTermsAreBigramsAndEachRunsLastCharacter() {
        XCTAssertEqual(SearchTokenizer.indexTerms("社会保障，ＧＤＰ增长2026年"), "社会 会保 保障 障 gdp 增长 长 2026 年")
        XCTAssertEqual(SearchTokenizer.indexTerms("低保 abc"), "低保 保 abc")
        XCTAssertEqual(SearchTokenizer.indexTerms("税"), "税")
        XCTAssertEqual(SearchTokenizer.indexTerms("，。 "), "")
        XCTAssertEqual(SearchTokenizer.indexTerms("Ｈello世界x2"), "hello 世界 界 x2")
    }

    /// Every occurrence of a character starts exactly one term: brute force over short strings.
    func testEveryCharacterStartsOneTerm() {
        let text = "一二，三四五a六。七"
        let terms = SearchTokenizer.indexTerms(text).split(separator: " ")
        let cjk = text.unicodeScalars.filter(SearchTokenizer.isCJK)
        XCTAssertEqual(terms.filter { $0.unicodeScalars.allSatisfy(SearchTokenizer.isCJK) }.map { $0.unicodeScalars.first! }, Array(cjk))
    }

    func testQueryPhrases() {
        XCTAssertEqual(SearchTokenizer.phrase("社会保障").terms, ["社会", "会保", "保障"])
        XCTAssertFalse(SearchTokenizer.phrase("社会保障").prefix)
        XCTAssertEqual(SearchTokenizer.phrase("税").terms, ["税"])
        XCTAssertTrue(SearchTokenizer.phrase("税").prefix, "a single character may start a bigram")
        XCTAssertEqual(SearchTokenizer.phrase("2025年").terms, ["2025", "年"])
        XCTAssertTrue(SearchTokenizer.phrase("2025年").prefix)
        XCTAssertEqual(SearchTokenizer.phrase("预算2025").terms, ["预算", "算", "2025"], "a run inside the phrase ends with its last character")
        XCTAssertFalse(SearchTokenizer.phrase("预算2025").prefix)
    }

    func testQueries() {
        let q = SearchQuery("临时救助 \"城乡 低保\" 税 GDP")
        XCTAssertEqual(q.parts.map(\.terms), [["临时", "时救", "救助"], ["城乡", "乡", "低保"], ["税"], ["gdp"]])
        XCTAssertEqual(q.parts.map(\.quoted), [false, true, false, false])
        XCTAssertEqual(q.fts5Expression(columns: "{title body}"),
                       "{title body} : \"临时 时救 救助\" AND {title body} : \"城乡 乡 低保\" AND {title body} : \"税\" * AND {title body} : \"gdp\"")
        XCTAssertEqual(SearchQuery("“社会保障”").parts.first?.quoted, true)
        XCTAssertTrue(SearchQuery("  ，。!! ").isEmpty, "punctuation alone is no query")
        XCTAssertEqual(SearchQuery("a\" OR 1=1 --").fts5Expression(columns: "body"), "body : \"a\" AND body : \"or 1 1\"",
                       "quotes and operators never reach FTS5 as syntax")
        XCTAssertEqual(SearchQuery(String(repeating: "长", count: 500)).parts.first?.terms.count, SearchQuery.maxLength - 1)
        XCTAssertEqual(SearchQuery("社会 保障").tsquery, "('社会') & ('保障')")
        XCTAssertEqual(SearchQuery("税 2025年").tsquery, "('税':*) & ('2025' <-> '年':*)")
    }

    func testFacets() {
        let terms = SearchFacets.terms(organisationID: 7, kind: "normative", topic: "民政/社会救助", validity: "in_force", writtenOn: "2024-05-01")
            .split(separator: " ").map(String.init)
        XCTAssertEqual(terms.count, 6)
        XCTAssertTrue(terms.contains("o7") && terms.contains("y2024"))
        XCTAssertTrue(terms.contains(SearchFacets.topic("民政")) && terms.contains(SearchFacets.topic("民政/社会救助")), "a second-level 主题 counts under its first level")
        XCTAssertTrue(terms.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }, "facet terms are single tokens")
        let sel = SearchFacets.Selection(organisationID: 7, years: 2023...2024)
        XCTAssertEqual(sel.fts5Expression(column: "meta"), "meta : o7 AND meta : (y2023 OR y2024)")
        XCTAssertEqual(sel.tsquery, "(o7) & (y2023 | y2024)")
        XCTAssertNil(SearchFacets.Selection().fts5Expression(column: "meta"))
    }

    /// The punctuation answered without the property tables, against the tables, for every scalar.
    func testIsWordAgreesWithTheUnicodeProperties() {
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if SearchTokenizer.isWord(s) != (s.properties.isAlphabetic || s.properties.numericType != nil) {
                XCTFail("U+\(String(v, radix: 16))")
                return
            }
        }
    }

    /// The terms written into bytes against terms put together from `runs` (CJK runs give their
    /// bigrams and their last character, word runs themselves), over random text with 4-byte
    /// ideographs, emoji, combining marks, full-width letters and punctuation.
    func testIndexTermsEqualTermsMadeFromRuns() {
        let alphabet: [String] = ["社", "会", "保", "障", "𠀀", "𪜀", "Ａ", "ｚ", "Ｇ", "a", "Z", "9", "é", "e\u{301}", "ß", "Σ", "😀", "，", "。",
                                  "、", "《", "》", "“", "”", "—", " ", "\n", "\u{3000}", "々", "〇", "٣", "-", "_", "Ⅻ"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            var expected: [String] = []
            for run in SearchTokenizer.runs(text) {
                let parts = run.scalars.map { String(Character($0)) }
                if run.cjk {
                    for k in 0..<parts.count { expected.append(k + 1 < parts.count ? parts[k] + parts[k + 1] : parts[k]) }
                } else {
                    var word = String.UnicodeScalarView()
                    word.append(contentsOf: run.scalars)
                    expected.append(String(word))
                }
            }
            XCTAssertEqual(SearchTokenizer.indexTerms(text), expected.joined(separator: " "), text.debugDescription)
        }
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

/// Issue 11.12: typed without spaces, with a question, or with an exclusion.
final class SearchQueryRelaxTests: XCTestCase {
    func testRelaxedSplitsRunsIntoWordsAndDropsQuestionWords() {
        XCTAssertEqual(SearchQuery("低保标准").relaxed()?.parts.map(\.text), ["低保", "标准"])
        XCTAssertEqual(SearchQuery("临时救助办法").relaxed()?.parts.map(\.text), ["临时", "救助", "办法"])
        XCTAssertEqual(SearchQuery("怎么申请临时救助").relaxed()?.parts.map(\.text), ["申请", "临时", "救助"])
        XCTAssertEqual(SearchQuery("低保标准表").relaxed()?.parts.map(\.text), ["低保", "标准表"])
        XCTAssertNil(SearchQuery("低保").relaxed(), "two characters: nothing to loosen")
        XCTAssertNil(SearchQuery("\"低保标准\"").relaxed(), "a quoted phrase stays a phrase")
        XCTAssertNil(SearchQuery("临时 救助").relaxed())
    }

    func testAMinusExcludes() {
        let q = SearchQuery("临时救助 -图解")
        XCTAssertEqual(q.parts.map(\.text), ["临时救助"])
        XCTAssertEqual(q.excluded.map(\.text), ["图解"])
        XCTAssertEqual(q.fts5Expression(columns: "title"), "(title : \"临时 时救 救助\") NOT title : \"图解\"")
        XCTAssertEqual(q.tsquery, "('临时' <-> '时救' <-> '救助') & !('图解')")
        XCTAssertTrue(SearchQuery("-图解").isEmpty, "only an exclusion searches for nothing")
        XCTAssertEqual(SearchQuery("2026-11").parts.count, 1, "a minus inside a word is not an exclusion")
    }
}
