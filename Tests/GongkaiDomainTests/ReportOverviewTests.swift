import XCTest
@testable import GongkaiDomain

/// Issue 11.8: every sentence of the pre-filled report text comes from the unit's own data.
final class ReportOverviewTests: XCTestCase {
    func testOnTimeOnlyWhenNoCaseWasLate() {
        var f = ReportOverviewFacts(year: 2025, organisationName: "清溪县民政局", published: 42, interpretations: 3,
                                    topColumns: [("社会救助", 20), ("政策文件", 9), ("机构职能", 2), ("统计信息", 1)],
                                    newApplications: 5, decidedByGroup: [.disclosed: 3, .unavailable: 2])
        XCTAssertEqual(f.overview, "2025年，清溪县民政局在政府信息公开平台主动公开政府信息42条，其中政策解读3条，较多的是“社会救助”20条、“政策文件”9条、“机构职能”2条。"
                       + "全年新收政府信息公开申请5件；已办结5件，其中予以公开3件、无法提供2件。已办结的申请均在法定期限内答复。")
        f.answeredLate = 1
        XCTAssertFalse(f.overview.contains("均在法定期限内"))
        XCTAssertTrue(f.overview.contains("其中1件超过法定期限答复"))
        f.answeredLate = 0
        f.openOverdue = 1
        f.decidedByGroup = [.disclosed: 3, .unavailable: 1]
        XCTAssertFalse(f.overview.contains("均在法定期限内"))
        XCTAssertTrue(f.overview.contains("结转下年办理1件"))
        XCTAssertTrue(f.overview.contains("1件至年底已超过法定期限仍未答复"))
    }

    func testNothingClaimedWithoutData() {
        let f = ReportOverviewFacts(year: 2025, organisationName: "清溪县统计局")
        XCTAssertEqual(f.overview, "2025年，清溪县统计局未在政府信息公开平台主动公开政府信息。全年未收到政府信息公开申请。")
        XCTAssertFalse(f.overview.contains("按时"))
        XCTAssertEqual(f.feeSentence, "依据《政府信息公开信息处理费管理办法》，本年度未发出信息处理费收费通知，未收取信息处理费。")
    }

    func testFeesSayWhatWasNotifiedAndWhatWasPaid() {
        var f = ReportOverviewFacts(year: 2025, organisationName: "甲", feeNotices: 2, feesNotified: 300)
        XCTAssertTrue(f.feeSentence.contains("发出收费通知2件，通知金额合计300元；申请人均未缴费，未实际收取信息处理费"))
        XCTAssertFalse(f.feeSentence.contains("应收"))
        f.feesPaid = 100
        XCTAssertTrue(f.feeSentence.contains("实收信息处理费100元"))
    }

    func testTwoUnitsDoNotStartFromTheSameWords() {
        let a = ReportOverviewFacts(year: 2025, organisationName: "清溪县民政局", published: 10, topColumns: [("社会救助", 6)], newApplications: 2,
                                    decidedByGroup: [.disclosed: 2])
        let b = ReportOverviewFacts(year: 2025, organisationName: "清溪县民政局", published: 10, topColumns: [("政策文件", 6)], newApplications: 2,
                                    decidedByGroup: [.disclosed: 2])
        XCTAssertNotEqual(a.overview, b.overview, "same counts, different work: different text")
        let reviews = ReportOverviewFacts(year: 2025, organisationName: "甲", reviews: 1, lawsuits: 2)
        XCTAssertTrue(reviews.overview.contains("被申请行政复议1件、提起行政诉讼2件"))
    }
}

/// Issue 11.16: a 街道 reports on the townships' date, not the departments'.
final class AnnualReportDeadlineTests: XCTestCase {
    func testDueDatesByKind() {
        let rule = AnnualReportDeadline()
        XCTAssertEqual(rule.due(for: .countyDepartment, year: 2025), CivilDate(iso: "2026-01-31"))
        XCTAssertEqual(rule.due(for: .governmentOffice, year: 2025), CivilDate(iso: "2026-01-31"))
        XCTAssertEqual(rule.due(for: .countyGovernment, year: 2025), CivilDate(iso: "2026-03-31"))
        XCTAssertEqual(rule.due(for: .townshipGovernment, year: 2025), CivilDate(iso: "2026-03-31"))
        XCTAssertEqual(rule.due(for: .subdistrictOffice, year: 2025), CivilDate(iso: "2026-03-31"))
        let county = AnnualReportDeadline(townshipDue: "02-20")!
        XCTAssertEqual(county.due(for: .subdistrictOffice, year: 2025), CivilDate(iso: "2026-02-20"))
        XCTAssertEqual(county.due(for: .townshipGovernment, year: 2025), CivilDate(iso: "2026-02-20"))
        XCTAssertEqual(county.due(for: .countyDepartment, year: 2025), CivilDate(iso: "2026-01-31"))
        for bad in ["02-30", "2-20", "13-01", "0x-01", "", "02-20-1"] { XCTAssertNil(AnnualReportDeadline(townshipDue: bad), bad) }
    }
}
