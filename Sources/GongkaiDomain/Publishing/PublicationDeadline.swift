/// 条例 Art. 26: information in the proactive scope is published within 20 working days of being
/// formed or changed. The day it was formed is not counted.
public struct PublicationDeadline: Sendable, Equatable {
    public static let workingDays = 20

    public let formedOn: CivilDate
    public let dueDate: CivilDate
    /// The calendar had no schedule for part of the period: weekends only were counted there.
    public let provisional: Bool

    public init(formedOn: CivilDate, calendar: WorkingCalendar) {
        self.formedOn = formedOn
        let r = calendar.addingWorkingDays(Self.workingDays, after: formedOn)
        self.dueDate = r.date
        self.provisional = r.provisional
    }

    /// Working days published after the limit (0 when on time).
    public func daysLate(publishedOn: CivilDate, calendar: WorkingCalendar) -> Int {
        guard publishedOn > dueDate else { return 0 }
        return calendar.workingDays(after: dueDate, through: publishedOn).count
    }

    public func isLate(publishedOn: CivilDate) -> Bool { publishedOn > dueDate }
}
