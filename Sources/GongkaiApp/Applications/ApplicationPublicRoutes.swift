import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The applicant's side: the online form under each organisation's 依申请公开 section, the printable
/// 登记回执, and the tracking page (registration number + query code).
enum ApplicationPublicRoutes {
    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let organisationName: String
        let organisationID: Int
        let sections: [PortalRoutes.Section]
        let sectionLabel: String
        let breadcrumbs: [PortalRoutes.OrgLink]
        let facts: [PortalRoutes.Fact]
        let hasFacts: Bool
        let accepts: Bool
        let kinds: [Choice]
        let idKinds: [Choice]
        let forms: [Choice]
        let ways: [Choice]
        let values: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct ReceiptView: Sendable {
        let chrome: PageChrome
        let organisationName: String
        let registrationNumber: String
        let queryCode: String
        let submittedAt: String
        let applicantName: String
        let description: String
        let receiptRule: String
    }

    struct TrackStep: Sendable {
        let date: String
        let label: String
        let note: String
    }

    struct TrackView: Sendable {
        let chrome: PageChrome
        let number: String
        let error: String?
        let found: Bool
        let organisationName: String
        let status: String
        let dueDate: String?
        let dueNote: String?
        let outcome: String?
        let steps: [TrackStep]
        let documents: [TrackDocument]
        let hasDocuments: Bool
        /// Carried in the document forms so the applicant need not type it again (the page is never cached).
        let code: String?
        /// Files the organ provided with its reply (予以公开 / 部分公开).
        let files: [TrackFile]
        let hasFiles: Bool

        static func notFound(chrome: PageChrome, number: String, message: String) -> TrackView {
            TrackView(chrome: chrome, number: number, error: message, found: false, organisationName: "", status: "",
                      dueDate: nil, dueNote: nil, outcome: nil, steps: [], documents: [], hasDocuments: false, code: nil, files: [], hasFiles: false)
        }
    }

    struct TrackFile: Sendable {
        let id: String
        let name: String
        let size: String
    }

    struct TrackDocument: Sendable {
        let kind: String
        let label: String
    }

    static let fieldNames = ["applicant_kind", "name", "contact_person", "id_kind", "id_number", "phone", "email", "address",
                             "postcode", "description", "document_number", "requested_form", "obtaining_way"]

    /// The select options of the shared `application-fields` partial, and the values a blank form starts with.
    struct FieldChoices {
        static let blank = ["applicant_kind": ApplicantKind.naturalPerson.rawValue, "id_kind": IdentityDocumentKind.residentID.rawValue,
                            "requested_form": RequestedForm.paper.rawValue, "obtaining_way": ObtainingWay.post.rawValue]
        let kinds: [Choice]
        let idKinds: [Choice]
        let forms: [Choice]
        let ways: [Choice]

        init(_ v: [String: String]) {
            kinds = choices(ApplicantKind.self, label: { $0.isOrganisation ? "法人或其他组织：\($0.label)" : $0.label }, selected: v["applicant_kind"] ?? "")
            idKinds = choices(IdentityDocumentKind.self, label: \.label, selected: v["id_kind"] ?? "")
            forms = choices(RequestedForm.self, label: \.label, selected: v["requested_form"] ?? "")
            ways = choices(ObtainingWay.self, label: \.label, selected: v["obtaining_way"] ?? "")
        }
    }

    static func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type, label: (T) -> String, selected: String) -> [Choice] where T.RawValue == String {
        T.allCases.map { Choice(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let desk = ApplicationDesk(services: services)

        router.get("/xxgk/:org/apply") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            return try await form(services, request: request, context: context, org: org, values: [:], errors: [:], status: .ok)
        }

        router.post("/xxgk/:org/apply") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard org.kind.isAdministrativeOrgan else { throw HTTPError(.notFound) }
            let form = context.form
            var values: [String: String] = [:]
            for f in fieldNames { values[f] = form[f] }
            // A field people cannot see: only robots fill it in.
            if !form["website"].isEmpty {
                throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。")
            }
            let (input, errors) = ApplicationInput.parse { form[$0] }
            if !errors.isEmpty {
                return try await Self.form(services, request: request, context: context, org: org, values: values, errors: errors, status: .badRequest)
            }
            // The limits are counted inside the submission's transaction, under its lock, so a burst
            // of simultaneous requests cannot all pass the count before any is stored.
            let client = context.clientAddress
            let application: InformationApplication, code: String
            do {
                (application, code) = try await desk.submit(
                    input, to: org, channel: .online, receiptDate: nil, clientAddress: client,
                    actor: AuditActor(id: nil, name: "申请人（网上提交）", clientAddress: client),
                    admission: { db in try await rateLimit(db, clientAddress: client, input: input, now: services.clock.now()) })
            } catch let refused as ApplicationDesk.Refused {
                throw UserFacingError(status: .tooManyRequests, message: refused.message)
            }
            let view = ReceiptView(
                chrome: PageChrome(services: services, context: context, title: "申请已提交", path: request.uri.path),
                organisationName: org.name, registrationNumber: application.registrationNumber, queryCode: code,
                submittedAt: UserAdminRoutes.timeFormatter.string(from: application.submittedAt),
                applicantName: input.name, description: input.description, receiptRule: ApplicationChannel.online.receiptRule)
            var response = services.templates.page("portal-apply-receipt", view)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.get("/ysq/track") { request, context -> Response in
            services.templates.page("portal-track", TrackView(
                chrome: PageChrome(services: services, context: context, title: "申请办理进度查询", path: "/ysq/track"),
                number: "", error: nil, found: false, organisationName: "", status: "", dueDate: nil, dueNote: nil, outcome: nil,
                steps: [], documents: [], hasDocuments: false, code: nil, files: [], hasFiles: false))
        }

        router.post("/ysq/track") { request, context -> Response in
            let t: Tracked
            switch try await tracked(services, context) {
            case .failure(let refused): return refused.page
            case .success(let found): t = found
            }
            let (a, chrome, number, code) = (t.application, t.chrome, t.number, t.code)
            let events = try await desk.events(of: a)
            let deadline = try await desk.deadline(for: a, events: events)
            let org = try await Organisation.find(a.organisationID, on: services.db)
            let documents = ApplicationDocumentRoutes.applicantKinds
                .filter { ApplicationDocumentRoutes.isAvailable($0, events: events) }
                .map { TrackDocument(kind: $0.rawValue, label: $0.label) }
            let files = try await CaseFileStore(services: services).files(of: a).map {
                TrackFile(id: $0.id?.uuidString ?? "", name: $0.displayName, size: AttachmentStore.sizeLabel($0.size))
            }
            let view = TrackView(
                chrome: chrome, number: number, error: nil, found: true, organisationName: org?.name ?? "",
                status: a.statusValue.label,
                dueDate: a.statusValue.isOpen ? deadline?.dueDate.map { $0.chinese(withYear: true) + (deadline?.provisional == true ? "（暂算）" : "") } : nil,
                dueNote: a.statusValue.isOpen ? deadline?.explanationText : nil,
                outcome: a.outcome.flatMap { ReplyOutcome(rawValue: $0)?.publicLabel },
                steps: events.filter { $0.stepValue.visibleToApplicant }.map {
                    TrackStep(date: $0.effectiveOn, label: $0.stepValue.label, note: $0.stepValue == .submitted || $0.stepValue == .registered ? "" : Self.publicNote($0))
                },
                documents: documents, hasDocuments: !documents.isEmpty, code: code,
                files: files, hasFiles: !files.isEmpty)
            var response = services.templates.page("portal-track", view)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        // A file attached to the reply (the information itself), after the same check as tracking.
        router.post("/ysq/track/file") { request, context -> Response in
            let t: Tracked
            switch try await tracked(services, context) {
            case .failure(let refused): return refused.page
            case .success(let found): t = found
            }
            guard let fid = UUID(uuidString: context.form["file"]), let f = try await CaseFile.find(fid, on: services.db),
                  f.applicationID == t.application.id else {
                throw UserFacingError(status: .notFound, message: "没有这个文件。")
            }
            return try await CaseFileStore(services: services).response(for: f)
        }

        // A document addressed to the applicant, shown or downloaded after the same check as tracking.
        router.post("/ysq/track/document") { request, context -> Response in
            let t: Tracked
            switch try await tracked(services, context) {
            case .failure(let refused): return refused.page
            case .success(let found): t = found
            }
            let (a, chrome, number, code) = (t.application, t.chrome, t.number, t.code)
            let events = try await desk.events(of: a)
            guard let kind = ReplyLetters.Kind(rawValue: context.form["kind"]), ApplicationDocumentRoutes.applicantKinds.contains(kind),
                  let org = try await Organisation.find(a.organisationID, on: services.db),
                  let doc = try await ApplicationDocumentRoutes.document(kind, for: a, org: org, events: events, desk: desk) else {
                throw UserFacingError(status: .notFound, message: "没有这份文书，或相应的办理步骤尚未完成。")
            }
            if context.form["format"] == "docx" {
                return ApplicationDocumentRoutes.docx(doc, fileBase: "\(a.registrationNumber)-\(kind.label)")
            }
            if context.form["format"] == "pdf" {
                return try await ApplicationDocumentRoutes.pdf(doc, fileBase: "\(a.registrationNumber)-\(kind.label)", services: services)
            }
            let view = ApplicationDocumentRoutes.PrintView(doc, publicForm: .init(
                csrf: chrome.csrfToken.value, number: number, code: code, kind: kind.rawValue,
                pdf: services.config.pdfConverter != nil, pdfNote: PDFConverter.unavailableNote))
            var response = services.templates.page("document-print", view)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func normalisedCode(_ raw: String) -> String {
        raw.uppercased().replacingOccurrences(of: " ", with: "")
    }

    /// The case for a registration number and query code, or why not. Failures are counted per
    /// address; after 20 in an hour the address must wait.
    static func verify(_ services: AppServices, number: String, code: String, clientAddress: String) async throws -> Result<InformationApplication, TrackFailure> {
        let throttle = TrackingThrottle(services: services, tracker: "查询申请")
        if try await throttle.isBlocked(clientAddress) { return .failure(TrackFailure(message: "查询失败次数过多，请一小时后再试。")) }
        guard let a = try await InformationApplication.query(on: services.db).filter(\.$registrationNumber == number).first(),
              Tokens.constantTimeEqual(a.queryCodeHash, Tokens.sha256Hex(code)) else {
            try await throttle.recordFailure(clientAddress)
            return .failure(TrackFailure(message: "登记编号或查询码不正确，请核对回执上的信息。"))
        }
        return .success(a)
    }

    struct TrackFailure: Error {
        let message: String
    }

    /// A tracking form (number + query code) checked: the case, or the page that says why not.
    struct Tracked {
        let application: InformationApplication
        let chrome: PageChrome
        let number: String
        let code: String
    }

    struct TrackRefusal: Error {
        let page: Response
    }

    static func tracked(_ services: AppServices, _ context: AppRequestContext) async throws -> Result<Tracked, TrackRefusal> {
        let chrome = PageChrome(services: services, context: context, title: "申请办理进度查询", path: "/ysq/track")
        let (number, code) = (context.form["number"], normalisedCode(context.form["code"]))
        switch try await verify(services, number: number, code: code, clientAddress: context.clientAddress) {
        case .failure(let f):
            return .failure(TrackRefusal(page: services.templates.page(
                "portal-track", TrackView.notFound(chrome: chrome, number: number, message: f.message), status: .notFound)))
        case .success(let a):
            return .success(Tracked(application: a, chrome: chrome, number: number, code: code))
        }
    }

    /// What the applicant may read of a step (the reasons they are told anyway; nothing internal).
    static func publicNote(_ e: ApplicationEvent) -> String {
        switch e.stepValue {
        case .correctionRequested: return "请于\(e.deadline ?? "")前补正：\(e.note)"
        case .extended: return "延长\(e.days ?? 0)个工作日"
        case .pauseStarted: return ReplyDeadline.PauseReason(rawValue: e.code ?? "")?.label ?? ""
        case .decided: return ReplyOutcome(rawValue: e.code ?? "")?.publicLabel ?? ""
        case .delivered: return "答复已送达"
        default: return ""
        }
    }

    /// At most 10 submissions an hour from one address and 5 a day for one phone or e-mail.
    static func rateLimit(_ db: any Database, clientAddress: String, input: ApplicationInput, now: Date) async throws -> String? {
        let hourAgo = now.addingTimeInterval(-3600), dayAgo = now.addingTimeInterval(-86400)
        let fromAddress = try await InformationApplication.query(on: db).filter(\.$clientAddress == clientAddress)
            .filter(\.$channel == ApplicationChannel.online.rawValue).filter(\.$submittedAt >= hourAgo).count()
        if fromAddress >= 10 { return "同一网络一小时内提交的申请过多，请稍后再试。" }
        var q = InformationApplication.query(on: db).filter(\.$submittedAt >= dayAgo)
            .filter(\.$channel == ApplicationChannel.online.rawValue)
        q = q.group(.or) { g in
            if !input.phone.isEmpty { g.filter(\.$phone == input.phone) }
            if !input.email.isEmpty { g.filter(\.$email == input.email) }
            if input.phone.isEmpty && input.email.isEmpty { g.filter(\.$address == input.address) }
        }
        if try await q.count() >= 5 { return "同一联系方式一天内提交的申请过多，请明天再试，或与本机关联系。" }
        return nil
    }

    static func form(_ services: AppServices, request: Request, context: AppRequestContext, org: Organisation,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let base = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "apply", request: request, context: context)
        let v = values.isEmpty ? FieldChoices.blank : values
        let c = FieldChoices(v)
        let view = FormView(
            chrome: base.chrome, organisationName: base.organisationName, organisationID: base.organisationID,
            sections: base.sections, sectionLabel: base.sectionLabel, breadcrumbs: base.breadcrumbs, facts: base.facts,
            hasFacts: base.hasFacts, accepts: org.kind.isAdministrativeOrgan,
            kinds: c.kinds, idKinds: c.idKinds, forms: c.forms, ways: c.ways,
            values: v, errors: errors, hasErrors: !errors.isEmpty,
            errorList: fieldNames.compactMap { errors[$0] })
        return services.templates.page("portal-apply", view, status: status)
    }
}
