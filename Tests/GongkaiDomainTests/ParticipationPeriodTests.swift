import XCTest
@testable import GongkaiDomain

/// The minimum participation periods on the shipped holiday calendar (2026: 中秋 9月25日–27日,
/// 国庆 10月1日–7日, 9月20日 and 10月10日 调休上班; values worked out by hand from holidays.csv).
final class ParticipationPeriodTests: XCTestCase {
    let cal = WorkingCalendar.shipped
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testThirtyDaysStartTheNextDayAndLeaveAHoliday() {
        // Opens 2026-09-01: the 30th day is 10月1日, a holiday → the next working day, 10月8日.
        let e = ParticipationPeriod.earliestClose(.majorDecision, opensOn: day("2026-09-01"), calendar: cal)
        XCTAssertEqual(e.date, day("2026-10-08"))
        XCTAssertFalse(e.provisional)
        // An ordinary month: 2026-03-02 + 30 = 2026-04-01 (a Wednesday).
        XCTAssertEqual(ParticipationPeriod.earliestClose(.regulation, opensOn: day("2026-03-02"), calendar: cal).date, day("2026-04-01"))
        XCTAssertEqual(ParticipationPeriod.earliestClose(.marketRelated, opensOn: day("2026-03-02"), calendar: cal).date, day("2026-04-01"))
    }

    func testSevenWorkingDaysForNormativeDocuments() {
        // Opens 2026-09-25 (中秋): 9/28, 9/29, 9/30, then 10/8, 10/9, 10/10 (调休 Sat), 10/12.
        XCTAssertEqual(ParticipationPeriod.earliestClose(.normativeDocument, opensOn: day("2026-09-25"), calendar: cal).date, day("2026-10-12"))
    }

    func testProblemsInChinese() {
        let short = ParticipationPeriod.problem(.regulation, opensOn: day("2026-03-02"), closesOn: day("2026-03-31"),
                                                shortenedBecause: "", calendar: cal)
        XCTAssertEqual(short, "规章草案公开征求意见的期限一般不少于30日，自2026年3月2日发布的次日起算，最早可于2026年4月1日截止")
        XCTAssertNil(ParticipationPeriod.problem(.regulation, opensOn: day("2026-03-02"), closesOn: day("2026-04-01"),
                                                 shortenedBecause: "", calendar: cal))
        // A major decision may be shorter, but only with the reason stated (Art. 15); a regulation may not.
        let urgent = ParticipationPeriod.problem(.majorDecision, opensOn: day("2026-03-02"), closesOn: day("2026-03-16"),
                                                 shortenedBecause: "", calendar: cal)
        XCTAssertTrue(urgent?.hasSuffix("须在征求意见时说明理由（《重大行政决策程序暂行条例》第十五条）") ?? false, urgent ?? "")
        XCTAssertNil(ParticipationPeriod.problem(.majorDecision, opensOn: day("2026-03-02"), closesOn: day("2026-03-16"),
                                                 shortenedBecause: "汛期将至，需在4月前实施", calendar: cal))
        XCTAssertNotNil(ParticipationPeriod.problem(.regulation, opensOn: day("2026-03-02"), closesOn: day("2026-03-16"),
                                                    shortenedBecause: "汛期将至", calendar: cal))
        XCTAssertEqual(ParticipationPeriod.problem(.normativeDocument, opensOn: day("2026-03-02"), closesOn: day("2026-03-02"),
                                                   shortenedBecause: "", calendar: cal), "截止日期应晚于开始日期")
        // Beyond the registered years the date is marked 暂算.
        let far = ParticipationPeriod.problem(.regulation, opensOn: day("2031-03-03"), closesOn: day("2031-03-10"),
                                              shortenedBecause: "", calendar: cal)
        XCTAssertTrue(far?.hasSuffix("截止（暂算）") ?? false, far ?? "")
    }

    func testLegalityReviewAndHearingMaterials() {
        XCTAssertEqual(ParticipationPeriod.earliestLegalityReviewEnd(startedOn: day("2026-09-25"), calendar: cal).date, day("2026-10-12"))
        XCTAssertEqual(ParticipationPeriod.latestMaterialsDelivery(hearingOn: day("2026-06-15")), day("2026-06-08"))
    }
}
