import XCTest
@testable import GongkaiDomain

final class ProactiveTableTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testPolicyRowsByWrittenDateAndEndOfValidity() {
        let policies: [ProactiveTable.PolicyRecord] = [
            .init(kind: .normativeDocument, writtenOn: d("2025-03-10"), endedOn: nil),            // issued 2025, in force
            .init(kind: .normativeDocument, writtenOn: d("2019-04-12"), endedOn: d("2025-04-01")), // repealed 2025
            .init(kind: .normativeDocument, writtenOn: d("2020-01-01"), endedOn: d("2026-02-01")), // in force at end of 2025
            .init(kind: .normativeDocument, writtenOn: d("2026-01-05"), endedOn: nil),            // next year: not counted
            .init(kind: .regulation, writtenOn: d("2025-12-31"), endedOn: nil),
            .init(kind: .otherDocument, writtenOn: d("2025-05-05"), endedOn: nil),                // not in table 二
        ]
        let t = ProactiveTable(year: 2025, policies: policies, entered: .init(licensingDecisions: 120, feesYuan: 123_450))
        XCTAssertEqual(t.normativeDocuments, .init(issued: 1, repealed: 1, inForce: 2))
        XCTAssertEqual(t.regulations, .init(issued: 1, repealed: 0, inForce: 1))
        XCTAssertEqual(t.entered.licensingDecisions, 120)
        let sum = ProactiveTable.sum([t, t], year: 2025)
        XCTAssertEqual(sum.normativeDocuments.inForce, 4)
        XCTAssertEqual(sum.entered.feesYuan, 246_900)
    }

    func testAmountsInTenThousandYuan() {
        XCTAssertEqual(ProactiveTable.wanYuan(0), "0")
        XCTAssertEqual(ProactiveTable.wanYuan(123_450), "12.345")
        XCTAssertEqual(ProactiveTable.wanYuan(50_000), "5")
        XCTAssertEqual(ProactiveTable.wanYuan(7), "0.0007")
    }

    func testConsolidatedApplicationTablesAndCarryOver() {
        let a = ApplicationTable(year: 2025, cases: [
            .init(applicantKind: .naturalPerson, received: d("2025-03-01"), decided: d("2025-03-20"), outcome: .disclosed),
            .init(applicantKind: .naturalPerson, received: d("2025-12-20"), decided: nil, outcome: nil),
        ])
        let b = ApplicationTable(year: 2025, cases: [
            .init(applicantKind: .commercialEnterprise, received: d("2024-12-28"), decided: d("2025-01-10"), outcome: .withheldStateSecret),
        ])
        let sum = ApplicationTable.sum([a, b], year: 2025)
        XCTAssertEqual(sum.total(.newThisYear), 2)
        XCTAssertEqual(sum.total(.carriedOver), 1)
        XCTAssertEqual(sum.count(.outcome(.withheldStateSecret), .commercialEnterprise), 1)
        XCTAssertEqual(sum.balanceProblems, [])
        let lastYear = ApplicationTable(year: 2024, cases: [])
        XCTAssertEqual(sum.carryOverProblems(lastYear: lastYear).count, 1, "the enterprise column carried 1 that last year's report did not")
        XCTAssertTrue(sum.carryOverProblems(lastYear: lastYear)[0].contains("请说明差异"))
        let r = ReviewTable.sum([ReviewTable(year: 2025, records: [.init(kind: .administrativeReview, filed: d("2025-02-01"), concluded: d("2025-05-01"), result: .upheld)])], year: 2025)
        XCTAssertEqual(r.count(.administrativeReview, .upheld), 1)
    }
}

final class ApplicationTableCheckTests: XCTestCase {
    func testATamperedTotalIsCaught() {
        var t = ApplicationTable(year: 2025, cases: [
            .init(applicantKind: .naturalPerson, received: CivilDate(iso: "2025-03-01")!, decided: CivilDate(iso: "2025-03-20")!, outcome: .disclosed),
        ])
        XCTAssertEqual(t.balanceProblems, [])
        t.tamper(.decidedTotal, .naturalPerson, by: 1)
        XCTAssertEqual(t.balanceProblems.count, 2, "(七) no longer the sum of its rows, and the column no longer balances")
        XCTAssertTrue(t.balanceProblems[0].contains("（七）总计（2）不等于（一）至（六）各行之和（1）"))
    }
}
