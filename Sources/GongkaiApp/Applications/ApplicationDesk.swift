import FluentKit
import Foundation
import GongkaiDomain

/// Receiving and handling applications: every step validated against the statutory rules, recorded
/// in the case timeline and in the audit trail, in one transaction.
struct ApplicationDesk: Sendable {
    let services: AppServices
    var pattern: RegistrationNumberPattern = .standard

    typealias Failure = DeskFailure

    /// A random query code from an alphabet without look-alike characters.
    static func newQueryCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet.randomElement(using: &g)! })
    }

    /// Stores a new application and returns it with its query code (shown once).
    func submit(_ input: ApplicationInput, to org: Organisation, channel: ApplicationChannel, receiptDate: CivilDate?,
                clientAddress: String, actor: AuditActor,
                admission: (@Sendable (any Database) async throws -> String?)? = nil) async throws -> (InformationApplication, String) {
        let code = Self.newQueryCode()
        let orgID = try org.requireID()
        let year = services.clock.today().year
        let audit = services.audit
        let pattern = self.pattern
        let dialect = services.database.dialect
        // The serial is unique per organisation and year. Submissions take the audit chain's lock
        // first (they write an audit record anyway), so on PostgreSQL with several instances the
        // next serial and the rate limits are read and written by one submission at a time (SQLite
        // has one writer). The retry stays as a guard, without skipping numbers.
        for attempt in 0..<5 {
            do {
                return try await services.db.transaction { db in
                    try await dialect.lockAuditChain(on: db)
                    if let admission, let refusal = try await admission(db) { throw Refused(message: refusal) }
                    let last = try await InformationApplication.query(on: db).filter(\.$organisationID == orgID)
                        .filter(\.$year == year).sort(\.$serial, .descending).first()
                    let serial = (last?.serial ?? 0) + 1
                    let a = InformationApplication()
                    a.organisationID = orgID
                    a.year = year
                    a.serial = serial
                    a.registrationNumber = pattern.format(organisationID: orgID, year: year, serial: serial)
                    a.queryCodeHash = Tokens.sha256Hex(code)
                    a.channel = channel.rawValue
                    a.status = (receiptDate == nil ? ApplicationStatus.awaitingConfirmation : .inProgress).rawValue
                    a.submittedAt = services.clock.now()
                    a.receiptDate = receiptDate?.description
                    a.clientAddress = clientAddress
                    a.apply(input)
                    try await a.create(on: db)
                    // Entered after the fact (a letter signed for last week): the submission dates from then.
                    try await Self.addEvent(.submitted, to: a, on: min(receiptDate ?? services.clock.today(), services.clock.today()), actor: actor.name,
                                            note: channel.label, at: services.clock.now(), db: db)
                    if let r = receiptDate {
                        try await Self.addEvent(.registered, to: a, on: r, actor: actor.name, note: channel.receiptRule, at: services.clock.now(), db: db)
                    }
                    try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .application,
                                           entityID: a.registrationNumber, action: "提交",
                                           changes: [FieldChange(field: "channel", before: nil, after: channel.label)])
                    return (a, code)
                }
            } catch let e as any DatabaseError where e.isConstraintFailure && attempt < 4 {
                continue
            }
        }
        throw UserFacingError(status: .serviceUnavailable, message: "系统繁忙，申请未能保存，请稍后重新提交。")
    }

    /// A submission refused inside its transaction (rate limits).
    struct Refused: Error { let message: String }

    @discardableResult
    static func addEvent(_ step: ApplicationStep, to a: InformationApplication, on date: CivilDate, actor: String,
                         note: String, deadline: CivilDate? = nil, days: Int? = nil, code: String? = nil,
                         amount: Int? = nil, at now: Date, db: any Database) async throws -> ApplicationEvent {
        let id = try a.requireID()
        let last = try await ApplicationEvent.query(on: db).filter(\.$applicationID == id).sort(\.$sequence, .descending).first()
        let e = ApplicationEvent()
        e.applicationID = id
        e.sequence = (last?.sequence ?? 0) + 1
        e.step = step.rawValue
        e.effectiveOn = date.description
        e.recordedAt = now
        e.actorName = actor
        e.note = note
        e.deadline = deadline?.description
        e.days = days
        e.code = code
        e.amount = amount
        try await e.create(on: db)
        return e
    }

    func events(of a: InformationApplication, on db: (any Database)? = nil) async throws -> [ApplicationEvent] {
        try await ApplicationEvent.query(on: db ?? services.db).filter(\.$applicationID == a.requireID()).sort(\.$sequence).all()
    }

    /// The statutory events of a timeline, in order, for the deadline engine.
    static func deadlineEvents(_ events: [ApplicationEvent]) -> [ReplyDeadline.Event] {
        events.compactMap { e in
            guard let d = CivilDate(iso: e.effectiveOn) else { return nil }
            switch e.stepValue {
            case .registered: return .received(d)
            case .correctionRequested: return CivilDate(iso: e.deadline ?? "").map { .correctionRequested(d, deadline: $0) }
            case .correctionReceived: return .correctionReceived(d)
            case .pauseStarted: return ReplyDeadline.PauseReason(rawValue: e.code ?? "").map { .pauseStarted(d, $0) }
            case .pauseEnded: return .pauseEnded(d)
            case .extended: return e.days.map { .extended(d, workingDays: $0) }
            case .decided: return .decided(d)
            case .submitted, .assigned, .accepted, .returned, .delivered, .archived, .note: return nil
            }
        }
    }

    /// The clock an open case runs against now (nil once it is closed), from its timeline.
    static func clock(of a: InformationApplication, deadline: ReplyDeadline?, events: [ApplicationEvent],
                      calendar: WorkingCalendar) -> CaseClock? {
        guard a.statusValue.isOpen else { return nil }
        return CaseClock.current(deadline: deadline, awaitingConfirmation: a.statusValue == .awaitingConfirmation,
                                 submittedOn: SiteClock.day(of: a.submittedAt),
                                 feePaymentDeadline: abandonmentFacts(events).feePaymentDeadline, calendar: calendar)
    }

    /// What the abandonment outcomes depend on: the 补正 deadline and whether the completed
    /// application came, and the payment deadline of the latest fee notice.
    static func abandonmentFacts(_ events: [ApplicationEvent]) -> AbandonmentRule.Facts {
        var facts = AbandonmentRule.Facts()
        for e in events {
            switch e.stepValue {
            case .correctionRequested:
                facts.correctionDeadline = CivilDate(iso: e.deadline ?? "")
                facts.correctionReceived = false
            case .correctionReceived: facts.correctionReceived = true
            case .pauseStarted where e.code == ReplyDeadline.PauseReason.feePayment.rawValue:
                facts.feePaymentDeadline = CivilDate(iso: e.deadline ?? "")
            default: break
            }
        }
        return facts
    }

    /// The applicant's ordinal among applications to this organisation in the calendar month of this
    /// one's receipt (same identity document): the basis of 按件计收.
    func ordinalInMonth(of a: InformationApplication) async throws -> Int {
        let month = String((a.receiptDate ?? services.clock.today().description).prefix(7))
        let same = try await InformationApplication.query(on: services.db).filter(\.$organisationID == a.organisationID)
            .filter(\.$idNumber == a.idNumber).all()
            .filter { ($0.receiptDate ?? "").hasPrefix(month) }
            .sorted { ($0.receiptDate ?? "", $0.serial) < ($1.receiptDate ?? "", $1.serial) }
        return (same.firstIndex { $0.id == a.id } ?? same.count) + 1
    }

    /// Issues a 收费通知: computes the amount, pauses the clock until payment (or the payment deadline).
    func issueFeeNotice(on a: InformationApplication, method: InformationProcessingFee.Method, pages: Int?, date: CivilDate,
                        fee: InformationProcessingFee = InformationProcessingFee(), actor: AuditActor) async throws {
        let quantity: Int
        switch method {
        case .byCount: quantity = try await ordinalInMonth(of: a)
        case .byVolume:
            guard let p = pages, p > 0 else { throw Failure.invalid(["pages": "按量计收请填写提供的页数"]) }
            quantity = p
        }
        let amount = method == .byCount ? fee.chargeForApplication(ordinal: quantity) : fee.chargeForPages(quantity)
        guard amount > 0 else { throw Failure.invalid(["pages": fee.explain(method: method, quantity: quantity) + "，无需发出收费通知"]) }
        let calendar = try await CalendarStore(services: services).calendar()
        let payBy = calendar.addingWorkingDays(fee.paymentPeriodWorkingDays, after: date).date
        try await record(.init(step: .pauseStarted, date: date, note: fee.explain(method: method, quantity: quantity),
                               deadline: payBy, code: ReplyDeadline.PauseReason.feePayment.rawValue, amount: amount),
                         on: a, actor: actor)
    }

    func deadline(for a: InformationApplication, events: [ApplicationEvent]) async throws -> ReplyDeadline? {
        let evs = Self.deadlineEvents(events)
        guard !evs.isEmpty else { return nil }
        let calendar = try await CalendarStore(services: services).calendar()
        return try? ReplyDeadline.derive(events: evs, calendar: calendar, today: services.clock.today())
    }

    /// The reply's due day as it stood when the case was decided (the decision, delivery and
    /// archiving left out): what an answer is judged on time against.
    func dueDateBeforeDecision(for a: InformationApplication, events: [ApplicationEvent]) async throws -> CivilDate? {
        try await deadline(for: a, events: events.filter { ![.decided, .delivered, .archived].contains($0.stepValue) })?.dueDate
    }

    /// One step as staff record it (the domain's `CaseWorkflow.StepInput`).
    typealias StepInput = CaseWorkflow.StepInput

    /// Records a step: the workflow's checks (`CaseWorkflow`), then the deadline engine with the
    /// step in place, then the event, status, letter number and audit record in one transaction.
    func record(_ s: StepInput, on a: InformationApplication, actor: AuditActor) async throws {
        let existing = try await events(of: a)
        let status = a.statusValue
        let facts = CaseWorkflow.Facts(status: status, organisationID: a.organisationID,
                                       submittedOn: existing.first.flatMap { CivilDate(iso: $0.effectiveOn) },
                                       abandonment: Self.abandonmentFacts(existing), today: services.clock.today())
        let errors = CaseWorkflow.problems(s, facts: facts)
        guard errors.isEmpty else { throw Failure.invalid(errors) }

        // Let the deadline engine check the statutory rules with the new step in place.
        let calendar = try await CalendarStore(services: services).calendar()
        // Art. 30: a "reasonable" period to complete the application — not a day or two.
        if s.step == .correctionRequested, let d = s.deadline {
            let minimum = services.config.minimumCorrectionWorkingDays
            let earliest = calendar.addingWorkingDays(minimum, after: s.date).date
            if d < earliest {
                throw Failure.invalid(["deadline": "补正期限过短：条例第三十条要求给予合理的补正期限，至少\(minimum)个工作日，即不早于\(earliest.chinese(withYear: true))"])
            }
        }
        var evs = Self.deadlineEvents(existing)
        let newEvent = CaseWorkflow.deadlineEvent(s)
        if let n = newEvent {
            if let lastDate = existing.compactMap({ CivilDate(iso: $0.effectiveOn) }).max(), s.date < lastDate, s.step != .registered {
                throw Failure.invalid(["date": "日期不能早于上一个办理步骤（\(lastDate)）"])
            }
            evs.append(n)
            do { _ = try ReplyDeadline.derive(events: evs, calendar: calendar, today: services.clock.today()) } catch {
                throw Failure.invalid([s.step == .extended ? "days" : "date": error.message])
            }
        }

        let transition = try CaseWorkflow.transition(s.step, from: status).mapError { Failure.invalid([$0.field: $0.message]) }.get()
        let newStatus = transition.to
        let audit = services.audit
        try await services.db.transaction { db in
            let event = try await Self.addEvent(transition.event, to: a, on: s.date, actor: actor.name, note: s.note, deadline: s.deadline,
                                                days: s.days, code: s.code, amount: s.amount, at: services.clock.now(), db: db)
            if let kind = CaseLetterNumber.kind(of: s.step, code: s.code) {
                _ = try await CaseLetterNumber.assign(for: event, kind: kind, application: a, date: s.date, on: db)
            }
            let before = a.status
            a.status = newStatus.rawValue
            if s.step == .registered { a.receiptDate = s.date.description }
            if s.step == .decided {
                a.outcome = s.code
                a.decidedOn = s.date.description
                let outcome = ReplyOutcome(rawValue: s.code ?? "")
                a.notHeldGround = outcome == .unavailableNotHeld ? s.notHeld?.rawValue : nil
                a.responsibleOrgan = outcome == .unavailableNotHeld && s.notHeld == .notThisOrgan ? s.responsibleOrgan : ""
                a.provision = [.disclosed, .partial].contains(outcome?.group) ? s.provision : ""
            }
            if s.step == .assigned { a.handlingOrganisationID = Int(s.code ?? "") }
            if s.step == .returned { a.handlingOrganisationID = nil }
            try await a.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: a.organisationID, entity: .application,
                                   entityID: a.registrationNumber, action: transition.auditAction,
                                   changes: FieldChange.diff(before: ["status": ApplicationStatus(rawValue: before)?.label],
                                                             after: ["status": newStatus.label]))
        }
    }
}
