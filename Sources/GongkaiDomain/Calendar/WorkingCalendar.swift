import Foundation

/// Working days on the official calendar: weekends and statutory holidays off, 调休 weekend days on.
/// Periods start the day after the triggering event (民法典 Art. 201). Outside the years the schedule
/// knows, only weekends are known: such results are flagged `provisional`, never guessed silently.
public struct WorkingCalendar: Sendable {
    public let schedule: HolidaySchedule

    public init(schedule: HolidaySchedule) { self.schedule = schedule }

    /// A date computed from the calendar, and whether it relied on a year without a known schedule.
    public struct Reckoning: Sendable, Equatable {
        public let date: CivilDate
        public let provisional: Bool
    }

    public func isKnown(_ d: CivilDate) -> Bool { schedule.years.contains(d.year) }

    /// Statutory holidays on fixed calendar dates (全国年节及纪念日放假办法, as revised 2024, from 2025):
    /// 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October. In a year whose schedule is not yet known these
    /// are certainly days off (the lunar holidays and the 调休 are not known and stay provisional).
    public static let fixedHolidays: [(month: Int, day: Int)] = [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)]

    public func isWorkingDay(_ d: CivilDate) -> Bool {
        if let e = schedule.entries[d] { return e.kind == .workday }
        if !isKnown(d), Self.fixedHolidays.contains(where: { $0.month == d.month && $0.day == d.day }) { return false }
        return !d.isWeekend
    }

    /// The `n`-th working day after `start` (the day of `start` itself is not counted). n ≥ 1.
    public func addingWorkingDays(_ n: Int, after start: CivilDate) -> Reckoning {
        precondition(n >= 1, "count at least one working day")
        var d = start
        var counted = 0
        var provisional = false
        while counted < n {
            d = d.adding(days: 1)
            if !isKnown(d) { provisional = true }
            if isWorkingDay(d) { counted += 1 }
        }
        return Reckoning(date: d, provisional: provisional)
    }

    public func nextWorkingDay(after d: CivilDate) -> Reckoning { addingWorkingDays(1, after: d) }

    /// Working days in (start, end]: how many have passed by the end of `end`. Zero when end ≤ start.
    public func workingDays(after start: CivilDate, through end: CivilDate) -> (count: Int, provisional: Bool) {
        guard end > start else { return (0, false) }
        var count = 0
        var provisional = false
        var d = start.adding(days: 1)
        while d <= end {
            if !isKnown(d) { provisional = true }
            if isWorkingDay(d) { count += 1 }
            d = d.adding(days: 1)
        }
        return (count, provisional)
    }

    /// End of a period counted in calendar days: if it falls on a statutory holiday (or a weekend day
    /// that is not a 调休 working day), it moves to the next working day (民法典 Art. 203).
    public func addingCalendarDays(_ n: Int, after start: CivilDate) -> Reckoning {
        var d = start.adding(days: n)
        var provisional = !isKnown(d)
        while !isWorkingDay(d) {
            d = d.adding(days: 1)
            if !isKnown(d) { provisional = true }
        }
        return Reckoning(date: d, provisional: provisional)
    }

    /// The derivation in words, e.g.
    /// "9月28日收到，次日起算；10月1日至7日休；10月10日调休上班；第20个工作日为10月30日".
    public func explainWorkingDays(_ n: Int, after start: CivilDate, event: String = "收到") -> String {
        let result = addingWorkingDays(n, after: start)
        let withYear = start.year != result.date.year
        var parts = ["\(start.chinese(withYear: withYear))\(event)，次日起算"]
        parts += specialDayClauses(after: start, through: result.date, withYear: withYear)
        parts.append("第\(n)个工作日为\(result.date.chinese(withYear: withYear))")
        var text = parts.joined(separator: "；")
        if result.provisional {
            let unknown = Set((start.year...result.date.year).filter { !schedule.years.contains($0) }).sorted()
            text += "（注：\(unknown.map { "\($0)年" }.joined(separator: "、"))节假日安排尚未登记，暂按双休日和元旦、劳动节、国庆节的法定日期计算）"
        }
        return text
    }

    /// The holidays (grouped into runs, "10月1日至7日休") and 调休 working days ("10月10日调休上班")
    /// in (start, end], as clauses of a derivation.
    public func specialDayClauses(after start: CivilDate, through end: CivilDate, withYear: Bool) -> [String] {
        var out: [String] = []
        var run: (from: CivilDate, to: CivilDate)?
        func closeRun() {
            if let r = run { out.append(Self.span(r.from, r.to, withYear: withYear) + "休") }
            run = nil
        }
        var d = start.adding(days: 1)
        while d <= end {
            if let entry = schedule.entries[d] {
                switch entry.kind {
                case .holiday:
                    if let r = run, r.to.adding(days: 1) == d { run = (r.from, d) } else { closeRun(); run = (d, d) }
                case .workday:
                    closeRun()
                    out.append("\(d.chinese(withYear: withYear))调休上班")
                }
            }
            d = d.adding(days: 1)
        }
        closeRun()
        return out
    }

    static func span(_ a: CivilDate, _ b: CivilDate, withYear: Bool) -> String {
        if a == b { return a.chinese(withYear: withYear) }
        if a.year == b.year && a.month == b.month { return "\(a.chinese(withYear: withYear))至\(b.day)日" }
        return "\(a.chinese(withYear: withYear))至\(b.chinese(withYear: withYear && a.year != b.year))"
    }

    /// The schedule shipped with Gongkai (2019–2026, from the State Council's notices).
    public static let shipped: WorkingCalendar = {
        guard let url = Bundle.module.url(forResource: "holidays-cn", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              case .success(let schedule) = HolidaySchedule.parseCSV(text) else {
            fatalError("the shipped holiday schedule is missing or invalid: a packaging error")
        }
        return WorkingCalendar(schedule: schedule)
    }()
}
