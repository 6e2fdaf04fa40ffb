import Foundation
import XCTest
@testable import GongkaiDomain

final class WorkingCalendarTests: XCTestCase {
    let cal = WorkingCalendar.shipped

    /// The shipped file read independently: plain string sets, no domain parsing.
    static let raw: (holidays: Set<String>, workdays: Set<String>) = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/GongkaiDomain/Resources/holidays-cn.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        var h: Set<String> = [], w: Set<String> = []
        for line in text.split(separator: "\n").dropFirst() {
            let c = line.split(separator: ",")
            if c[1] == "holiday" { h.insert(String(c[0])) } else { w.insert(String(c[0])) }
        }
        return (h, w)
    }()

    static let gregorian: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return c
    }()

    /// Built from Foundation's calendar components (independent of CivilDate).
    static func iso(_ d: Date) -> String {
        let c = gregorian.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Independent reference: Foundation's calendar plus the raw sets.
    static func referenceIsWorking(_ d: Date) -> Bool {
        let s = iso(d)
        if raw.holidays.contains(s) { return false }
        if raw.workdays.contains(s) { return true }
        let wd = gregorian.component(.weekday, from: d)
        return wd != 1 && wd != 7
    }

    func testCivilDateArithmeticMatchesFoundation() {
        var date = Self.gregorian.date(from: DateComponents(year: 2018, month: 12, day: 25))!
        var civil = CivilDate(year: 2018, month: 12, day: 25)!
        for _ in 0..<3300 {
            XCTAssertEqual(civil.description, Self.iso(date))
            let wd = Self.gregorian.component(.weekday, from: date) // 1 = Sunday
            XCTAssertEqual(civil.weekday, wd == 1 ? 7 : wd - 1)
            XCTAssertEqual(CivilDate(dayNumber: civil.dayNumber), civil)
            date = Self.gregorian.date(byAdding: .day, value: 1, to: date)!
            civil = civil.adding(days: 1)
        }
        XCTAssertNil(CivilDate(iso: "2026-02-29"))
        XCTAssertNotNil(CivilDate(iso: "2024-02-29"))
        XCTAssertNil(CivilDate(iso: "2026-13-01"))
        XCTAssertNil(CivilDate(iso: "26-1-1"))
    }

    func testEveryHolidayAndEveryAdjustedWorkdayOf2019To2026() {
        XCTAssertEqual(cal.schedule.years, Set(2019...2026))
        XCTAssertGreaterThan(Self.raw.holidays.count, 200)
        XCTAssertGreaterThan(Self.raw.workdays.count, 40)
        for s in Self.raw.holidays { XCTAssertFalse(cal.isWorkingDay(CivilDate(iso: s)!), "\(s) is a holiday") }
        for s in Self.raw.workdays {
            let d = CivilDate(iso: s)!
            XCTAssertTrue(d.isWeekend, "\(s): 调休 days are weekend days")
            XCTAssertTrue(cal.isWorkingDay(d), "\(s) is a 调休 working day")
        }
        // Every other day of those years: working exactly when Monday–Friday.
        var d = CivilDate(year: 2019, month: 1, day: 1)!
        while d.year <= 2026 {
            if !Self.raw.holidays.contains(d.description) && !Self.raw.workdays.contains(d.description) {
                XCTAssertEqual(cal.isWorkingDay(d), !d.isWeekend, d.description)
            }
            d = d.adding(days: 1)
        }
    }

    func testTheStatutoryExample() {
        let r = cal.addingWorkingDays(20, after: CivilDate(iso: "2026-09-28")!)
        XCTAssertEqual(r, .init(date: CivilDate(iso: "2026-10-30")!, provisional: false))
        XCTAssertEqual(cal.explainWorkingDays(20, after: CivilDate(iso: "2026-09-28")!),
                       "9月28日收到，次日起算；10月1日至7日休；10月10日调休上班；第20个工作日为10月30日")
    }

    func testSpringFestivalAcrossMonthsAndYears() {
        // 2026 春节: check the derivation groups the run and names the 调休 days.
        let start = CivilDate(iso: "2026-02-10")!
        let text = cal.explainWorkingDays(10, after: start)
        XCTAssertTrue(text.hasPrefix("2月10日收到，次日起算；"), text)
        XCTAssertTrue(text.contains("休"), text)
        let crossYear = cal.explainWorkingDays(5, after: CivilDate(iso: "2025-12-29")!)
        XCTAssertTrue(crossYear.hasPrefix("2025年12月29日收到"), crossYear)
        XCTAssertTrue(crossYear.contains("2026年1月1日"), crossYear)
    }

    func testBeyondTheKnownYearsResultsAreProvisionalAndSaySo() {
        let r = cal.addingWorkingDays(20, after: CivilDate(iso: "2026-12-20")!)
        XCTAssertTrue(r.provisional)
        XCTAssertTrue(cal.explainWorkingDays(20, after: CivilDate(iso: "2026-12-20")!).contains("2027年节假日安排尚未登记"))
        XCTAssertFalse(cal.addingWorkingDays(5, after: CivilDate(iso: "2026-12-01")!).provisional)
        // Once the year is added, the result is firm.
        var schedule = cal.schedule
        schedule.replaceYear(2027, with: [.init(date: CivilDate(iso: "2027-01-01")!, kind: .holiday, name: "元旦")])
        let firm = WorkingCalendar(schedule: schedule).addingWorkingDays(20, after: CivilDate(iso: "2026-12-20")!)
        XCTAssertFalse(firm.provisional)
        XCTAssertEqual(firm.date, CivilDate(iso: "2027-01-18")!)
    }

    /// Issue 11.16: in a year not yet known, 1 January (and 1–2 May, 1–3 October) are still days off.
    func testFixedDateHolidaysAreHolidaysInAnUnknownYear() {
        // 2027-01-01 is a Friday: not a working day even before the 2027 schedule is known.
        XCTAssertFalse(cal.isWorkingDay(CivilDate(iso: "2027-01-01")!))
        XCTAssertTrue(cal.isWorkingDay(CivilDate(iso: "2027-01-04")!))
        for day in ["2027-05-03", "2027-10-04"] { XCTAssertTrue(cal.isWorkingDay(CivilDate(iso: day)!) || CivilDate(iso: day)!.isWeekend) }
        XCTAssertFalse(cal.isWorkingDay(CivilDate(iso: "2027-10-01")!))
        // 2026-12-31 (Thursday) + 1 working day: Friday 1 January is skipped, Monday 4 January, still 暂算.
        let r = cal.addingWorkingDays(1, after: CivilDate(iso: "2026-12-31")!)
        XCTAssertEqual(r.date, CivilDate(iso: "2027-01-04")!)
        XCTAssertTrue(r.provisional)
        XCTAssertTrue(cal.explainWorkingDays(1, after: CivilDate(iso: "2026-12-31")!).contains("元旦、劳动节、国庆节的法定日期"))
    }

    func testThousandsOfRandomPeriodsAgreeWithAnIndependentCount() {
        var rng = SystemRandomNumberGenerator()
        let first = Self.gregorian.date(from: DateComponents(year: 2019, month: 1, day: 1))!
        for _ in 0..<3000 {
            let offset = Int.random(in: 0..<(365 * 8 - 60), using: &rng)
            let n = Int.random(in: 1...40, using: &rng)
            let startDate = Self.gregorian.date(byAdding: .day, value: offset, to: first)!
            // Reference: walk day by day with Foundation.
            var d = startDate
            var counted = 0
            while counted < n {
                d = Self.gregorian.date(byAdding: .day, value: 1, to: d)!
                if Self.referenceIsWorking(d) { counted += 1 }
            }
            let start = CivilDate(iso: Self.iso(startDate))!
            let got = cal.addingWorkingDays(n, after: start)
            XCTAssertEqual(got.date.description, Self.iso(d), "\(n) working days after \(start)")
            XCTAssertEqual(cal.workingDays(after: start, through: got.date).count, n)
            XCTAssertEqual(cal.workingDays(after: start, through: got.date.adding(days: -1)).count, n - 1)
        }
    }

    func testCalendarDayPeriodsEndingOnAHolidayMoveToTheNextWorkingDay() {
        // 30 days after 2026-09-01 is 10-01 (国庆): the period ends on 10-08.
        XCTAssertEqual(cal.addingCalendarDays(30, after: CivilDate(iso: "2026-09-01")!).date, CivilDate(iso: "2026-10-08")!)
        // Ending on a 调休 Saturday: that is a working day, so it stays.
        XCTAssertEqual(cal.addingCalendarDays(9, after: CivilDate(iso: "2026-10-01")!).date, CivilDate(iso: "2026-10-10")!)
        XCTAssertEqual(cal.nextWorkingDay(after: CivilDate(iso: "2026-09-30")!).date, CivilDate(iso: "2026-10-08")!)
    }

    func testScheduleImportReportsEveryBadLine() {
        let bad = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-01-04,workday,元旦\n2027-01-01,休,元旦\nx\n2027-02-06,假,春节"
        guard case .failure(let failure) = HolidaySchedule.parseCSV(bad) else { return XCTFail() }
        let problems = failure.problems
        XCTAssertEqual(problems.map(\.line), [3, 4, 5, 6, 7])
        XCTAssertTrue(problems[0].message.contains("日期“2027-02-30”无效"))
        XCTAssertTrue(problems[1].message.contains("本来就是工作日"))
        XCTAssertTrue(problems[2].message.contains("重复"))
        guard case .success(let ok) = HolidaySchedule.parseCSV("2027-01-01,休,元旦\n2027-02-07,班,春节\n") else { return XCTFail() }
        XCTAssertEqual(ok.years, [2027])
        XCTAssertEqual(ok.entries[CivilDate(iso: "2027-02-07")!]?.kind, .workday)
    }
}
