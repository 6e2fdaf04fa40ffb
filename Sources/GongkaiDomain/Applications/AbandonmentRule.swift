/// When an application may be closed as abandoned (report row 六 1 and 2): only once the
/// applicant's own period has run out, never while they may still act.
/// - 逾期不补正 (条例 Art. 30: "申请人无正当理由逾期不补正的，视为放弃申请"): a 补正 notice was sent,
///   no completed application came back, and the decision is dated after the 补正 deadline.
/// - 逾期未缴费 (信息处理费管理办法 as practised; the payment period is configurable, default 20
///   working days): a 收费通知 was sent and the decision is dated after its payment deadline.
public enum AbandonmentRule {
    public struct Facts: Sendable, Equatable {
        /// The 补正 deadline, when a 补正 notice was sent.
        public var correctionDeadline: CivilDate?
        public var correctionReceived: Bool
        /// The payment deadline of the latest 收费通知 (the pause may since have been ended
        /// when the period ran out).
        public var feePaymentDeadline: CivilDate?

        public init(correctionDeadline: CivilDate? = nil, correctionReceived: Bool = false, feePaymentDeadline: CivilDate? = nil) {
            self.correctionDeadline = correctionDeadline
            self.correctionReceived = correctionReceived
            self.feePaymentDeadline = feePaymentDeadline
        }
    }

    /// Why `outcome` may not be recorded on `decidedOn`, in Chinese; nil when it may.
    public static func refusal(_ outcome: ReplyOutcome, decidedOn: CivilDate, facts: Facts) -> String? {
        switch outcome {
        case .otherNoCorrection:
            guard let deadline = facts.correctionDeadline else {
                return "未发出补正告知，不能按“逾期不补正”办结（条例第三十条）"
            }
            if facts.correctionReceived { return "申请人已提交补正，不能按“逾期不补正”办结" }
            guard decidedOn > deadline else {
                return "补正期限至\(deadline.chinese(withYear: true))，期限届满后才能按“逾期不补正”办结（条例第三十条）"
            }
            return nil
        case .otherFeeUnpaid:
            guard let deadline = facts.feePaymentDeadline else {
                return "没有待缴费的收费通知，不能按“逾期未缴费”办结"
            }
            guard decidedOn > deadline else {
                return "缴费期限至\(deadline.chinese(withYear: true))，期限届满仍未缴费后才能按“逾期未缴费”办结"
            }
            return nil
        default:
            return nil
        }
    }
}
