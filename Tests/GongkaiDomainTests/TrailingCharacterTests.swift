import XCTest
@testable import GongkaiDomain

/// Issue 21: a query part ending in a single character after other terms (`2024年`) is searched
/// without that character and checked on the text found. The cut and the check, here; the check
/// against FTS5 itself is in the app's tests.
final class TrailingCharacterTests: XCTestCase {
    func testWhichPartsAreCut() {
        let year = SearchQuery("2024年")
        XCTAssertEqual(year.parts.first?.terms, ["2024", "年"])
        XCTAssertEqual(year.withoutTrailingCharacters?.parts.map(\.terms), [["2024"]])
        XCTAssertEqual(year.withoutTrailingCharacters?.parts.first?.prefix, false)
        XCTAssertEqual(year.cutParts, year.parts)
        XCTAssertNil(SearchQuery("年").withoutTrailingCharacters, "a character alone has nothing to search without it")
        XCTAssertNil(SearchQuery("社会救助").withoutTrailingCharacters)
        XCTAssertNil(SearchQuery("2024").withoutTrailingCharacters)
        let mixed = SearchQuery("第3号 社会 -2024年")
        XCTAssertEqual(mixed.withoutTrailingCharacters?.parts.map(\.terms), [["第", "3"], ["社会"]])
        XCTAssertEqual(mixed.withoutTrailingCharacters?.excluded, mixed.excluded, "exclusions stay whole")
        XCTAssertEqual(mixed.cutParts.map(\.text), ["第3号"])
    }

    func testOccursOnExamples() {
        let part = SearchQuery("2024年").parts[0]
        XCTAssertTrue(part.occurs(inTerms: "2024 年度 工作"))
        XCTAssertTrue(part.occurs(inTerms: "关于 2024 年"))
        XCTAssertFalse(part.occurs(inTerms: "2024 度 年"))
        XCTAssertFalse(part.occurs(inTerms: "12024 年"), "a word matches whole")
        XCTAssertFalse(part.occurs(inTerms: "2024"))
        XCTAssertFalse(part.occurs(inTerms: ""))
        let whole = SearchQuery("2024").parts[0]
        XCTAssertTrue(whole.occurs(inTerms: "a 2024"))
        XCTAssertFalse(whole.occurs(inTerms: "a 20245"), "not a prefix: the term must end")
    }

    /// Against a plain reading of an FTS5 phrase on random term sequences.
    func testOccursAgainstTermByTermReading() {
        let vocabulary = ["2024", "年", "年度", "年底", "第", "3", "号", "社会", "会救", "救助", "助", "20", "24"]
        var generator = SystemRandomNumberGenerator()
        var hits = 0
        for _ in 0..<20_000 {
            let terms = (0..<Int.random(in: 0...12, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            var wanted = (0..<Int.random(in: 1...3, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            let prefix = Bool.random(using: &generator)
            if prefix { wanted[wanted.count - 1] = String(wanted[wanted.count - 1].prefix(1)) }
            let part = SearchQuery.Part(text: wanted.joined(), terms: wanted, prefix: prefix, quoted: false)
            var expected = false
            if terms.count >= wanted.count {
                for i in 0...(terms.count - wanted.count) {
                    let head = zip(terms[i..<(i + wanted.count - 1)], wanted.dropLast()).allSatisfy { $0 == $1 }
                    let last = terms[i + wanted.count - 1], want = wanted[wanted.count - 1]
                    if head && (prefix ? last.hasPrefix(want) : last == want) { expected = true }
                }
            }
            XCTAssertEqual(part.occurs(inTerms: terms.joined(separator: " ")), expected, "\(wanted) \(prefix) in \(terms)")
            if expected { hits += 1 }
        }
        XCTAssertGreaterThan(hits, 2_000, "enough cases that occur")
    }
}
