import XCTest
@testable import GongkaiDomain

/// Inputs the libFuzzer runs (fuzz/) found, kept as tests (issue 12: "any crash found becomes a unit test").
final class FuzzFindingTests: XCTestCase {
    /// A quote or bracket followed by a combining mark is one Swift `Character`; escaping by
    /// `Character` let it through raw, and browsers end the attribute value at the quote.
    func testMarkupCharactersFollowedByACombiningMarkAreEscaped() {
        let breakout = "x\"\u{0307} onerror=alert(1) y"
        XCTAssertEqual(HTMLText.escape(breakout), "x&quot;\u{0307} onerror=alert(1) y")
        XCTAssertEqual(HTMLText.escape("'\u{0301}<\u{064B}>\u{0307}&\u{0300}"), "&#39;\u{0301}&lt;\u{064B}&gt;\u{0307}&amp;\u{0300}")
        let clean = HTMLSanitizer.sanitize("<img src=\"/a.png\" alt='\(breakout)'><p>1<\u{064B}x>\u{0307}</p>")
        XCTAssertEqual(clean, "<img src=\"/a.png\" alt=\"x&quot;\u{0307} onerror=alert(1) y\"><p>1&lt;\u{064B}x&gt;\u{0307}</p>")
    }

    /// The input the html target stopped on (fuzz/corpus/html/crash-combining-mark): a `<` with an
    /// Arabic fathatan stayed raw in the text.
    func testTheFuzzersHTMLInputGivesOnlyAllowedMarkup() {
        let bytes: [UInt8] = [0x3c, 0x74, 0x64, 0x3e, 0x31, 0x3c, 0xd9, 0x8b, 0x9b, 0xc1, 0xc3, 0xd0, 0x8b, 0x8d, 0x3e, 0x3c, 0x2f, 0x74, 0x64, 0x3e]
        let clean = HTMLSanitizer.sanitize(String(decoding: bytes, as: UTF8.self))
        XCTAssertTrue(clean.hasPrefix("<td>") && clean.hasSuffix("</td>"), clean)
        let inside = clean.dropFirst(4).dropLast(5)
        XCTAssertFalse(inside.unicodeScalars.contains { $0 == "<" || $0 == ">" }, clean)
        XCTAssertTrue(clean.contains("1&lt;\u{064B}"), clean)
    }

    /// The same input, whole: sanitising must be idempotent (what is stored is what is shown).
    func testSanitisingTheFuzzersInputTwiceChangesNothing() {
        let bytes: [UInt8] = [0x3c, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x3e, 0x3c, 0x74, 0x72, 0x3e, 0x3c, 0x74, 0x64, 0x20, 0x63, 0x6f, 0x6c, 0x73, 0x70, 0x61, 0x6e, 0x3d, 0x32, 0x20, 0x78, 0x22, 0x3e, 0x31, 0x3c, 0xd9, 0x8b, 0x9b, 0xc1, 0xc3, 0xd0, 0x8b, 0x8d, 0x3e, 0x3c, 0x2f, 0x74, 0x61, 0x62, 0x6c, 0x3c, 0x65, 0x3e, 0x61, 0x20, 0x68, 0x72, 0x65, 0x66, 0x3d, 0x22, 0x93, 0x9e, 0x89, 0x9e, 0x73, 0x74, 0x79, 0x6c, 0x65, 0x3d, 0x26, 0x78, 0x61, 0x20, 0x68, 0x72, 0x65, 0x66, 0x3d, 0x22, 0x93, 0x9e, 0x89, 0x9e, 0xd9, 0xdc, 0x19, 0x87, 0x3b, 0xcf, 0x73, 0x63, 0x72, 0x69, 0x70, 0x2d, 0x20, 0x63, 0x20, 0x2d, 0x0f, 0x2d, 0x3e, 0x3c, 0x70, 0x26, 0x20, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0x78, 0x3e, 0x79]
        let once = HTMLSanitizer.sanitize(String(decoding: bytes, as: UTF8.self))
        XCTAssertEqual(HTMLSanitizer.sanitize(once), once)
    }
}
