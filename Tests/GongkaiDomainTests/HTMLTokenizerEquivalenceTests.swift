import XCTest
@testable import GongkaiDomain

/// The byte tokenizer against the scalar tokenizer it replaced (`HTMLTokensReference`): the same
/// tokens for the sanitiser's attack payloads and for random markup built from the pieces where the
/// two could part — multi-byte characters beside delimiters, Unicode whitespace inside tags,
/// characters whose lower case is longer, unclosed quotes, comments and script-like elements.
final class HTMLTokenizerEquivalenceTests: XCTestCase {
    static let pieces = [
        "<", ">", "/", "!", "-", "?", "=", "\"", "'", " ", "\t", "\n", "\r\n", "\u{3000}", "\u{A0}", "\u{85}", "\u{2028}", "\u{200B}",
        "a", "B", "p", "x", "href", "SRC", "on", "中", "文", "政务", "İ", "ẞ", "Σ", "é", "e\u{301}", "😀", "👨‍👩‍👧", "\u{FFFD}",
        "&amp;", "&lt;", "&#x4e2d;", "&#20013;", "&nbsp;", "&bogus;", "&", ";", "<p>", "</p>", "<P class=x>", "<br/>", "<br />",
        "<img src=x>", "<img src='/a.png' alt=\"中\">", "<a href=\"https://x.gov.cn\">", "</a>", "<!--", "-->", "<!doctype html>",
        "<?xml?>", "<script>", "</script>", "</SCRIPT >", "<style>", "<textarea>", "<svg/>", "</ p>", "</1>", "<div\u{3000}id=中>",
        "<td colspan=2>", "<table>", "<h1>", "<b>", "</b>", "<x-y:z_1>",
    ]

    func testSameTokensAsTheScalarTokenizer() {
        for payload in HTMLSanitizerTests.payloads {
            XCTAssertEqual(HTMLSanitizer.tokens(payload), HTMLTokensReference.tokens(payload), payload)
        }
        var rng = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<20_000 {
            let html = (0..<Int.random(in: 0...24, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            if HTMLSanitizer.tokens(html) != HTMLTokensReference.tokens(html) {
                mismatches += 1
                if mismatches <= 5 { XCTFail("tokens differ for \(html.debugDescription)") }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testEveryWhitespaceScalarSeparatesAttributes() {
        // Each White_Space scalar between attributes, and one that is not (U+200B), in both tokenizers.
        for v: UInt32 in [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x200B] {
            let s = String(Unicode.Scalar(v)!)
            let html = "<a\(s)href=x\(s)title=\"t\"\(s)>y</a>"
            XCTAssertEqual(HTMLSanitizer.tokens(html), HTMLTokensReference.tokens(html), "U+\(String(v, radix: 16))")
        }
        XCTAssertEqual(HTMLSanitizer.tokens("<a\u{3000}href=x>"), [.start("a", [("href", "x")], selfClosing: false)])
    }
}
