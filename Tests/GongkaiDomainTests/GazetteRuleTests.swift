import XCTest
@testable import GongkaiDomain

final class GazetteRuleTests: XCTestCase {
    func testSectionsFollowThePrintOrder() {
        XCTAssertEqual(InformationKind.allCases.map { GazetteSection.of($0) }.filter { $0 != .other }, [.regulations, .normativeDocuments, .personnel])
        XCTAssertEqual(GazetteSection.of(.notice), .other)
        let toc = GazetteSection.contents([(.other, 1, "工作规则"), (.personnel, 4, "任免通知"), (.normativeDocuments, 3, "办法乙"),
                                           (.normativeDocuments, 2, "办法甲"), (.regulations, 5, "规章")])
        XCTAssertEqual(toc.map(\.section), [.regulations, .normativeDocuments, .personnel, .other])
        XCTAssertEqual(toc[1].entries, ["办法甲", "办法乙"], "within a section by position")
        XCTAssertEqual(GazetteSection.contents([(GazetteSection.other, 1, "x")]).map(\.section), [.other], "empty sections are left out")
        XCTAssertEqual(GazetteSection.issueTitle(year: 2026, number: 3, overall: 27), "2026年第3期（总第27期）")
    }
}
