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

    public init(majorFirstInformationHours: Int, majorPressConferenceHours: Int, ordinaryResponseHours: Int) {
        self.majorFirstInformationHours = majorFirstInformationHours
        self.majorPressConferenceHours = majorPressConferenceHours
        self.ordinaryResponseHours = ordinaryResponseHours
    }

    /// "5,24,48": hours for a major event's first authoritative information, its press conference,
    /// and an ordinary response (each 1–720, the first no later than the second).
    public static func parse(_ raw: String) -> Result<OpinionLimits, OpinionLimitsError> {
        let parts = raw.split(whereSeparator: { $0 == "," || $0 == "，" }).map { String($0).trimmingSpaces() }
        let numbers = parts.compactMap { p -> Int? in
            guard (1...3).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), (1...720).contains(n) else { return nil }
            return n
        }
        guard parts.count == 3, numbers.count == 3 else {
            return .failure(.init(message: "应写成三个1到720之间的小时数，如“5,24,48”（重大突发事件发布权威信息、召开新闻发布会、一般舆情回应）"))
        }
        guard numbers[0] <= numbers[1] else { return .failure(.init(message: "发布权威信息的时限不能晚于召开新闻发布会的时限")) }
        return .success(OpinionLimits(majorFirstInformationHours: numbers[0], majorPressConferenceHours: numbers[1], ordinaryResponseHours: numbers[2]))
    }

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

    /// Each deadline of the level against the responses recorded so far, as of `now`. The first
    /// deadline is met by any release (information, press conference or statement; a progress
    /// report follows one and does not count); a major event's second only by a press conference.
    public func checks(_ level: OpinionLevel, knownAt: Date, responses: [(kind: OpinionResponseKind, at: Date)], now: Date) -> [OpinionCheck] {
        deadlines(level, knownAt: knownAt).enumerated().map { n, d in
            let counts: (OpinionResponseKind) -> Bool = level == .major && n == 1 ? { $0 == .pressConference } : { $0 != .progress }
            let met = responses.filter { counts($0.kind) }.map(\.at).min()
            let outcome: OpinionCheck.Outcome
            if let met { outcome = met <= d.due ? .onTime(met) : .late(met) } else { outcome = now > d.due ? .missed : .pending }
            return OpinionCheck(what: d.what, due: d.due, outcome: outcome)
        }
    }
}

public struct OpinionLimitsError: Error, Equatable, Sendable {
    public let message: String
}

/// What a response was: the first deadline asks for a release, a major event's second for a
/// press conference; progress reports keep the public informed afterwards.
public enum OpinionResponseKind: String, CaseIterable, Sendable {
    case information
    case pressConference = "press_conference"
    case statement
    case progress

    public var label: String {
        switch self {
        case .information: return "发布权威信息"
        case .pressConference: return "召开新闻发布会"
        case .statement: return "回应说明"
        case .progress: return "发布后续进展"
        }
    }
}

/// One deadline of an event and whether it was met.
public struct OpinionCheck: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case onTime(Date)
        case late(Date)
        /// Not met and not yet due.
        case pending
        /// Not met and past due.
        case missed
    }

    public let what: String
    public let due: Date
    public let outcome: Outcome

    public var isLateOrMissed: Bool {
        switch outcome {
        case .late, .missed: return true
        case .onTime, .pending: return false
        }
    }

    public var label: String {
        switch outcome {
        case .onTime: return "按时"
        case .late: return "超时"
        case .pending: return "未到期"
        case .missed: return "已超时未回应"
        }
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

    /// Kept: done on or before its due day.
    public static func kept(due: CivilDate, doneOn: CivilDate?) -> Bool { doneOn.map { $0 <= due } ?? false }
}
