/// The 依申请公开 case as a workflow: which step may be recorded in which status, what the step
/// must say, the status it leads to, and the history event and audit action it writes. The
/// statutory deadline rules are `ReplyDeadline`'s; this type decides before they are asked.
public enum CaseWorkflow {
    /// One step as staff record it.
    public struct StepInput: Sendable, Equatable {
        public var step: ApplicationStep
        public var date: CivilDate
        public var note: String
        public var deadline: CivilDate?
        public var days: Int?
        public var code: String?
        public var amount: Int?
        /// Decisions only: Art. 36(四)/(五) for 本机关不掌握, the responsible organ, how information is provided.
        public var notHeld: NotHeldGround?
        public var responsibleOrgan: String
        public var provision: String

        public init(step: ApplicationStep, date: CivilDate, note: String = "", deadline: CivilDate? = nil, days: Int? = nil,
                    code: String? = nil, amount: Int? = nil, notHeld: NotHeldGround? = nil, responsibleOrgan: String = "",
                    provision: String = "") {
            self.step = step
            self.date = date
            self.note = note
            self.deadline = deadline
            self.days = days
            self.code = code
            self.amount = amount
            self.notHeld = notHeld
            self.responsibleOrgan = responsibleOrgan
            self.provision = provision
        }
    }

    /// What the case already says, as far as the rules need it.
    public struct Facts: Sendable, Equatable {
        public var status: ApplicationStatus
        /// The applying organisation (a case is not assigned to itself).
        public var organisationID: Int
        /// The date of the submission event.
        public var submittedOn: CivilDate?
        public var abandonment: AbandonmentRule.Facts
        public var today: CivilDate

        public init(status: ApplicationStatus, organisationID: Int, submittedOn: CivilDate?,
                    abandonment: AbandonmentRule.Facts = .init(), today: CivilDate) {
            self.status = status
            self.organisationID = organisationID
            self.submittedOn = submittedOn
            self.abandonment = abandonment
            self.today = today
        }
    }

    /// A step refused in a status, with the reason shown next to `field` of the step form.
    public struct Refusal: Error, Sendable, Equatable {
        public let field: String
        public let message: String
    }

    /// A step allowed in a status: where it leads and what it writes.
    public struct Transition: Sendable, Equatable {
        public let step: ApplicationStep
        public let from: ApplicationStatus
        public let to: ApplicationStatus
        /// The case history event it writes.
        public var event: ApplicationStep { step }
        /// The audit trail's action.
        public var auditAction: String { step.label }
    }

    /// Steps that move the statutory clock: only while the case is being handled.
    static let clockSteps: Set<ApplicationStep> = [.correctionRequested, .correctionReceived, .pauseStarted, .pauseEnded, .extended, .decided]
    static let notHandling: Set<ApplicationStatus> = [.awaitingConfirmation, .awaitingAcceptance, .decided, .delivered, .archived]

    /// Whether `step` may be recorded while the case is in `status` (the step × status table).
    public static func transition(_ step: ApplicationStep, from status: ApplicationStatus) -> Result<Transition, Refusal> {
        if status == .archived && step != .note { return .failure(.init(field: "date", message: "已归档的申请不能再办理")) }
        if clockSteps.contains(step) && notHandling.contains(status) {
            return .failure(.init(field: "date", message: "当前状态（\(status.label)）下不能进行此操作"))
        }
        let allowed: Bool, refusal: Refusal?
        switch step {
        case .submitted:
            (allowed, refusal) = (false, .init(field: "step", message: "“提交申请”只在收到申请时记录"))
        case .registered:
            (allowed, refusal) = (status == .awaitingConfirmation, .init(field: "date", message: "该申请已登记"))
        case .assigned:
            (allowed, refusal) = (status == .inProgress, .init(field: "code", message: "只有办理中的申请才能交办"))
        case .accepted, .returned:
            (allowed, refusal) = (status == .awaitingAcceptance, .init(field: "date", message: "该申请不在待签收状态"))
        case .delivered:
            (allowed, refusal) = (status == .decided, .init(field: "date", message: "作出答复后才能登记送达"))
        case .archived:
            (allowed, refusal) = (status == .delivered, .init(field: "date", message: "送达后才能归档"))
        case .correctionRequested, .correctionReceived, .pauseStarted, .pauseEnded, .extended, .decided, .note:
            (allowed, refusal) = (true, nil)
        }
        guard allowed else { return .failure(refusal!) }
        return .success(Transition(step: step, from: status, to: next(after: step, from: status)))
    }

    static func next(after step: ApplicationStep, from status: ApplicationStatus) -> ApplicationStatus {
        switch step {
        case .registered, .correctionReceived, .pauseEnded, .extended, .accepted, .returned: return .inProgress
        case .assigned: return .awaitingAcceptance
        case .correctionRequested: return .awaitingCorrection
        case .pauseStarted: return .paused
        case .decided: return .decided
        case .delivered: return .delivered
        case .archived: return .archived
        case .submitted, .note: return status
        }
    }

    /// Everything wrong with recording `input` on a case with `facts`, by form field (empty: it may
    /// go ahead to the deadline engine). The status rule's refusal wins over a field's own message.
    public static func problems(_ input: StepInput, facts: Facts) -> [String: String] {
        var errors: [String: String] = [:]
        let s = input
        if s.date > facts.today { errors["date"] = "日期不能晚于今天" }
        switch s.step {
        case .registered:
            if let submitted = facts.submittedOn, s.date < submitted { errors["date"] = "收到日期不能早于提交日期（\(submitted)）" }
        case .correctionRequested:
            if s.note.isEmpty { errors["note"] = "请写明需要补正的内容" }
            if let d = s.deadline {
                if d <= s.date { errors["deadline"] = "补正期限应晚于告知日期" }
            } else { errors["deadline"] = "请填写补正期限" }
        case .decided:
            guard let code = s.code, let outcome = ReplyOutcome(rawValue: code) else { errors["code"] = "请选择办理结果"; break }
            if outcome.requiresReason && s.note.isEmpty { errors["note"] = "“\(outcome.fullLabel)”须写明理由" }
            if let refusal = AbandonmentRule.refusal(outcome, decidedOn: s.date, facts: facts.abandonment) { errors["code"] = refusal }
            // Art. 36(四) and (五) are different answers counted in one report row: the officer says which.
            if outcome == .unavailableNotHeld && s.notHeld == nil {
                errors["not_held"] = "请选择：经检索信息不存在（第三十六条第（四）项），还是不属于本机关负责公开（第三十六条第（五）项）"
            }
            if s.responsibleOrgan.count > 100 { errors["responsible_organ"] = "负责公开的机关名称不能超过100个字" }
            // Art. 36(二) and 40: a disclosure says how the information is provided.
            if [.disclosed, .partial].contains(outcome.group) && s.provision.isEmpty {
                errors["provision"] = "请写明提供方式，如“随本告知书在网上查询页面提供电子文件”“通过电子邮件发送”“邮寄纸质复印件”"
            }
            if s.provision.count > 300 { errors["provision"] = "提供方式不能超过300个字" }
        case .extended:
            if s.note.isEmpty { errors["note"] = "请写明延期理由" }
        case .pauseStarted:
            if ReplyDeadline.PauseReason(rawValue: s.code ?? "") == nil { errors["code"] = "请选择暂停原因" }
        case .delivered:
            if s.note.isEmpty { errors["note"] = "请写明送达方式和凭证（如邮件单号、签收人）" }
        case .note:
            if s.note.isEmpty { errors["note"] = "请填写记录内容" }
        case .assigned:
            if let target = Int(s.code ?? "") {
                if target == facts.organisationID { errors["code"] = "承办单位就是受理机关，无需交办" }
            } else { errors["code"] = "请选择承办单位" }
        case .returned:
            if s.note.isEmpty { errors["note"] = "请写明退回理由" }
        case .submitted, .accepted, .archived, .correctionReceived, .pauseEnded:
            break
        }
        if case .failure(let r) = transition(s.step, from: facts.status) { errors[r.field] = r.message }
        return errors
    }

    /// The deadline engine's event for a step (nil: the step does not move the clock).
    public static func deadlineEvent(_ s: StepInput) -> ReplyDeadline.Event? {
        switch s.step {
        case .registered: return .received(s.date)
        case .correctionRequested: return s.deadline.map { .correctionRequested(s.date, deadline: $0) }
        case .correctionReceived: return .correctionReceived(s.date)
        case .pauseStarted: return ReplyDeadline.PauseReason(rawValue: s.code ?? "").map { .pauseStarted(s.date, $0) }
        case .pauseEnded: return .pauseEnded(s.date)
        case .extended: return .extended(s.date, workingDays: s.days ?? 0)
        case .decided: return .decided(s.date)
        case .submitted, .assigned, .accepted, .returned, .delivered, .archived, .note: return nil
        }
    }
}
