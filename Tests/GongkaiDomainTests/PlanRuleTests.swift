import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GongkaiDomain

/// The rules of running the plan: task status and reminders, the 回头看 verdicts, the 三单 states,
/// the mid-month 联席会议, indicator values, the 考核 scheme (≥ 4 %, scoring, ranking) and the charts.
final class PlanRuleTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testTaskStatusFromDeadlineReportsAndCompletion() {
        let by = TaskDeadline.by(d("2026-10-31")), created = d("2026-01-15")
        XCTAssertEqual(PlanTaskStatus.of(deadline: by, createdOn: created, completedOn: nil, lastReport: nil, today: d("2026-10-31")), .notStarted)
        XCTAssertEqual(PlanTaskStatus.of(deadline: by, createdOn: created, completedOn: nil, lastReport: d("2026-09-01"), today: d("2026-10-31")), .inProgress)
        XCTAssertEqual(PlanTaskStatus.of(deadline: by, createdOn: created, completedOn: nil, lastReport: d("2026-09-01"), today: d("2026-11-01")), .overdue)
        XCTAssertEqual(PlanTaskStatus.of(deadline: by, createdOn: created, completedOn: d("2026-11-20"), lastReport: nil, today: d("2026-12-01")), .done)
        XCTAssertEqual(PlanTaskStatus.of(deadline: .continuous, createdOn: created, completedOn: nil, lastReport: nil, today: d("2027-06-01")), .notStarted)
        // A quarterly task owes a report for the last whole quarter after it entered the ledger.
        XCTAssertEqual(TaskDeadline.quarterly.lastPeriod(before: d("2026-11-05"))!.start, d("2026-07-01"))
        XCTAssertEqual(TaskDeadline.quarterly.lastPeriod(before: d("2026-11-05"))!.end, d("2026-09-30"))
        XCTAssertEqual(TaskDeadline.monthly.lastPeriod(before: d("2026-01-10"))!.start, d("2025-12-01"))
        XCTAssertEqual(PlanTaskStatus.of(deadline: .quarterly, createdOn: created, completedOn: nil, lastReport: d("2026-09-18"), today: d("2026-11-05")), .inProgress)
        XCTAssertEqual(PlanTaskStatus.of(deadline: .quarterly, createdOn: created, completedOn: nil, lastReport: d("2026-06-18"), today: d("2026-11-05")), .overdue)
        XCTAssertEqual(PlanTaskStatus.of(deadline: .quarterly, createdOn: d("2026-10-01"), completedOn: nil, lastReport: nil, today: d("2026-11-05")), .notStarted)
        XCTAssertEqual(PlanTaskStatus.of(deadline: .monthly, createdOn: created, completedOn: nil, lastReport: nil, today: d("2026-11-05")), .overdue)
    }

    func testRemindersBeforeAndEscalationAfterTheDeadline() {
        let by = TaskDeadline.by(d("2026-10-31")), created = d("2026-01-15")
        func stage(_ today: String, done: String? = nil) -> TaskReminder? {
            TaskReminder.stage(deadline: by, createdOn: created, completedOn: done.map(d), lastReport: nil, today: d(today), leadDays: 7)
        }
        XCTAssertNil(stage("2026-10-23"))
        XCTAssertEqual(stage("2026-10-24"), .dueSoon(due: d("2026-10-31"), daysLeft: 7))
        XCTAssertEqual(stage("2026-10-31"), .dueSoon(due: d("2026-10-31"), daysLeft: 0))
        XCTAssertEqual(stage("2026-11-03"), .overdue(due: d("2026-10-31"), daysLate: 3))
        XCTAssertNil(stage("2026-11-03", done: "2026-10-30"))
        XCTAssertNotEqual(stage("2026-10-24")!.key, stage("2026-11-03")!.key, "a reminder and an escalation are sent once each")
        XCTAssertNil(TaskReminder.stage(deadline: .continuous, createdOn: created, completedOn: nil, lastReport: nil, today: d("2026-12-31"), leadDays: 7))
        // Monthly: reminded near the month's end unless this month's report is in; escalated for a missed month.
        XCTAssertEqual(TaskReminder.stage(deadline: .monthly, createdOn: created, completedOn: nil, lastReport: d("2026-10-20"), today: d("2026-11-25"), leadDays: 7),
                       .dueSoon(due: d("2026-11-30"), daysLeft: 5))
        XCTAssertNil(TaskReminder.stage(deadline: .monthly, createdOn: created, completedOn: nil, lastReport: d("2026-11-20"), today: d("2026-11-25"), leadDays: 7))
        XCTAssertEqual(TaskReminder.stage(deadline: .monthly, createdOn: created, completedOn: nil, lastReport: d("2026-09-20"), today: d("2026-11-10"), leadDays: 7),
                       .overdue(due: d("2026-10-31"), daysLate: 10))
    }

    func testLookBackVerdicts() {
        let by = TaskDeadline.by(d("2026-10-31")), day = d("2026-11-30")
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: d("2026-10-20"), evidenceCount: 1, reportCount: 1, reviewDay: day), .doneOnTime)
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: d("2026-11-05"), evidenceCount: 2, reportCount: 2, reviewDay: day), .doneLate)
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: d("2026-10-20"), evidenceCount: 0, reportCount: 1, reviewDay: day), .doneWithoutEvidence)
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: nil, evidenceCount: 1, reportCount: 1, reviewDay: day), .notDone)
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: nil, evidenceCount: 0, reportCount: 1, reviewDay: d("2026-10-01")), .notYetDue)
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: nil, evidenceCount: 0, reportCount: 0, reviewDay: d("2026-10-01")), .noProgress)
        // Completion after the review day is not known at the review.
        XCTAssertEqual(LookBackVerdict.of(deadline: by, completedOn: d("2026-12-05"), evidenceCount: 1, reportCount: 1, reviewDay: day), .notDone)
        XCTAssertEqual(LookBackVerdict.of(deadline: .continuous, completedOn: nil, evidenceCount: 3, reportCount: 3, reviewDay: day), .ongoing)
        XCTAssertEqual(LookBackVerdict.of(deadline: .quarterly, completedOn: nil, evidenceCount: 0, reportCount: 2, reviewDay: day), .noProgress)
        XCTAssertTrue(LookBackVerdict.notDone.isShortfall)
        XCTAssertFalse(LookBackVerdict.ongoing.isShortfall)
    }

    func testRectificationStates() {
        let today = d("2026-12-02")
        XCTAssertEqual(RectificationStatus.of(assigned: false, deadline: nil, reportedOn: nil, closedOn: nil, today: today), .unassigned)
        XCTAssertEqual(RectificationStatus.of(assigned: true, deadline: d("2026-12-02"), reportedOn: nil, closedOn: nil, today: today), .open)
        XCTAssertEqual(RectificationStatus.of(assigned: true, deadline: d("2026-12-01"), reportedOn: nil, closedOn: nil, today: today), .overdue)
        XCTAssertEqual(RectificationStatus.of(assigned: true, deadline: d("2026-12-01"), reportedOn: d("2026-11-30"), closedOn: nil, today: today), .reported)
        XCTAssertEqual(RectificationStatus.of(assigned: true, deadline: d("2026-12-01"), reportedOn: d("2026-11-30"), closedOn: d("2026-12-01"), today: today), .closed)
    }

    func testJointMeetingMidMonthOnTheNextWorkingDay() {
        let holidays: Set<CivilDate> = [d("2026-10-15")]
        let working: (CivilDate) -> Bool = { !$0.isWeekend && !holidays.contains($0) }
        let s = JointMeetingSchedule(dayOfMonth: 15)
        XCTAssertEqual(s.date(year: 2026, month: 11, isWorkingDay: working), d("2026-11-16"), "15 Nov 2026 is a Sunday")
        XCTAssertEqual(s.date(year: 2026, month: 10, isWorkingDay: working), d("2026-10-16"), "a holiday moves it on")
        XCTAssertEqual(s.next(onOrAfter: d("2026-12-02"), isWorkingDay: working), d("2026-12-15"))
        XCTAssertEqual(s.next(onOrAfter: d("2026-12-16"), isWorkingDay: working), d("2027-01-15"))
        XCTAssertEqual(JointMeetingSchedule(dayOfMonth: 40).dayOfMonth, 28)
    }

    func testIndicatorValuesSayNoDataNeverZero() {
        XCTAssertEqual(IndicatorValue.ratio(0, of: 0), .noData)
        XCTAssertEqual(IndicatorValue.noData.text, "无数据")
        XCTAssertNil(IndicatorValue.noData.number)
        XCTAssertEqual(IndicatorValue.ratio(2, of: 3).text, "66.7%（2/3）")
        XCTAssertEqual(IndicatorValue.ratio(1, of: 8).text, "12.5%（1/8）")
        XCTAssertEqual(IndicatorValue.ratio(0, of: 4).number, 0)
        XCTAssertEqual(IndicatorValue.count(3).text, "3")
        XCTAssertFalse(PlanIndicator.monitoringOpen.higherIsBetter)
        XCTAssertTrue(PlanIndicator.openDays.isCount)
    }

    func testSchemeNeedsFourPercentAndAHundredPoints() {
        let items = AssessmentScheme.parseItems("依申请按期办结，60，依申请按期办结率，100，80\n年度任务落实，40，人工")
        XCTAssertEqual(items.problems, [])
        XCTAssertEqual(items.items.count, 2)
        XCTAssertEqual(AssessmentScheme(items: items.items, performanceWeight: 4).problems(), [])
        XCTAssertEqual(AssessmentScheme(items: items.items, performanceWeight: 3.9).problems(), ["政务公开在绩效考核中的权重应不低于4%（当前3.9%）"])
        let short = AssessmentScheme.parseItems("依申请按期办结，60，依申请按期办结率")
        XCTAssertEqual(AssessmentScheme(items: short.items, performanceWeight: 5).problems(), ["评分项分值合计应为100分（当前60分）"])
        let bad = AssessmentScheme.parseItems("甲，十，人工\n乙，10，没有这个指标\n丙，10\n丁，10，人工，1，2\n戊，10，信箱按期答复率，90，90")
        XCTAssertEqual(bad.items, [])
        XCTAssertEqual(bad.problems.map { String($0.prefix(3)) }, ["第1行", "第2行", "第3行", "第4行", "第5行"])
        // Every item reads back to itself.
        let round = AssessmentScheme.parseItems(items.items.map(AssessmentScheme.line).joined(separator: "\n"))
        XCTAssertEqual(round.items, items.items)
        // A count where fewer is better gets full points at 0 by default.
        XCTAssertEqual(AssessmentScheme.parseItems("监测，10，网站监测未消除问题（个）").items.first?.rule, .indicator(.monitoringOpen, fullAt: 0, zeroAt: 20))
    }

    func testScoringTotalsAndRanking() {
        let item = AssessmentScheme.Item(name: "按期办结", points: 15, rule: .indicator(.applicationsOnTime, fullAt: 100, zeroAt: 80))
        XCTAssertEqual(AssessmentScheme.score(item, value: .rate(numerator: 9, denominator: 10)), 7.5)
        XCTAssertEqual(AssessmentScheme.score(item, value: .rate(numerator: 10, denominator: 10)), 15)
        XCTAssertEqual(AssessmentScheme.score(item, value: .rate(numerator: 7, denominator: 10)), 0)
        XCTAssertNil(AssessmentScheme.score(item, value: .noData))
        let fewer = AssessmentScheme.Item(name: "监测", points: 10, rule: .indicator(.monitoringOpen, fullAt: 0, zeroAt: 20))
        XCTAssertEqual(AssessmentScheme.score(fewer, value: .count(5)), 7.5)
        XCTAssertEqual(AssessmentScheme.score(fewer, value: .count(30)), 0)
        XCTAssertNil(AssessmentScheme.score(.init(name: "人工", points: 20, rule: .manual), value: .count(1)))
        XCTAssertEqual(AssessmentScheme.total(itemPoints: [7.5, 18], deductions: [2], bonuses: [6, 6]), 33.5, "bonus capped at 10")
        XCTAssertEqual(AssessmentScheme.total(itemPoints: [1], deductions: [5], bonuses: []), 0)
        XCTAssertEqual(AssessmentScheme.ranks([80, 92.5, 80, 70, 92.504]), [3, 1, 3, 5, 1])
        XCTAssertEqual(AssessmentScheme.format(33.5), "33.5")
        XCTAssertEqual(AssessmentScheme.format(7.25), "7.25")
        XCTAssertEqual(AssessmentScheme.format(20), "20")
    }

    func testSatisfactionFromQuestionnaireAnswers() {
        let t = SatisfactionTally.count([["满意"], ["基本满意", "其他意见"], ["不满意"], ["未接触过"], ["满意", "不满意"]])
        XCTAssertEqual(t.satisfied, 2)
        XCTAssertEqual(t.counted, 4)
    }

    final class SVGCheck: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func parse(_ svg: String) -> SVGCheck? {
        let check = SVGCheck()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    func testChartsAreWellFormedSVGWithTextAlternatives() {
        let bars = SVGChart.bars(id: "rank", title: "按期办结率 <各单位>", description: "民政局 100%，财政局 无数据",
                                 bars: [.init(label: "县民政局", value: 100, text: "100.0%"), .init(label: "县财政局&<b>", value: nil, text: "无数据"),
                                        .init(label: "县人社局", value: 50, text: "50.0%")], maxValue: 100)
        let b = parse(bars)
        XCTAssertNotNil(b, "the ranking chart must be well-formed XML")
        XCTAssertEqual(b?.elements.first, "svg")
        XCTAssertEqual(b?.elements.filter { $0 == "rect" }.count, 2, "a unit without data gets no bar")
        XCTAssertTrue(b?.text.contains("按期办结率 <各单位>") ?? false)
        XCTAssertTrue(b?.text.contains("无数据") ?? false)
        XCTAssertTrue(bars.contains("role=\"img\"") && bars.contains("aria-labelledby=\"rank-t rank-d\""))
        XCTAssertTrue(bars.contains("width=\"330\""), "100 % fills the bar width")
        XCTAssertTrue(bars.contains("width=\"165\""), "50 % fills half")
        let trend = SVGChart.trend(id: "trend\"x", title: "逐月", description: "1月 50%", points: [.init(label: "1月", value: 50), .init(label: "2月", value: nil),
                                                                                                .init(label: "3月", value: 100), .init(label: "4月", value: 80)], maxValue: 100)
        let t = parse(trend)
        XCTAssertNotNil(t, "the trend chart must be well-formed XML")
        XCTAssertEqual(t?.elements.filter { $0 == "circle" }.count, 3)
        XCTAssertEqual(t?.elements.filter { $0 == "polyline" }.count, 1, "the missing month breaks the line; a single point draws none")
        XCTAssertFalse(trend.contains("trend\"x"), "the id is cleaned")
    }
}
