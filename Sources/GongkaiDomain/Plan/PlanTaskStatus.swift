/// Where a task of the plan stands (未开始/推进中/已完成/逾期), derived from its deadline, its progress
/// reports and whether the unit reported it done; never stored, so it cannot drift from the facts.
public enum PlanTaskStatus: String, Sendable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case overdue

    public var label: String {
        switch self {
        case .notStarted: return "未开始"
        case .inProgress: return "推进中"
        case .done: return "已完成"
        case .overdue: return "逾期"
        }
    }

    /// - Parameters:
    ///   - createdOn: the day the task entered the ledger (a recurring task owes nothing for periods before it).
    ///   - lastReport: the day of the latest progress report, if any.
    public static func of(deadline: TaskDeadline, createdOn: CivilDate, completedOn: CivilDate?, lastReport: CivilDate?,
                          today: CivilDate) -> PlanTaskStatus {
        if completedOn != nil { return .done }
        switch deadline {
        case .by(let d):
            if today > d { return .overdue }
        case .continuous:
            break
        case .monthly, .quarterly:
            // A recurring task owes a report for the last period that ended after it was created.
            if let owed = deadline.lastPeriod(before: today), owed.end >= createdOn,
               (lastReport.map { $0 < owed.start }) ?? true {
                return .overdue
            }
        }
        return lastReport == nil ? .notStarted : .inProgress
    }
}

extension TaskDeadline {
    /// The latest whole month or quarter that ended before `today` (recurring tasks only).
    public func lastPeriod(before today: CivilDate) -> (start: CivilDate, end: CivilDate)? {
        let months: Int
        switch self {
        case .monthly: months = 1
        case .quarterly: months = 3
        default: return nil
        }
        let currentStartMonth = (today.month - 1) / months * months + 1
        let currentStart = CivilDate(year: today.year, month: currentStartMonth, day: 1)!
        let end = currentStart.adding(days: -1)
        let startMonth = (end.month - 1) / months * months + 1
        return (CivilDate(year: end.year, month: startMonth, day: 1)!, end)
    }
}

/// Reminders before a task's deadline and escalation after it. Each stage is sent once per due day
/// (`key`), so the daily job can run any number of times.
public enum TaskReminder: Sendable, Equatable {
    case dueSoon(due: CivilDate, daysLeft: Int)
    case overdue(due: CivilDate, daysLate: Int)

    /// After the deadline: the office hears of it too.
    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }

    public var key: String {
        switch self {
        case .dueSoon(let due, _): return "soon:\(due)"
        case .overdue(let due, _): return "late:\(due)"
        }
    }

    /// nil when nothing is to be said today. `leadDays` days before the due day the unit is reminded;
    /// from the day after it the office is told as well.
    public static func stage(deadline: TaskDeadline, createdOn: CivilDate, completedOn: CivilDate?, lastReport: CivilDate?,
                             today: CivilDate, leadDays: Int) -> TaskReminder? {
        guard completedOn == nil else { return nil }
        switch deadline {
        case .continuous:
            return nil
        case .by(let d):
            if today > d { return .overdue(due: d, daysLate: today.dayNumber - d.dayNumber) }
            let left = d.dayNumber - today.dayNumber
            return left <= leadDays ? .dueSoon(due: d, daysLeft: left) : nil
        case .monthly, .quarterly:
            if PlanTaskStatus.of(deadline: deadline, createdOn: createdOn, completedOn: nil, lastReport: lastReport, today: today) == .overdue,
               let owed = deadline.lastPeriod(before: today) {
                return .overdue(due: owed.end, daysLate: today.dayNumber - owed.end.dayNumber)
            }
            guard let due = deadline.due(after: today) else { return nil }
            let periodStart = deadline.lastPeriod(before: due.adding(days: 1))?.start ?? today
            if let last = lastReport, last >= periodStart { return nil }
            let left = due.dayNumber - today.dayNumber
            return left <= leadDays ? .dueSoon(due: due, daysLeft: left) : nil
        }
    }
}
