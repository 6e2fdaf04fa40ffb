import FluentKit
import Foundation
import GongkaiDomain

/// Everything the back-office page of one application shows, read in one place: the case, its
/// timeline and clocks, the organisations involved, related cases, proceedings and files, and what
/// the viewer may do. The handler renders `DetailView(page)`; tests call `load` without HTTP.
struct CasePage: Sendable {
    let application: InformationApplication
    let id: UUID
    let events: [ApplicationEvent]
    let deadline: ReplyDeadline?
    let clock: CaseClock?
    let applied: Organisation?
    let handling: Organisation?
    let canAssign: Bool
    let assignTargets: [OrganisationTree<Organisation>.Entry]
    /// Names of the organisations the case was assigned to, by id (for the timeline).
    let assignedNames: [Int: String]
    let related: [ApplicationQueries.Related]
    let proceedings: [ReviewProceeding]
    let caseFiles: [CaseFile]
    /// The viewer signs for the case at the handling organisation.
    let handlesHere: Bool
    let canHandle: Bool
    let canApprove: Bool
    let feeSuggestion: String?
    let today: CivilDate

    static func load(_ a: InformationApplication, desk: ApplicationDesk, policy: AccessPolicy,
                     organisation: Organisation?) async throws -> CasePage {
        let services = desk.services
        let db = services.db
        let id = try a.requireID()
        let events = try await desk.events(of: a)
        let deadline = try await desk.deadline(for: a, events: events)
        let clock = ApplicationDesk.clock(of: a, deadline: deadline, events: events,
                                          calendar: try await CalendarStore(services: services).calendar())
        let ancestry = organisation?.ancestry.ids ?? []
        let related = try await ApplicationQueries.related(to: a, visibleTo: policy, roles: ApplicationAdminRoutes.viewers, on: db)
        let applied = try await Organisation.find(a.organisationID, on: db)
        var handling: Organisation?
        if let h = a.handlingOrganisationID { handling = try await Organisation.find(h, on: db) }
        let canAssign = applied.map { policy.allows(ApplicationAdminRoutes.assigners, ancestry: $0.ancestry.ids) } ?? false
        let assignTargets = canAssign ? try await OrganisationQueries.tree(visibleTo: policy, roles: ApplicationAdminRoutes.assigners, on: db)
            .filter { $0.node.isActive && $0.node.kind.isAdministrativeOrgan && $0.node.id != a.organisationID } : []
        let assignedIDs = events.filter { $0.stepValue == .assigned }.compactMap { Int($0.code ?? "") }
        let names = Dictionary(try await Organisation.query(on: db).filter(\.$id ~~ assignedIDs).all().map { ($0.id ?? 0, $0.name) },
                               uniquingKeysWith: { x, _ in x })
        return CasePage(
            application: a, id: id, events: events, deadline: deadline, clock: clock, applied: applied, handling: handling,
            canAssign: canAssign, assignTargets: assignTargets, assignedNames: names, related: related,
            proceedings: try await ReviewProceeding.query(on: db).filter(\.$applicationID == id).sort(\.$filedOn).all(),
            caseFiles: try await CaseFileStore(services: services).files(of: a),
            handlesHere: handling.map { policy.allows(ApplicationAdminRoutes.handlers, ancestry: $0.ancestry.ids) } ?? false,
            canHandle: policy.allows(ApplicationAdminRoutes.handlers, ancestry: ancestry),
            canApprove: policy.allows(ApplicationAdminRoutes.approvers, ancestry: ancestry),
            feeSuggestion: a.statusValue == .inProgress ? try await ApplicationAdminRoutes.feeSuggestion(desk, a) : nil,
            today: services.clock.today())
    }
}

extension ApplicationAdminRoutes.DetailView {
    /// The page's view model: labels and links only, no queries.
    init(_ p: CasePage, chrome: PageChrome, errors: [String: String]) {
        let a = p.application, id = p.id, events = p.events, deadline = p.deadline, clock = p.clock
        let applied = p.applied, handling = p.handling, canAssign = p.canAssign, assignTargets = p.assignTargets
        let handlesHere = p.handlesHere, orgNames = p.assignedNames, related = p.related, proceedings = p.proceedings
        let caseFiles = p.caseFiles, st = a.statusValue, input = a.input
        self.init(
                chrome: chrome,
                id: id.uuidString, number: a.registrationNumber, organisation: applied?.name ?? "", status: st.label,
                handlingOrganisation: handling?.name, canAssign: canAssign && st == .inProgress,
                assignTargets: assignTargets.map { OptionItem(value: String($0.node.id ?? 0), label: String(repeating: "　", count: $0.depth) + $0.node.name, selected: false) },
                awaitingAcceptance: st == .awaitingAcceptance && handlesHere,
                channel: a.channelValue.label, applicantKind: a.kindValue.label, applicant: a.name, contactPerson: a.contactPerson.nonEmpty,
                idKind: input.idKind.label, idNumber: input.maskedIDNumber, phone: a.phone.nonEmpty ?? "—", email: a.email.nonEmpty ?? "—",
                address: a.address.nonEmpty ?? "—",
                description: a.description, documentNumber: a.documentNumber.nonEmpty ?? "—", requestedForm: input.requestedForm.label,
                obtainingWay: input.obtainingWay.label, receiptDate: a.receiptDate ?? "尚未确认", receiptRule: a.channelValue.receiptRule,
                dueDate: st.isOpen ? deadline?.dueDate.map { $0.chinese(withYear: true) + (deadline?.provisional == true ? "（暂算）" : "") } : nil,
                otherClock: clock.flatMap { $0.kind == .reply ? nil : "\($0.kind.label)：\($0.dueDate.chinese(withYear: true))" },
                derivation: deadline?.explanationText,
                used: deadline.map { "已用\($0.usedWorkingDays)个工作日，共\($0.allowedWorkingDays)个" },
                outcome: a.outcome.flatMap { ReplyOutcome(rawValue: $0)?.fullLabel },
                steps: events.map { e in
                    let note = e.stepValue == .assigned ? "承办单位：\(orgNames[Int(e.code ?? "") ?? 0] ?? "")" + (e.note.isEmpty ? "" : "；\(e.note)") : ApplicationAdminRoutes.stepNote(e)
                    return ApplicationAdminRoutes.StepView(date: e.effectiveOn, label: e.stepValue.label, note: note, actor: e.actorName)
                },
                today: p.today.description,
                canHandle: p.canHandle,
                canApprove: p.canApprove,
                awaitingConfirmation: st == .awaitingConfirmation, awaitingCorrection: st == .awaitingCorrection,
                paused: st == .paused,
                pausedForFee: st == .paused && events.last(where: { $0.stepValue == .pauseStarted })?.code == ReplyDeadline.PauseReason.feePayment.rawValue,
                feeSuggestion: p.feeSuggestion,
                running: st == .inProgress, decided: st == .decided, delivered: st == .delivered,
                outcomes: ReplyOutcome.allCases.map { OptionItem(value: $0.rawValue, label: $0.fullLabel, selected: false) },
                pauseReasons: ReplyDeadline.PauseReason.allCases.filter { $0 != .feePayment }.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
                errors: errors.values.sorted(), hasErrors: !errors.isEmpty,
                documents: ReplyLetters.Kind.allCases.filter { ApplicationDocumentRoutes.isAvailable($0, events: events) }.map {
                    ApplicationAdminRoutes.DocumentLink(label: $0.label, htmlHref: "/admin/applications/\(id.uuidString)/documents/\($0.rawValue)",
                                 docxHref: "/admin/applications/\(id.uuidString)/documents/\($0.rawValue)?format=docx")
                },
                related: related.map { r in
                    ApplicationAdminRoutes.RelatedView(id: r.application.id?.uuidString ?? "", number: r.application.registrationNumber,
                                date: r.application.receiptDate ?? "", summary: String(r.application.description.prefix(60)),
                                status: r.application.outcome.flatMap { ReplyOutcome(rawValue: $0)?.fullLabel } ?? r.application.statusValue.label,
                                similarity: "\(Int((r.similarity * 100).rounded()))%", likelyRepeat: r.similarity >= 0.6)
                },
                hasRelated: !related.isEmpty,
                proceedings: proceedings.map { p in
                    ApplicationAdminRoutes.ProceedingView(id: p.id?.uuidString ?? "", caseID: id.uuidString, kind: ProceedingKind(rawValue: p.kind)?.label ?? p.kind, filedOn: p.filedOn,
                                   body: p.body, result: p.result.flatMap { ProceedingResult(rawValue: $0)?.label }.map { "\($0)（\(p.concludedOn ?? "")）" } ?? "尚未审结",
                                   open: p.result == nil, note: p.note)
                },
                proceedingKinds: ProceedingKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
                proceedingResults: ProceedingResult.allCases.filter { $0 != .pending }.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
                notHeldGrounds: NotHeldGround.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
                remedyWarning: (applied?.remedy.namesBothBodies ?? true) ? nil
                    : "本机关尚未设置行政复议机关和管辖法院，答复告知书的救济条款只能写“依法申请行政复议、提起行政诉讼”。请公开办在机构设置中补充。",
                reply: a.outcome == nil ? nil : ApplicationAdminRoutes.ReplyDetailView(
                    ground: a.notHeldGround.flatMap(NotHeldGround.init(rawValue:))?.label,
                    responsibleOrgan: a.responsibleOrgan.nonEmpty, provision: a.provision.nonEmpty),
                canAttachFiles: CaseFileStore.acceptsFiles(a) && p.canHandle,
                caseFiles: caseFiles.map { f in
                    ApplicationAdminRoutes.CaseFileView(id: f.id?.uuidString ?? "", name: f.displayName, size: AttachmentStore.sizeLabel(f.size),
                                 href: "/admin/applications/\(id.uuidString)/files/\(f.id?.uuidString ?? "")", by: f.actorName,
                                 deleteHref: a.statusValue != .archived && p.canHandle
                                    ? "/admin/applications/\(id.uuidString)/files/\(f.id?.uuidString ?? "")/delete" : nil)
                },
                hasCaseFiles: !caseFiles.isEmpty)
    }
}
