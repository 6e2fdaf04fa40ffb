import XCTest
@testable import GongkaiDomain

final class ReviewTableTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testFifteenCellsWithTotals() {
        let t = ReviewTable(year: 2025, records: [
            .init(kind: .administrativeReview, filed: d("2025-02-01"), concluded: d("2025-04-01"), result: .upheld),
            .init(kind: .administrativeReview, filed: d("2025-05-01"), concluded: d("2025-07-01"), result: .corrected),
            .init(kind: .administrativeReview, filed: d("2025-11-01"), concluded: d("2026-01-20"), result: .upheld), // open at year end
            .init(kind: .litigationDirect, filed: d("2025-03-01"), concluded: nil, result: nil),
            .init(kind: .litigationAfterReview, filed: d("2025-08-01"), concluded: d("2025-12-01"), result: .other),
            .init(kind: .litigationDirect, filed: d("2024-03-01"), concluded: d("2025-03-01"), result: .upheld), // another year's
        ])
        XCTAssertEqual(t.count(.administrativeReview, .upheld), 1)
        XCTAssertEqual(t.count(.administrativeReview, .corrected), 1)
        XCTAssertEqual(t.count(.administrativeReview, .pending), 1)
        XCTAssertEqual(t.total(.administrativeReview), 3)
        XCTAssertEqual(t.count(.litigationDirect, .pending), 1)
        XCTAssertEqual(t.total(.litigationDirect), 1)
        XCTAssertEqual(t.count(.litigationAfterReview, .other), 1)
        XCTAssertEqual(ProceedingKind.allCases.count * (ProceedingResult.allCases.count + 1), 15)
    }
}
