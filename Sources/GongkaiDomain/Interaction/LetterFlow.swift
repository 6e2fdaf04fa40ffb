/// A letter's way through the office (政民互动): the office routes it (交办) to a department, which
/// takes it (签收) or returns it with a reason (退回); a department may pass it on (转办, logged);
/// the reply is drafted, reviewed (先审后发 for replies) and published; the writer rates it and may
/// ask once more (追问), which reopens it with the same department.
public enum LetterFlow {
    public enum State: String, CaseIterable, Sendable {
        case received
        case assigned
        case accepted
        case replyInReview = "reply_in_review"
        case replied
        case followUp = "follow_up"
        case closed

        public var label: String {
            switch self {
            case .received: return "待交办"
            case .assigned: return "已交办，待签收"
            case .accepted: return "办理中"
            case .replyInReview: return "答复审核中"
            case .replied: return "已答复"
            case .followUp: return "追问办理中"
            case .closed: return "已办结"
            }
        }

        /// The writer is still waiting for an answer (counts against the deadline and the 3-month watch).
        public var awaitsReply: Bool { ![.replied, .closed].contains(self) }
    }

    public enum Action: Sendable, Equatable {
        /// The office hands it to a department.
        case assign(organisationID: Int)
        case accept
        case returnToOffice(reason: String)
        /// From one department to another, with the reason.
        case transfer(organisationID: Int, reason: String)
        case submitReply
        case approveReply
        case sendBackReply(reason: String)
        /// The writer asks once more about the reply.
        case followUp
        /// The writer rated, or the period for a follow-up ended.
        case close

        public var label: String {
            switch self {
            case .assign: return "交办"
            case .accept: return "签收"
            case .returnToOffice: return "退回"
            case .transfer: return "转办"
            case .submitReply: return "提交答复审核"
            case .approveReply: return "答复审核通过并公开"
            case .sendBackReply: return "答复退回修改"
            case .followUp: return "追问"
            case .close: return "办结"
            }
        }
    }

    public struct Refusal: Error, Sendable, Equatable {
        public let message: String
    }

    /// The state after `action`, or why it is not allowed. `followUps` is how many the writer has
    /// already asked (one is allowed).
    public static func apply(_ action: Action, to state: State, followUps: Int = 0) -> Result<State, Refusal> {
        func no(_ m: String) -> Result<State, Refusal> { .failure(Refusal(message: m)) }
        switch (action, state) {
        case (.assign, .received): return .success(.assigned)
        case (.accept, .assigned): return .success(.accepted)
        case (.returnToOffice(let reason), .assigned):
            return reason.trimmingSpaces().isEmpty ? no("请填写退回的理由") : .success(.received)
        case (.transfer(_, let reason), .accepted), (.transfer(_, let reason), .assigned):
            return reason.trimmingSpaces().isEmpty ? no("请填写转办的理由") : .success(.assigned)
        case (.submitReply, .accepted), (.submitReply, .followUp): return .success(.replyInReview)
        case (.approveReply, .replyInReview): return .success(.replied)
        case (.sendBackReply(let reason), .replyInReview):
            return reason.trimmingSpaces().isEmpty ? no("请填写退回修改的理由") : .success(.accepted)
        case (.followUp, .replied): return followUps >= 1 ? no("每件来信只能追问一次") : .success(.followUp)
        case (.close, .replied): return .success(.closed)
        default:
            return no("来信“\(state.label)”时不能\(action.label)")
        }
    }
}
