/// The clock an open case is running against, whatever state it is in: no case waits unseen.
/// - replying: the statutory reply deadline (Arts. 33, 30–34 via `ReplyDeadline`);
/// - awaiting 补正: the applicant's 补正 deadline, after which staff must close or continue;
/// - consulting a third party (Art. 32) or another organ (Art. 34): their 15 working days to
///   answer, counted from the day the request went out;
/// - awaiting a fee: the payment deadline of the 收费通知;
/// - an online application not yet confirmed as received (Art. 31(三): received on the day both
///   sides confirm): `confirmationWorkingDays` after submission, our own service standard.
public struct CaseClock: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case reply, correction, consultation, feePayment = "fee_payment", confirmation

        public var label: String {
            switch self {
            case .reply: return "答复期限"
            case .correction: return "补正期限"
            case .consultation: return "征求意见答复期限"
            case .feePayment: return "缴费期限"
            case .confirmation: return "确认收到期限"
            }
        }
    }

    /// A service standard, not a statutory period (the 条例 sets none for confirming receipt).
    public static let confirmationWorkingDays = 2

    public let kind: Kind
    public let dueDate: CivilDate

    public init(kind: Kind, dueDate: CivilDate) {
        self.kind = kind
        self.dueDate = dueDate
    }

    /// The clock of an open case; nil once decided.
    public static func current(deadline: ReplyDeadline?, awaitingConfirmation: Bool, submittedOn: CivilDate,
                               feePaymentDeadline: CivilDate?, calendar: WorkingCalendar) -> CaseClock? {
        if awaitingConfirmation {
            return CaseClock(kind: .confirmation, dueDate: calendar.addingWorkingDays(confirmationWorkingDays, after: submittedOn).date)
        }
        switch deadline?.status {
        case .due(let d)?: return CaseClock(kind: .reply, dueDate: d)
        case .awaitingCorrection(let d)?: return CaseClock(kind: .correction, dueDate: d)
        case .paused(.feePayment, let since)?:
            return CaseClock(kind: .feePayment, dueDate: feePaymentDeadline ?? calendar.addingWorkingDays(20, after: since).date)
        case .paused(_, let since)?:
            return CaseClock(kind: .consultation, dueDate: calendar.addingWorkingDays(ReplyDeadline.consultationPeriod, after: since).date)
        case .decided?, nil: return nil
        }
    }
}
