import Foundation

/// 在线访谈: announced with its guests and time, questions taken in advance and moderated, the
/// transcript published live during the session, and questions left open answered within a few
/// working days afterwards (configurable; 5 by default).
public enum InterviewState: String, CaseIterable, Sendable {
    case draft
    case announced
    case live
    case ended

    public var label: String {
        switch self {
        case .draft: return "未发布"
        case .announced: return "预告中"
        case .live: return "正在直播"
        case .ended: return "已结束"
        }
    }

    public var isPublic: Bool { self != .draft }
    /// Citizens may send questions from the announcement until the session ends.
    public var acceptsQuestions: Bool { self == .announced || self == .live }
    /// Staff write the transcript only during the session.
    public var takesTranscript: Bool { self == .live }

    /// The one step forward from each state, with its action's label.
    public var next: (state: InterviewState, action: String)? {
        switch self {
        case .draft: return (.announced, "发布预告")
        case .announced: return (.live, "开始访谈")
        case .live: return (.ended, "结束访谈")
        case .ended: return nil
        }
    }
}

public enum QuestionModeration: String, CaseIterable, Sendable {
    case pending
    case approved
    case rejected

    public var label: String {
        switch self {
        case .pending: return "待审核"
        case .approved: return "已采用"
        case .rejected: return "未采用"
        }
    }
}

public enum InterviewFollowUp {
    /// The day open questions must be answered by: `days` working days after the session ended.
    public static func due(endedOn: CivilDate, days: Int, calendar: WorkingCalendar) -> CivilDate {
        calendar.addingWorkingDays(days, after: endedOn).date
    }

    /// Approved questions still unanswered after the session, and whether their day has passed.
    public static func overdue(due: CivilDate, today: CivilDate, unanswered: Int) -> Bool { unanswered > 0 && today > due }
}
