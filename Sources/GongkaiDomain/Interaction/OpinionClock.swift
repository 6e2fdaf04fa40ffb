import Foundation

/// 政务舆情回应 (国办发〔2016〕61号 and its 实施细则 80号, law.md §5): for 特别重大、重大突发事件,
/// authoritative information within 5 hours and a press conference within 24 hours; other 政务舆情
/// answered within 48 hours. The hours run on the clock, through nights and holidays. Counties may
/// set other limits (`OpinionLimits`).
public enum OpinionLevel: String, CaseIterable, Sendable {
    case major
    case ordinary

    public var label: String { self == .major ? "特别重大、重大突发事件" : "一般政务舆情" }
}

public struct OpinionLimits: Sendable, Equatable {
    public var majorFirstInformationHours = 5
    public var majorPressConferenceHours = 24
    public var ordinaryResponseHours = 48

    public init() {}

    /// What must happen by when after an event became known at `knownAt`.
    public func deadlines(_ level: OpinionLevel, knownAt: Date) -> [(what: String, due: Date)] {
        switch level {
        case .major:
            return [("发布权威信息", knownAt.addingTimeInterval(Double(majorFirstInformationHours) * 3600)),
                    ("召开新闻发布会", knownAt.addingTimeInterval(Double(majorPressConferenceHours) * 3600))]
        case .ordinary:
            return [("回应", knownAt.addingTimeInterval(Double(ordinaryResponseHours) * 3600))]
        }
    }

    /// Whether a response at `respondedAt` met the first deadline of its level.
    public func onTime(_ level: OpinionLevel, knownAt: Date, respondedAt: Date) -> Bool {
        respondedAt <= deadlines(level, knownAt: knownAt)[0].due
    }
}

/// A promise made in a response (what, by whom, by when), tracked to completion and to the
/// publication of its result.
public enum CommitmentState: String, CaseIterable, Sendable {
    case open
    case done
    case published

    public var label: String {
        switch self {
        case .open: return "办理中"
        case .done: return "已完成，待公开结果"
        case .published: return "已完成并公开"
        }
    }

    /// Overdue: not done by its due day.
    public func isOverdue(due: CivilDate, today: CivilDate) -> Bool { self == .open && today > due }
}
