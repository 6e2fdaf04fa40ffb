/// The stages of a 重大行政决策 (重大行政决策程序暂行条例 Chapters 2–4) as a decision list entry moves
/// through them. A stage is entered on a date; the order is fixed, public comment may be skipped
/// (it then counts against the 预公开率), and deliberation waits for the legality review's
/// 7 working days (Art. 26).
public enum DecisionStage: String, CaseIterable, Sendable, Comparable {
    case drafting
    case consultation
    case legalityReview = "legality_review"
    case deliberation
    case announced
    case evaluation

    public var label: String {
        switch self {
        case .drafting: return "拟定"
        case .consultation: return "预公开/征求意见"
        case .legalityReview: return "合法性审查"
        case .deliberation: return "审议"
        case .announced: return "公布"
        case .evaluation: return "评估"
        }
    }

    var position: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: DecisionStage, b: DecisionStage) -> Bool { a.position < b.position }

    /// The stages that may follow this one.
    public var successors: [DecisionStage] {
        switch self {
        case .drafting: return [.consultation, .legalityReview]
        case .consultation: return [.legalityReview]
        case .legalityReview: return [.deliberation]
        case .deliberation: return [.announced]
        case .announced: return [.evaluation]
        case .evaluation: return []
        }
    }

    /// Why the decision may not move from `self` to `next` on `day` (nil: it may). `entered` is the
    /// day each stage was entered so far.
    public func problem(movingTo next: DecisionStage, on day: CivilDate, entered: [DecisionStage: CivilDate],
                        calendar: WorkingCalendar) -> String? {
        guard successors.contains(next) else {
            return "“\(label)”之后不能进入“\(next.label)”阶段"
        }
        if let since = entered[self], day < since {
            return "日期不能早于进入“\(label)”阶段的日期（\(since.chinese(withYear: true))）"
        }
        if next == .deliberation, let started = entered[.legalityReview] {
            let end = ParticipationPeriod.earliestLegalityReviewEnd(startedOn: started, calendar: calendar)
            if day < end.date {
                return "合法性审查一般不少于7个工作日（《重大行政决策程序暂行条例》第二十六条），自\(started.chinese(withYear: true))送审，"
                    + "最早可于\(end.date.chinese(withYear: true))提请审议" + (end.provisional ? "（暂算）" : "")
            }
        }
        return nil
    }
}
