import XCTest
@testable import GongkaiDomain

final class FeeTests: XCTestCase {
    let fee = InformationProcessingFee()

    func testByCountBands() {
        XCTAssertEqual((1...10).map(fee.chargeForApplication), Array(repeating: 0, count: 10))
        XCTAssertEqual(fee.chargeForApplication(ordinal: 11), 100)
        XCTAssertEqual(fee.chargeForApplication(ordinal: 30), 100)
        XCTAssertEqual(fee.chargeForApplication(ordinal: 31), 200)
        XCTAssertEqual(fee.chargeForApplication(ordinal: 40), 200)
        XCTAssertEqual(fee.chargeForApplication(ordinal: 41), 300)
        XCTAssertEqual(fee.chargeForApplication(ordinal: 51), 400)
    }

    func testByVolumeIsProgressiveOverTheExcess() {
        XCTAssertEqual(fee.chargeForPages(30), 0)
        XCTAssertEqual(fee.chargeForPages(31), 10)
        XCTAssertEqual(fee.chargeForPages(100), 700)            // 70 pages × 10
        XCTAssertEqual(fee.chargeForPages(101), 720)            // + 1 × 20
        XCTAssertEqual(fee.chargeForPages(200), 700 + 2000)     // + 100 × 20
        XCTAssertEqual(fee.chargeForPages(250), 2700 + 50 * 40) // + 50 × 40
        // Independent check: page by page.
        for pages in 0...400 {
            let expected = (1...max(1, pages)).reduce(0) { sum, p in
                guard pages > 0 else { return 0 }
                return sum + (p <= 30 ? 0 : p <= 100 ? 10 : p <= 200 ? 20 : 40)
            }
            XCTAssertEqual(fee.chargeForPages(pages), expected, "\(pages) pages")
        }
    }

    func testSettingsChangeTheUnconfirmedBands() {
        var f = InformationProcessingFee()
        f.stepIncrease = 50
        XCTAssertEqual(f.chargeForApplication(ordinal: 41), 200)
        XCTAssertTrue(fee.explain(method: .byCount, quantity: 12).contains("按件计收100元"))
        XCTAssertTrue(fee.explain(method: .byVolume, quantity: 20).contains("不收费"))
    }
}
