/// The shortest periods of public participation in a decision (重大行政决策程序暂行条例 and the
/// comment-period rules, law.md §4), as checks a form can run before a consultation opens. Periods
/// in days start the day after the triggering day and a last day on a holiday moves to the next
/// working day (民法典 Arts. 201, 203: `WorkingCalendar.addingCalendarDays`).
public enum ParticipationPeriod {
    /// What is put out for comment; each has its own minimum period.
    public enum Subject: String, CaseIterable, Sendable {
        /// 重大行政决策草案 (Art. 15): generally ≥ 30 days; shorter when urgent, with the reason stated.
        case majorDecision = "major_decision"
        /// 规章草案: generally ≥ 30 days.
        case regulation
        /// 行政规范性文件 with major effect on rights or livelihoods: ≥ 7 working days.
        case normativeDocument = "normative_document"
        /// Documents closely tied to market entities' business: ≥ 30 days.
        case marketRelated = "market_related"

        public var label: String {
            switch self {
            case .majorDecision: return "重大行政决策草案"
            case .regulation: return "规章草案"
            case .normativeDocument: return "涉及群众切身利益的行政规范性文件"
            case .marketRelated: return "与市场主体生产经营活动密切相关的文件"
            }
        }

        /// The minimum in words, for the form and the public notice.
        public var minimumText: String { self == .normativeDocument ? "7个工作日" : "30日" }

        /// Only a major decision's period may be shorter, and only with the reason stated (Art. 15).
        public var mayBeShortened: Bool { self == .majorDecision }
    }

    /// The earliest day a consultation opened on `opensOn` may close.
    public static func earliestClose(_ subject: Subject, opensOn: CivilDate, calendar: WorkingCalendar) -> WorkingCalendar.Reckoning {
        subject == .normativeDocument
            ? calendar.addingWorkingDays(7, after: opensOn)
            : calendar.addingCalendarDays(30, after: opensOn)
    }

    /// What is wrong with a consultation's dates, in Chinese (nil: it may open).
    public static func problem(_ subject: Subject, opensOn: CivilDate, closesOn: CivilDate, shortenedBecause reason: String,
                               calendar: WorkingCalendar) -> String? {
        guard closesOn > opensOn else { return "截止日期应晚于开始日期" }
        let earliest = earliestClose(subject, opensOn: opensOn, calendar: calendar)
        guard closesOn < earliest.date else { return nil }
        let rule = "\(subject.label)公开征求意见的期限一般不少于\(subject.minimumText)，自\(opensOn.chinese(withYear: true))发布的次日起算，"
            + "最早可于\(earliest.date.chinese(withYear: true))截止" + (earliest.provisional ? "（暂算）" : "")
        if subject.mayBeShortened {
            return reason.trimmingCharacters(in: .whitespaces).isEmpty
                ? rule + "；因情况紧急等原因需要缩短的，须在征求意见时说明理由（《重大行政决策程序暂行条例》第十五条）" : nil
        }
        return rule
    }

    /// 合法性审查 (Art. 26): the review is given generally at least 7 working days.
    public static func earliestLegalityReviewEnd(startedOn: CivilDate, calendar: WorkingCalendar) -> WorkingCalendar.Reckoning {
        calendar.addingWorkingDays(7, after: startedOn)
    }

    /// 听证 (Art. 17): the materials reach the participants at least 7 days before the hearing.
    public static func latestMaterialsDelivery(hearingOn: CivilDate) -> CivilDate {
        hearingOn.adding(days: -7)
    }
}
