import Foundation
import XCTest
@testable import GongkaiDomain

/// The checks read texts as integer keys (`CheckText`) since issue 21; these tests hold them to the
/// character-based implementations they replaced (kept below as references, unchanged), on random
/// texts built from the cases where characters and scalars differ: "\r\n", combining marks,
/// canonically equivalent spellings (é and e + U+0301, U+F900 and 豈, the Kelvin sign and K),
/// emoji sequences, Hangul jamo, full-width letters and the fillers of variant matching.
final class CheckTextEquivalenceTests: XCTestCase {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    }

    /// Pieces random texts are made of.
    static let pieces: [String] = [
        "敏", "感", "词", "中", "文", "政", "府", "公", "开", "县", "长", "张", "三", "，", "。", "；", "、",
        "a", "b", "A", "B", "x", "X", "k", "K", "Ａ", "ｂ", "１", "0", "1", "3", "8", "9", "5",
        " ", "  ", "\t", "*", "#", "_", "-", "·", ".", "~", "\u{200B}", "\u{200D}", "\u{3000}", "\u{00A0}", "＊",
        "\r\n", "\r", "\n", "e\u{301}", "é", "\u{F900}", "豈", "\u{212A}", "\u{037E}", ";", "\u{0301}", "\u{20E3}",
        "👍🏽", "👨\u{200D}👩", "\u{1100}\u{1161}", "\u{AC00}", "\u{1F1E8}\u{1F1F3}", "ｈ", "h", "s", "r", "c", "f", "=", "\"", "'",
        "http://", "https://", "href=", "src=", "HREF=", "<", ">", "(", ")", "/", ":", "?", "!",
    ]

    static func text(_ r: inout Random, maxPieces: Int) -> String {
        (0..<r.below(maxPieces)).map { _ in r.pick(pieces) }.joined()
    }

    func testWordMatchingAgreesWithTheCharacterMatcher() {
        var r = Random(state: 21)
        var matched = 0, complex = 0
        for round in 0..<1_500 {
            // Words: random pieces, some taken from the text so there are matches.
            let text = Self.text(&r, maxPieces: 60)
            let chars = Array(text)
            var words = (0..<r.below(6)).map { _ in Self.text(&r, maxPieces: 4) }
            for _ in 0..<r.below(4) where chars.count > 1 {
                let from = r.below(chars.count - 1), length = 1 + r.below(min(4, chars.count - from))
                words.append(String(chars[from..<from + length]))
            }
            if CheckText(text).complex { complex += 1 }
            for variants in [false, true] {
                let new = WordListMatcher(words: words, variants: variants).matches(in: text)
                matched += new.count
                let old = ReferenceWordListMatcher(words: words, variants: variants).matches(in: text)
                XCTAssertEqual(new.map { [$0.wordIndex, $0.range.lowerBound, $0.range.upperBound] },
                               old.map { [$0.wordIndex, $0.range.lowerBound, $0.range.upperBound] },
                               "round \(round), variants \(variants): \(words.map { Array($0.unicodeScalars) }) in \(Array(text.unicodeScalars))")
            }
        }
        // Both paths were taken, with matches to compare.
        XCTAssertGreaterThan(matched, 1_000)
        XCTAssertGreaterThan(complex, 300)
        XCTAssertLessThan(complex, 1_400)
    }

    func testCanonicallyEquivalentSpellingsStillMatch() {
        let m = WordListMatcher(words: ["caf\u{E9}", "\u{8C48}", "\u{212B}"], variants: true)
        let found = m.matches(in: "cafe\u{301}与\u{F900}和\u{C5}").map(\.wordIndex)
        XCTAssertEqual(found, [0, 1, 2])
        XCTAssertEqual(ReferenceWordListMatcher(words: ["caf\u{E9}", "\u{8C48}", "\u{212B}"], variants: true)
            .matches(in: "cafe\u{301}与\u{F900}和\u{C5}").map(\.wordIndex), found)
    }

    func testPersonalDataAgreesWithTheCharacterScanner() {
        var r = Random(state: 7)
        let digitsPieces = ["1", "3", "8", "0", "9", "5", " ", "-", "X", "x", "a", "_", ".", "/", "K", "\u{212A}", "中", "\r\n",
                            "e\u{301}", "1\u{20E3}", "13812345678", "138 1234 5678", "11010519491231002X", "6222021234567890128",
                            "6222 0212 3456 7890 128", "5678.12", "5678。"]
        let scanner = PersonalDataScanner()
        var found = Set<Finding.Kind>()
        for round in 0..<3_000 {
            let text = (0..<r.below(12)).map { _ in r.pick(digitsPieces) }.joined()
            let new = scanner.scan(text, source: "正文")
            found.formUnion(new.map(\.kind))
            let old = ReferencePersonalData.scan(text, preset: scanner.idPreset)
            XCTAssertEqual(new, old, "round \(round): \(Array(text.unicodeScalars))")
        }
        XCTAssertEqual(found, [.idNumber, .mobileNumber, .bankCard])
    }

    func testLinksAgreeWithTheCharacterReader() {
        var r = Random(state: 99)
        var links = 0
        for round in 0..<3_000 {
            let text = Self.text(&r, maxPieces: 40)
            let new = LinkCheck.links(in: text).map { "\($0.url)@\($0.range)" }
            links += new.count
            let old = ReferenceLinks.links(in: text).map { "\($0.url)@\($0.range)" }
            XCTAssertEqual(new, old, "round \(round): \(Array(text.unicodeScalars))")
        }
        XCTAssertGreaterThan(links, 500)
    }

    func testPlainTextAgreesWithTheCharacterVersion() {
        var r = Random(state: 5)
        let htmlPieces = ["<p>", "</p>", "<br>", "<div>", "</div>", "<span>", "</span>", "<b>", "<li>", "<table><tr><td>",
                          " ", "\t", "\u{00A0}", "\u{3000}", "&nbsp;", "&#10;", "&#13;", "&#x3000;", "\r", "\n", "\r\n",
                          "文字", "a", "\u{301}", "e\u{301}", "&amp;", "<!-- c -->", "<script>x</script>", "\u{2003}", "\u{200B}"]
        for round in 0..<3_000 {
            let html = (0..<r.below(25)).map { _ in r.pick(htmlPieces) }.joined()
            XCTAssertEqual(Array(HTMLSanitizer.plainText(html).unicodeScalars), Array(Self.referencePlainText(html).unicodeScalars),
                           "round \(round): \(Array(html.unicodeScalars))")
        }
    }

    /// Every scalar `CheckText` reads without grapheme breaking forms a character on its own next
    /// to anything that could join it, and is its own canonical form.
    func testStandaloneScalarsNeverJoinAndAreTheirOwnNFC() {
        let left: [Unicode.Scalar] = ["a", "中", "\u{1100}", "\u{1F1E6}", "\r"]
        let right: [Unicode.Scalar] = ["a", "中", "\u{1161}", "\u{11A8}", "\u{1F1E6}", "\n"]
        var checked = 0
        for v in UInt32(0)...0xFFFF where CheckText.standsAlone(v) {
            guard let s = Unicode.Scalar(v) else { continue }
            for l in left where l != "\r" || v != 0x0A {
                XCTAssertEqual(String(String.UnicodeScalarView([l, s])).count, 2, "U+\(String(v, radix: 16)) after U+\(String(l.value, radix: 16))")
            }
            for x in right {
                XCTAssertEqual(String(String.UnicodeScalarView([s, x])).count, 2, "U+\(String(v, radix: 16)) before U+\(String(x.value, radix: 16))")
            }
            XCTAssertEqual(Array(String(Character(s)).precomposedStringWithCanonicalMapping.unicodeScalars), [s], "U+\(String(v, radix: 16))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 30_000)
    }

    func testWhitespaceTableIsUnicodes() {
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(CheckText.isWhitespace(v), s.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v), v != 0x0A else { continue }
            XCTAssertEqual(HTMLSanitizer.isLineSpace(s), CharacterSet.whitespaces.contains(s), "U+\(String(v, radix: 16))")
        }
    }

    // MARK: - The character-based implementations these replaced (unchanged but for their names)

    static func referencePlainText(_ html: String) -> String {
        var out = ""
        for token in HTMLSanitizer.tokens(html) {
            switch token {
            case .text(let t): out += t
            case .start(let name, _, _), .end(let name):
                if HTMLSanitizer.blocks.contains(name) && !out.hasSuffix("\n") && !out.isEmpty { out += "\n" }
            }
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
