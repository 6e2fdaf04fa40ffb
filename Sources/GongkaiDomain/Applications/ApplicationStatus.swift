/// Where a case stands (kept apart from its outcome, which is a report row).
public enum ApplicationStatus: String, CaseIterable, Codable, Sendable {
    /// Submitted online or by ordinary mail/fax/e-mail: the receipt date is set when staff confirm it.
    case awaitingConfirmation = "awaiting_confirmation"
    case inProgress = "in_progress"
    /// Assigned by the disclosure office to a department that has not yet signed for it.
    case awaitingAcceptance = "awaiting_acceptance"
    case awaitingCorrection = "awaiting_correction"
    case paused
    case decided
    case delivered
    case archived

    public var label: String {
        switch self {
        case .awaitingConfirmation: return "待确认收到"
        case .inProgress: return "办理中"
        case .awaitingAcceptance: return "待签收"
        case .awaitingCorrection: return "待申请人补正"
        case .paused: return "暂停计时"
        case .decided: return "已作出答复"
        case .delivered: return "已送达"
        case .archived: return "已归档"
        }
    }

    /// Still counted against a reply deadline.
    public var isOpen: Bool { [.awaitingConfirmation, .inProgress, .awaitingAcceptance, .awaitingCorrection, .paused].contains(self) }
}

/// The steps recorded in a case's timeline.
public enum ApplicationStep: String, CaseIterable, Codable, Sendable {
    case submitted
    case registered
    case assigned
    case accepted
    case returned
    case correctionRequested = "correction_requested"
    case correctionReceived = "correction_received"
    case pauseStarted = "pause_started"
    case pauseEnded = "pause_ended"
    case extended
    case decided
    case delivered
    case archived
    case note

    public var label: String {
        switch self {
        case .submitted: return "提交申请"
        case .registered: return "登记（确认收到）"
        case .assigned: return "交办"
        case .accepted: return "签收"
        case .returned: return "退回"
        case .correctionRequested: return "告知补正"
        case .correctionReceived: return "收到补正"
        case .pauseStarted: return "暂停计时"
        case .pauseEnded: return "恢复计时"
        case .extended: return "延长答复期限"
        case .decided: return "作出答复"
        case .delivered: return "送达"
        case .archived: return "归档"
        case .note: return "办理记录"
        }
    }

    /// Steps the applicant sees on the tracking page (internal notes stay internal).
    public var visibleToApplicant: Bool { ![.note, .assigned, .accepted, .returned].contains(self) }
}
