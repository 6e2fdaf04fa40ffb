/// The verdict of a 回头看 (濉溪 2023 task 40) on one task as of the review day: what was done, by
/// when, and whether there is evidence to show for it.
public enum LookBackVerdict: String, Sendable, CaseIterable {
    case doneOnTime = "done_on_time"
    case doneLate = "done_late"
    case doneWithoutEvidence = "done_no_evidence"
    case notDone = "not_done"
    case notYetDue = "not_yet_due"
    case ongoing
    case noProgress = "no_progress"

    public var label: String {
        switch self {
        case .doneOnTime: return "按期完成"
        case .doneLate: return "逾期完成"
        case .doneWithoutEvidence: return "已报完成，缺佐证材料"
        case .notDone: return "到期未完成"
        case .notYetDue: return "未到期，推进中"
        case .ongoing: return "持续推进，有佐证"
        case .noProgress: return "无进展"
        }
    }

    /// Whether the verdict is a finding the unit has to answer for.
    public var isShortfall: Bool { [.doneLate, .doneWithoutEvidence, .notDone, .noProgress].contains(self) }

    public static func of(deadline: TaskDeadline, completedOn: CivilDate?, evidenceCount: Int, reportCount: Int,
                          reviewDay: CivilDate) -> LookBackVerdict {
        // Completion after the review day is not known at the review.
        let completed = completedOn.flatMap { $0 <= reviewDay ? $0 : nil }
        switch deadline {
        case .by(let d):
            if let c = completed {
                if evidenceCount == 0 { return .doneWithoutEvidence }
                return c <= d ? .doneOnTime : .doneLate
            }
            if reviewDay > d { return .notDone }
            return reportCount > 0 ? .notYetDue : .noProgress
        case .continuous, .monthly, .quarterly:
            if completed != nil && evidenceCount == 0 { return .doneWithoutEvidence }
            if completed != nil { return .doneOnTime }
            return evidenceCount > 0 ? .ongoing : .noProgress
        }
    }
}
