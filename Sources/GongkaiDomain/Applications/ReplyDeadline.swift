/// The statutory reply deadline of an application (条例 Arts. 30–34), derived from its dated events
/// on the working-day calendar. The day of each event is not counted (民法典 Art. 201).
public struct ReplyDeadline: Sendable {
    /// Why the clock stands still.
    public enum PauseReason: String, Sendable, Codable, CaseIterable {
        case thirdPartyConsultation = "third_party"
        case otherOrganConsultation = "other_organ"
        case feePayment = "fee"

        public var label: String {
            switch self {
            case .thirdPartyConsultation: return "征求第三方意见"
            case .otherOrganConsultation: return "征求其他机关意见"
            case .feePayment: return "等待缴纳信息处理费"
            }
        }
    }

    public enum Event: Sendable, Equatable {
        /// The receipt date under Art. 31.
        case received(CivilDate)
        /// 补正 notice sent; the applicant must complete by `deadline`.
        case correctionRequested(CivilDate, deadline: CivilDate)
        /// The completed application arrived: the period starts again from this day.
        case correctionReceived(CivilDate)
        case pauseStarted(CivilDate, PauseReason)
        case pauseEnded(CivilDate)
        /// Extension approved by the head of the work body (Art. 33), in working days.
        case extended(CivilDate, workingDays: Int)
        case decided(CivilDate)
    }

    public enum Problem: Error, Equatable, Sendable {
        case noReceipt
        case correctionTooLate(latest: CivilDate)
        case correctionTwice
        case extensionTooLong(total: Int)
        case pauseNotOpen
        case pauseAlreadyOpen
        case eventBeforeReceipt
        case extensionAfterDeadline(due: CivilDate)

        public var message: String {
            switch self {
            case .noReceipt: return "缺少收到申请的日期"
            case .correctionTooLate(let d): return "补正告知应在收到申请之日起7个工作日内发出（最迟\(d.chinese(withYear: true))）"
            case .correctionTwice: return "补正只能告知一次"
            case .extensionTooLong(let t): return "延长答复期限合计不得超过20个工作日（当前合计\(t)个）"
            case .pauseNotOpen: return "没有进行中的暂停，无法结束暂停"
            case .pauseAlreadyOpen: return "已有进行中的暂停，请先结束"
            case .eventBeforeReceipt: return "办理步骤的日期不能早于收到申请的日期"
            case .extensionAfterDeadline(let due):
                return "答复期限已于\(due.chinese(withYear: true))届满，不能再延长（条例第三十三条：延长须在答复期限内决定）；本申请按逾期处理"
            }
        }
    }

    public enum Status: Sendable, Equatable {
        /// Running: the last day to reply.
        case due(CivilDate)
        case awaitingCorrection(deadline: CivilDate)
        case paused(PauseReason, since: CivilDate)
        case decided(CivilDate, onTime: Bool)
    }

    public static let replyPeriod = 20
    public static let maxExtension = 20
    public static let correctionNoticePeriod = 7
    public static let consultationPeriod = 15

    public let status: Status
    /// The last day to reply as things stand (nil while the clock cannot be projected).
    public let dueDate: CivilDate?
    /// Working days counted against the period so far, and the period's length with extensions.
    public let usedWorkingDays: Int
    public let allowedWorkingDays: Int
    /// Whether any date relied on a year with no registered holiday schedule.
    public let provisional: Bool
    /// The derivation, one clause per fact, in Chinese.
    public let explanation: [String]

    public var explanationText: String { explanation.joined(separator: "；") }

    /// Derives the deadline as of `today` from the case's events (in the order they happened).
    public static func derive(events: [Event], calendar: WorkingCalendar, today: CivilDate) throws(Problem) -> ReplyDeadline {
        guard case .received(let receipt)? = events.first else { throw .noReceipt }
        var start = receipt
        var allowed = replyPeriod
        var extensionTotal = 0
        var pauses: [(from: CivilDate, to: CivilDate?, reason: PauseReason)] = []
        var correction: (sent: CivilDate, deadline: CivilDate, received: CivilDate?)?
        var decidedOn: CivilDate?
        var notes: [String] = []

        // The last day as of the events so far; nil while awaiting 补正 or paused.
        func runningDue() -> CivilDate? {
            if let c = correction, c.received == nil { return nil }
            if pauses.last.map({ $0.to == nil }) == true { return nil }
            var d = start
            var counted = 0
            while counted < allowed {
                d = d.adding(days: 1)
                if calendar.isWorkingDay(d) && !pauses.contains(where: { p in d > p.from && (p.to.map { d <= $0 } ?? true) }) { counted += 1 }
            }
            return d
        }

        for e in events.dropFirst() {
            let date: CivilDate
            switch e {
            case .received(let d), .correctionReceived(let d), .pauseEnded(let d), .decided(let d): date = d
            case .correctionRequested(let d, _), .pauseStarted(let d, _), .extended(let d, _): date = d
            }
            if date < receipt { throw .eventBeforeReceipt }
            switch e {
            case .received: break
            case .correctionRequested(let d, let deadline):
                guard correction == nil else { throw .correctionTwice }
                let latest = calendar.addingWorkingDays(correctionNoticePeriod, after: receipt).date
                guard d <= latest else { throw .correctionTooLate(latest: latest) }
                correction = (d, deadline, nil)
                notes.append("\(d.chinese())告知补正，补正期限至\(deadline.chinese())")
            case .correctionReceived(let d):
                correction?.received = d
                start = d
                pauses.removeAll()
                notes.append("\(d.chinese())收到补正后的申请，次日起重新计算")
            case .pauseStarted(let d, let reason):
                if pauses.last.map({ $0.to == nil }) == true { throw .pauseAlreadyOpen }
                pauses.append((d, nil, reason))
            case .pauseEnded(let d):
                guard let last = pauses.last, last.to == nil else { throw .pauseNotOpen }
                pauses[pauses.count - 1].to = d
            case .extended(let d, let n):
                // Art. 33: the extension is decided within the period. With the clock running,
                // the day of approval may be at most the current last day.
                if let currentDue = runningDue(), d > currentDue { throw .extensionAfterDeadline(due: currentDue) }
                extensionTotal += n
                guard extensionTotal <= maxExtension, n > 0 else { throw .extensionTooLong(total: extensionTotal) }
                allowed += n
                notes.append("\(d.chinese())经批准延长\(n)个工作日")
            case .decided(let d):
                decidedOn = d
            }
        }

        // Walk the calendar from the start, skipping working days inside pauses (after the pause
        // began, through the day it ended), until the allowed number of working days is reached.
        func isPaused(_ d: CivilDate) -> Bool {
            pauses.contains { p in d > p.from && (p.to.map { d <= $0 } ?? true) }
        }
        var provisional = false
        var pauseNotes: [String] = []
        for p in pauses where p.from >= start {
            if let end = p.to {
                let n = calendar.workingDays(after: p.from, through: end)
                provisional = provisional || n.provisional
                pauseNotes.append("\(p.from.chinese())至\(end.chinese())\(p.reason.label)，其间\(n.count)个工作日不计入")
            } else {
                pauseNotes.append("自\(p.from.chinese())起\(p.reason.label)，暂停计算")
            }
        }

        let awaitingCorrection = correction.map { $0.received == nil } ?? false
        let openPause = pauses.last.flatMap { $0.to == nil ? $0 : nil }
        var used = 0
        var due: CivilDate?
        if !awaitingCorrection && openPause == nil {
            var d = start
            var counted = 0
            while counted < allowed {
                d = d.adding(days: 1)
                if !calendar.isKnown(d) { provisional = true }
                if calendar.isWorkingDay(d) && !isPaused(d) { counted += 1 }
            }
            due = d
        }
        // Working days used up to today (or the decision).
        let until = decidedOn ?? today
        if !awaitingCorrection {
            var d = start.adding(days: 1)
            while d <= until {
                if calendar.isWorkingDay(d) && !isPaused(d) { used += 1 }
                d = d.adding(days: 1)
            }
        }

        let withYear = (due ?? today).year != receipt.year
        var explanation = ["\(receipt.chinese(withYear: withYear))收到" + (start == receipt ? "，次日起算" : "")]
        explanation += notes
        explanation += pauseNotes
        if let due {
            explanation += calendar.specialDayClauses(after: start, through: due, withYear: withYear)
            explanation.append("第\(allowed)个工作日为\(due.chinese(withYear: withYear))")
        }
        if provisional {
            explanation.append("（注：部分年份的节假日安排尚未登记，暂按双休日和元旦、劳动节、国庆节的法定日期计算）")
        }

        let status: Status
        if let decidedOn {
            status = .decided(decidedOn, onTime: due.map { decidedOn <= $0 } ?? true)
        } else if awaitingCorrection, let c = correction {
            status = .awaitingCorrection(deadline: c.deadline)
        } else if let p = openPause {
            status = .paused(p.reason, since: p.from)
        } else {
            status = .due(due!)
        }
        return ReplyDeadline(status: status, dueDate: due, usedWorkingDays: used, allowedWorkingDays: allowed,
                             provisional: provisional, explanation: explanation)
    }
}
