/// Where a consultation stands on a given day: it opens and closes by its dates, with no one having
/// to press a button (the public page and the comment form follow the day).
public enum ConsultationPhase: String, Sendable, Equatable {
    case scheduled
    case open
    case closed

    public var label: String {
        switch self {
        case .scheduled: return "尚未开始"
        case .open: return "正在征求意见"
        case .closed: return "已结束"
        }
    }

    /// Comments are taken from the opening day through the closing day, both included.
    public static func on(_ day: CivilDate, opensOn: CivilDate, closesOn: CivilDate) -> ConsultationPhase {
        if day < opensOn { return .scheduled }
        return day > closesOn ? .closed : .open
    }

    /// Calendar days left including today (1 on the closing day), for "还剩N天".
    public static func daysLeft(on day: CivilDate, closesOn: CivilDate) -> Int {
        max(0, closesOn.dayNumber - day.dayNumber + 1)
    }
}
