@testable import GongkaiDomain
import XCTest

/// `SearchSnippet.make` answers texts of simple scalars on scalar arrays; everywhere it must give
/// what the character-by-character way gives.
final class SearchSnippetScalarTests: XCTestCase {
    func testScalarWayEqualsTheCharacterWay() {
        var rng = SystemRandomNumberGenerator()
        // Mostly simple scalars, with a few that must send a text the general way: a combining
        // accent, CR (CR LF is one character), a compatibility ideograph, an emoji with a selector.
        let simple: [String] = ["低", "保", "资", "金", "救", "助", "年", "2", "0", "4", "a", "B", "Ａ", "ｂ", "，", "。", "、", " ", "\n", "é", "\u{00A0}", "—", "“", "〔", "〕"]
        let unusual: [String] = ["e\u{0301}", "\r\n", "\u{F900}", "\u{2764}\u{FE0F}", "\u{302A}", "가"]
        let simpleWords = ["低保", "救助", "2024年", "ab", "ＡＢ", "é", "保 资", "—“"]
        let allWords = simpleWords + ["e\u{0301}", "金\u{F900}"]
        var simpleTexts = 0, generalTexts = 0, withMatch = 0
        for round in 0..<4_000 {
            let words = round % 2 == 1 ? allWords : simpleWords
            let length = Int.random(in: 0...160, using: &rng)
            var text = ""
            for _ in 0..<length {
                if Int.random(in: 0..<25, using: &rng) == 0 && round % 2 == 1 {
                    text += unusual.randomElement(using: &rng)!
                } else if Int.random(in: 0..<12, using: &rng) == 0 {
                    text += words.randomElement(using: &rng)!
                } else {
                    text += simple.randomElement(using: &rng)!
                }
            }
            let query = SearchQuery((0..<Int.random(in: 1...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " "))
            let radius = [0, 1, 5, 40, 200].randomElement(using: &rng)!
            let expected = SearchSnippet.byCharacters(text, query: query, radius: radius)
            XCTAssertEqual(SearchSnippet.make(text, query: query, radius: radius), expected, "text \(text.debugDescription), query \(query.parts.map(\.text)), radius \(radius)")
            if SearchSnippet.SimpleText(text, query: query) != nil { simpleTexts += 1 } else { generalTexts += 1 }
            if expected.contains(where: \.highlighted) { withMatch += 1 }
        }
        XCTAssertGreaterThan(simpleTexts, 1_000)
        XCTAssertGreaterThan(generalTexts, 1_000)
        XCTAssertGreaterThan(withMatch, 1_000)
    }

    func testTextsOutsideTheSimpleScalarsGoTheGeneralWay() {
        XCTAssertNil(SearchSnippet.SimpleText("cafe\u{0301}", query: SearchQuery("café")))
        XCTAssertNil(SearchSnippet.SimpleText("一\r\n二", query: SearchQuery("二")))
        XCTAssertNil(SearchSnippet.SimpleText("低保", query: SearchQuery("\u{F900}")))
        XCTAssertNotNil(SearchSnippet.SimpleText("城乡低保，Ａ级。", query: SearchQuery("低保 a级")))
        // Canonically equivalent spellings still meet, the general way.
        let pieces = SearchSnippet.make("咖啡cafe\u{0301}店", query: SearchQuery("café"))
        XCTAssertEqual(pieces.filter(\.highlighted).map(\.text), ["cafe\u{0301}"])
    }
}
