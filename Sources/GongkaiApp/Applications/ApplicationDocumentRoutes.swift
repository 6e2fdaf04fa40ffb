import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The case's standard documents, drafted from its data: print-ready A4 HTML and .docx.
enum ApplicationDocumentRoutes {
    struct PrintView: Sendable {
        let title: String
        let number: String?
        let addressee: String?
        let paragraphs: [ParagraphView]
        let table: [[String]]?
        let issuer: String
        let date: String
        /// Staff: links back to the case and to the .docx.
        let docxHref: String?
        let backHref: String?
        /// The applicant (tracking page): the .docx is fetched again with number and query code.
        let publicForm: PublicForm?
        /// PDF when a converter is configured; otherwise why not.
        let pdfHref: String?
        let pdfNote: String?

        init(_ doc: FormalDocument, docxHref: String? = nil, backHref: String? = nil, publicForm: PublicForm? = nil,
             pdfHref: String? = nil, pdfNote: String? = nil) {
            self.pdfHref = pdfHref
            self.pdfNote = pdfNote
            title = doc.title
            number = doc.number
            addressee = doc.addressee
            paragraphs = doc.paragraphs.map { ParagraphView(text: $0.text, heading: $0.style == .heading, plain: $0.style == .plain) }
            table = doc.table
            issuer = doc.issuer
            date = doc.date
            self.docxHref = docxHref
            self.backHref = backHref
            self.publicForm = publicForm
        }
    }

    struct PublicForm: Sendable {
        let csrf: String
        let number: String
        let code: String
        let kind: String
        /// A PDF button beside the Word one (a converter is configured); else `pdfNote` says why not.
        let pdf: Bool
        let pdfNote: String
    }

    struct ParagraphView: Sendable {
        let text: String
        let heading: Bool
        let plain: Bool
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ApplicationDesk(services: services)
        bo.get("/admin/applications/:app/documents/:kind", roles: ApplicationAdminRoutes.viewers,
               target: .record(param: "app", owner: ApplicationAdminRoutes.owner)) { request, context, auth in
            let a = try await ApplicationAdminRoutes.loadCase(context, services)
            let id = try a.requireID()
            guard let kind = ReplyLetters.Kind(rawValue: context.parameters.get("kind") ?? ""),
                  // The organ applied to issues every document, whoever drafts it.
                  let org = try await Organisation.find(a.organisationID, on: services.db) else {
                throw HTTPError(.notFound)
            }
            let events = try await desk.events(of: a)
            guard let doc = try await document(kind, for: a, org: org, events: events, desk: desk) else {
                throw UserFacingError(status: .notFound, message: "该申请还没有“\(kind.label)”：相应的办理步骤尚未登记。")
            }
            let format = request.query.get("format") ?? ""
            let export = format == "docx" || format == "pdf"
            try await ApplicationAdminRoutes.recordPersonalDataAccess(a, action: export ? "导出文书（\(kind.label)）" : "查看文书（\(kind.label)）",
                                                                      services: services, context: context, auth: auth)
            if format == "docx" {
                return docx(doc, fileBase: "\(a.registrationNumber)-\(kind.label)")
            }
            if format == "pdf" {
                return try await pdf(doc, fileBase: "\(a.registrationNumber)-\(kind.label)", services: services)
            }
            let base = "/admin/applications/\(id.uuidString)"
            let view = PrintView(doc, docxHref: "\(base)/documents/\(kind.rawValue)?format=docx", backHref: base,
                                 pdfHref: services.config.pdfConverter == nil ? nil : "\(base)/documents/\(kind.rawValue)?format=pdf",
                                 pdfNote: services.config.pdfConverter == nil ? PDFConverter.unavailableNote : nil)
            return services.templates.page("document-print", view)
        }
    }

    static func docx(_ doc: FormalDocument, fileBase: String) -> Response {
        docx(DocxWriter.write(doc), fileBase: fileBase)
    }

    /// The document as PDF (LibreOffice), or a Chinese 400 saying why it cannot be.
    static func pdf(_ doc: FormalDocument, fileBase: String, services: AppServices) async throws -> Response {
        guard let program = services.config.pdfConverter else {
            throw UserFacingError(status: .badRequest, message: PDFConverter.unavailableNote)
        }
        do {
            let bytes = try await PDFConverter(program: program).pdf(fromDocx: DocxWriter.write(doc))
            return Download.response(ByteBuffer(bytes: bytes), contentType: "application/pdf", fallbackName: "document.pdf",
                                     fileName: fileBase + ".pdf", cacheControl: "no-store")
        } catch let failure as PDFConverter.Failure {
            throw UserFacingError(status: .serviceUnavailable, message: failure.description + "。请下载 Word 文档。")
        }
    }

    static func docx(_ bytes: [UInt8], fileBase: String) -> Response {
        Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.docx.mimeType, fallbackName: "document.docx",
                          fileName: fileBase + ".docx", cacheControl: "no-store")
    }

    /// Documents addressed to the applicant (the consultation letter goes to a third party).
    static let applicantKinds: [ReplyLetters.Kind] = [.receipt, .correction, .extension, .fee, .reply]

    /// The timeline step a document is drafted from (nil for the 登记回执, which needs none).
    static func sourceEvent(of kind: ReplyLetters.Kind, in events: [ApplicationEvent]) -> ApplicationEvent? {
        let consultation: Set<String> = [ReplyDeadline.PauseReason.thirdPartyConsultation.rawValue,
                                         ReplyDeadline.PauseReason.otherOrganConsultation.rawValue]
        switch kind {
        case .receipt: return nil
        case .correction: return events.last { $0.stepValue == .correctionRequested }
        case .extension: return events.last { $0.stepValue == .extended }
        case .consultation: return events.last { $0.stepValue == .pauseStarted && consultation.contains($0.code ?? "") }
        case .fee: return events.last { $0.stepValue == .pauseStarted && $0.code == ReplyDeadline.PauseReason.feePayment.rawValue }
        case .reply: return events.last { $0.stepValue == .decided }
        }
    }

    /// Whether the case has reached the step the document needs.
    static func isAvailable(_ kind: ReplyLetters.Kind, events: [ApplicationEvent]) -> Bool {
        kind == .receipt || sourceEvent(of: kind, in: events) != nil
    }

    static func document(_ kind: ReplyLetters.Kind, for a: InformationApplication, org: Organisation, events: [ApplicationEvent],
                         desk: ApplicationDesk) async throws -> FormalDocument? {
        let contact = [org.officeName, org.officeAddress, org.officePhone.isEmpty ? "" : "电话 \(org.officePhone)"]
            .filter { !$0.isEmpty }.joined(separator: "，")
        let submitted = events.first.flatMap { CivilDate(iso: $0.effectiveOn) } ?? desk.services.clock.today()
        let letters = ReplyLetters(.init(
            organisationName: org.name, organisationShortName: org.shortName, registrationNumber: a.registrationNumber,
            applicantName: a.name, isOrganisation: a.kindValue.isOrganisation, description: a.description,
            receiptDate: a.receiptDate.flatMap(CivilDate.init(iso:)), submittedOn: submitted, contact: contact,
            remedy: org.remedy),
            overrides: try await LetterTemplateStore(services: desk.services).overrides(for: org),
            number: try await letterNumber(of: sourceEvent(of: kind, in: events), db: desk.services.db))
        let e = sourceEvent(of: kind, in: events)
        switch kind {
        case .receipt:
            return letters.receipt(issuedOn: submitted, rule: a.channelValue.receiptRule)
        case .correction:
            guard let e, let d = CivilDate(iso: e.effectiveOn),
                  let deadline = e.deadline.flatMap(CivilDate.init(iso:)) else { return nil }
            return letters.correction(issuedOn: d, items: e.note, deadline: deadline)
        case .extension:
            guard let e, let d = CivilDate(iso: e.effectiveOn), let days = e.days,
                  let due = try await desk.deadline(for: a, events: events)?.dueDate else { return nil }
            return letters.extensionNotice(issuedOn: d, workingDays: days, newDueDate: due, reason: e.note)
        case .consultation:
            guard let e, let d = CivilDate(iso: e.effectiveOn), let reason = ReplyDeadline.PauseReason(rawValue: e.code ?? "") else { return nil }
            return letters.consultation(issuedOn: d, party: e.note.isEmpty ? "（征求意见对象）" : e.note, reason: reason)
        case .fee:
            guard let e, let d = CivilDate(iso: e.effectiveOn), let amount = e.amount, let payBy = e.deadline.flatMap(CivilDate.init(iso:)) else { return nil }
            return letters.feeNotice(issuedOn: d, amount: amount, explanation: e.note, payBy: payBy)
        case .reply:
            guard let e, let d = CivilDate(iso: e.effectiveOn),
                  let outcome = ReplyOutcome(rawValue: e.code ?? "") else { return nil }
            return letters.reply(outcome: outcome, issuedOn: d, reason: e.note,
                                 notHeld: a.notHeldGround.flatMap(NotHeldGround.init(rawValue:)),
                                 responsibleOrgan: a.responsibleOrgan, provision: a.provision)
        }
    }

    /// The 文号 assigned when the step was recorded (nil for the 登记回执 and for older cases).
    static func letterNumber(of event: ApplicationEvent?, db: any Database) async throws -> String? {
        guard let id = event?.id else { return nil }
        return try await CaseLetterNumber.query(on: db).filter(\.$eventID == id).first()?.number
    }
}
