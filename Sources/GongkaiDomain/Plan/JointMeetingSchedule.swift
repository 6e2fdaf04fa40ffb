/// When the monthly 联席会议 (定远 000: held mid-month) falls: the configured day of the month, moved
/// to the next working day when it is a weekend or holiday.
public struct JointMeetingSchedule: Sendable {
    public let dayOfMonth: Int

    public init(dayOfMonth: Int) {
        self.dayOfMonth = min(max(dayOfMonth, 1), 28)
    }

    public func date(year: Int, month: Int, isWorkingDay: (CivilDate) -> Bool) -> CivilDate {
        var d = CivilDate(year: year, month: month, day: dayOfMonth)!
        // Bounded: no run of non-working days is longer than the Spring Festival's.
        for _ in 0..<15 where !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// This month's meeting if it is still ahead (or today), else next month's.
    public func next(onOrAfter today: CivilDate, isWorkingDay: (CivilDate) -> Bool) -> CivilDate {
        let this = date(year: today.year, month: today.month, isWorkingDay: isWorkingDay)
        if this >= today { return this }
        return today.month == 12 ? date(year: today.year + 1, month: 1, isWorkingDay: isWorkingDay)
            : date(year: today.year, month: today.month + 1, isWorkingDay: isWorkingDay)
    }
}
