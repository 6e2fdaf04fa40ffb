/// Which deadline message, if any, an open case calls for: a reminder to its handlers when the due
/// date is `leadDays` working days away or nearer, an escalation to the disclosure office once it
/// has passed. Each is sent once per due date (a new due date after an extension or pause is a
/// new occasion).
public enum DeadlineReminder: String, Sendable, CaseIterable {
    case dueSoon = "due_soon"
    case overdue = "overdue"

    /// `workingDaysLeft`: working days after today through the due date. A due date that has passed
    /// is overdue even on a weekend right after it, when no working day has yet gone by.
    public static func due(dueDate: CivilDate, today: CivilDate, workingDaysLeft: Int, leadDays: Int) -> DeadlineReminder? {
        if dueDate < today { return .overdue }
        return workingDaysLeft <= leadDays ? .dueSoon : nil
    }

    public var label: String {
        switch self {
        case .dueSoon: return "即将到期提醒"
        case .overdue: return "超期督办"
        }
    }
}
