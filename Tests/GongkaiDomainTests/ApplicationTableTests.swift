import XCTest
@testable import GongkaiDomain

final class ApplicationTableTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// One case per outcome, alternating applicant kinds: each lands in exactly its leaf row.
    func testEveryOutcomeLandsInItsOwnRowAndColumn() {
        for (i, outcome) in ReplyOutcome.allCases.enumerated() {
            let kind = ApplicantKind.allCases[i % ApplicantKind.allCases.count]
            let t = ApplicationTable(year: 2025, cases: [.init(applicantKind: kind, received: d("2025-03-03"), decided: d("2025-03-20"), outcome: outcome)])
            for row in ApplicationTable.Row.all {
                let expected: Int
                switch row {
                case .newThisYear, .decidedTotal: expected = 1
                case .outcome(let o): expected = o == outcome ? 1 : 0
                case .carriedOver, .carriedForward: expected = 0
                }
                XCTAssertEqual(t.count(row, kind), expected, "\(outcome.rawValue) → \(row.label)")
                XCTAssertEqual(t.total(row), expected)
            }
        }
    }

    func testCarryOversBothWaysAndTheBalance() {
        let cases: [ApplicationTable.CaseRecord] = [
            .init(applicantKind: .naturalPerson, received: d("2024-12-20"), decided: d("2025-01-10"), outcome: .disclosed),      // 二 → decided
            .init(applicantKind: .naturalPerson, received: d("2024-12-28"), decided: nil, outcome: nil),                          // 二 → 四
            .init(applicantKind: .commercialEnterprise, received: d("2025-12-25"), decided: d("2026-01-08"), outcome: .disclosed), // 一 → 四
            .init(applicantKind: .commercialEnterprise, received: d("2025-06-01"), decided: d("2025-06-10"), outcome: .notProcessedRepeat),
            .init(applicantKind: .legalServiceOrganisation, received: d("2024-05-01"), decided: d("2024-05-20"), outcome: .disclosed), // last year's only
            .init(applicantKind: .otherOrganisation, received: d("2026-01-05"), decided: nil, outcome: nil),                        // next year's only
        ]
        let t = ApplicationTable(year: 2025, cases: cases)
        XCTAssertEqual(t.count(.carriedOver, .naturalPerson), 2)
        XCTAssertEqual(t.count(.outcome(.disclosed), .naturalPerson), 1)
        XCTAssertEqual(t.count(.carriedForward, .naturalPerson), 1)
        XCTAssertEqual(t.count(.newThisYear, .commercialEnterprise), 2)
        XCTAssertEqual(t.count(.carriedForward, .commercialEnterprise), 1)
        XCTAssertEqual(t.count(.outcome(.notProcessedRepeat), .commercialEnterprise), 1)
        XCTAssertEqual(t.total(.newThisYear), 2)
        XCTAssertEqual(t.total(.decidedTotal), 2)
        XCTAssertEqual(t.balanceProblems, [])
        // Next year's 二 equals this year's 四.
        let next = ApplicationTable(year: 2026, cases: cases)
        XCTAssertEqual(next.total(.carriedOver), t.total(.carriedForward))
        XCTAssertEqual(ApplicationTable.Row.all.count, 25) // 一, 二, 21 leaf rows, （七）, 四
        XCTAssertEqual(ApplicationTable.Row.outcome(.partiallyDisclosed).label, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    }
}
