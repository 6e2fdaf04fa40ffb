import XCTest
@testable import GongkaiDomain

final class IdentifierTests: XCTestCase {
    func testRealCreditCodesPass() throws {
        for code in ["11441700007280420Y", "1137078555222300XQ", "91350100M000100Y43", " 91350100m000100y43 "] {
            XCTAssertTrue(UnifiedSocialCreditCode.isValid(code), code)
        }
        XCTAssertEqual(try UnifiedSocialCreditCode(validating: "91350100m000100y43").value, "91350100M000100Y43")
    }

    func testEachKindOfFaultHasItsOwnMessage() {
        func problem(_ s: String) -> UnifiedSocialCreditCode.Problem? {
            do { _ = try UnifiedSocialCreditCode(validating: s); return nil } catch { return error }
        }
        XCTAssertEqual(problem("11441700007280420"), .wrongLength(17))
        XCTAssertEqual(problem("11441700007280420I"), .invalidCharacter("I"))
        XCTAssertEqual(problem("11441700007280420X"), .checkCharacterMismatch(expected: "Y"))
        XCTAssertEqual(problem("114417000072804219"), .organisationCodeCheckFailed)
        XCTAssertTrue(UnifiedSocialCreditCode.Problem.checkCharacterMismatch(expected: "Y").message.contains("应为“Y”"))
    }

    func testEverySingleCharacterChangeIsDetected() {
        let valid = Array("91350100M000100Y43")
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var undetected = 0
        for i in 0..<18 {
            for c in alphabet where c != valid[i] {
                var v = valid
                v[i] = c
                if UnifiedSocialCreditCode.isValid(String(v)) { undetected += 1 }
            }
        }
        XCTAssertEqual(undetected, 0)
    }

    func testCompletingProducesValidCodes() {
        for prefix in ["1151990100000001", "1151990100000017", "11519901000000AB"] {
            let code = UnifiedSocialCreditCode.completing(prefix)
            XCTAssertNotNil(code)
            XCTAssertTrue(code!.value.hasPrefix(prefix))
        }
        XCTAssertEqual(UnifiedSocialCreditCode.completing("113707855522230")?.value, nil)
        XCTAssertEqual(UnifiedSocialCreditCode.completing("1137078555222300")?.value, "1137078555222300XQ")
    }

    func testDivisionCodes() {
        XCTAssertNoThrow(try AdministrativeDivisionCode(validating: "512021"))
        XCTAssertNoThrow(try AdministrativeDivisionCode(validating: "512021101"))
        XCTAssertNoThrow(try AdministrativeDivisionCode(validating: "512021101201"))
        XCTAssertThrowsError(try AdministrativeDivisionCode(validating: "5120211")) { e in
            XCTAssertEqual(e as? AdministrativeDivisionCode.Problem, .wrongLength(7))
        }
        XCTAssertThrowsError(try AdministrativeDivisionCode(validating: "51202A"))
        XCTAssertEqual(try AdministrativeDivisionCode(validating: "512021101").countyPrefix, "512021")
    }

    func testTrimmingHandlesFullWidthSpace() {
        XCTAssertEqual("\u{3000} 清溪 \n".trimmingSpaces(), "清溪")
        XCTAssertEqual("   ".trimmingSpaces(), "")
    }
}
