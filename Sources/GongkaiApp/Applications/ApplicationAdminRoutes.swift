import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office handling of applications: the case list with due dates, the case page with its
/// timeline and deadline derivation, each handling step, and entry of applications received offline.
enum ApplicationAdminRoutes {
    static let viewers: Set<StaffRole> = [.applicationHandler, .disclosureOfficeAdministrator, .leader]
    static let handlers: Set<StaffRole> = [.applicationHandler, .disclosureOfficeAdministrator]
    static let approvers: Set<StaffRole> = [.leader]
    static let assigners: Set<StaffRole> = [.disclosureOfficeAdministrator]

    static let owner = RecordOwner(kind: "application") { raw, db in
        guard let id = UUID(uuidString: raw), let a = try await InformationApplication.find(id, on: db) else { return [] }
        return [a.organisationID] + (a.handlingOrganisationID.map { [$0] } ?? [])
    }

    /// The case named by the `:app` path parameter (access was checked by the route's RecordOwner).
    static func loadCase(_ context: AppRequestContext, _ services: AppServices) async throws -> InformationApplication {
        guard let id = context.parameters.get("app", as: UUID.self), let a = try await InformationApplication.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return a
    }

    /// Runs a handling step: back to the case page with the Chinese messages when the rules refuse
    /// it, otherwise to the case page with "已保存".
    static func perform(_ services: AppServices, desk: ApplicationDesk, context: AppRequestContext, auth: Authorised,
                        request: Request, _ step: () async throws -> Void) async throws -> Response {
        do {
            try await step()
        } catch ApplicationDesk.Failure.invalid(let e) {
            return try await detail(services, desk: desk, context: context, auth: auth, request: request, errors: e, status: .badRequest)
        }
        return .redirect(to: "/admin/applications/\(context.parameters.get("app") ?? "")?notice=saved", type: .found)
    }

    static func newForm(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, values: [String: String],
                        errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let v = values.isEmpty ? ApplicationPublicRoutes.FieldChoices.blank.merging(
            ["channel": ApplicationChannel.inPerson.rawValue, "receipt_date": services.clock.today().description]) { a, _ in a } : values
        let c = ApplicationPublicRoutes.FieldChoices(v)
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: handlers, on: services.db)
            .filter { $0.node.isActive && $0.node.kind.isAdministrativeOrgan }
        typealias Routes = ApplicationPublicRoutes
        let view = NewView(
            chrome: AdminChrome.make(services, context, title: "登记线下申请", path: "/admin/applications"),
            organisations: orgs.map { OptionItem(value: String($0.node.id ?? 0), label: String(repeating: "　", count: $0.depth) + $0.node.name,
                                                 selected: String($0.node.id ?? 0) == v["organisation_id"]) },
            channels: ApplicationChannel.allCases.filter { $0 != .online }
                .map { Routes.Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == v["channel"]) },
            kinds: c.kinds, idKinds: c.idKinds, forms: c.forms, ways: c.ways,
            values: v, errors: errors, hasErrors: !errors.isEmpty,
            errorList: (["organisation_id", "channel", "receipt_date"] + Routes.fieldNames).compactMap { errors[$0] })
        return services.templates.page("admin-application-new", view, status: status)
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ApplicationDesk(services: services)

        bo.get("/admin/applications/new", roles: handlers, target: .anyScope) { request, context, auth in
            try await newForm(services, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/applications", roles: handlers, target: .organisationInput(field: "organisation_id")) { request, context, auth in
            let form = context.form
            var values: [String: String] = [:]
            for f in ApplicationPublicRoutes.fieldNames + ["organisation_id", "channel", "receipt_date"] { values[f] = form[f] }
            guard let org = auth.organisation, org.kind.isAdministrativeOrgan, org.isActive else {
                return try await newForm(services, context, auth, values: values, errors: ["organisation_id": "请选择受理机关"], status: .badRequest)
            }
            let (input, parsedErrors) = ApplicationInput.parse { form[$0] }
            var errors = parsedErrors
            let channel = ApplicationChannel(rawValue: form["channel"])
            if channel == nil || channel == .online { errors["channel"] = "请选择提交方式" }
            var receipt: CivilDate?
            if !form["receipt_date"].isEmpty {
                if let d = CivilDate(iso: form["receipt_date"]), d <= services.clock.today() { receipt = d } else {
                    errors["receipt_date"] = "收到申请日期无效或晚于今天"
                }
            } else if channel?.receiptKnownOnEntry == true {
                errors["receipt_date"] = "\(channel!.label)的申请，\(channel!.receiptRule)，请填写"
            }
            if !errors.isEmpty {
                return try await newForm(services, context, auth, values: values, errors: errors, status: .badRequest)
            }
            let (a, code) = try await desk.submit(input, to: org, channel: channel!, receiptDate: receipt,
                                                  clientAddress: context.clientAddress, actor: auth.staff.actor(context))
            let view = ReceiptIssued(chrome: AdminChrome.make(services, context, title: "已登记", path: "/admin/applications"),
                                     id: a.id?.uuidString ?? "", number: a.registrationNumber, queryCode: code,
                                     organisation: org.name, applicant: a.name)
            return services.templates.page("admin-application-registered", view)
        }

        bo.get("/admin/applications", roles: viewers, target: .anyScope) { request, context, auth in
            let db = services.db
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: db)
            let names = Dictionary(orgs.map { ($0.node.id ?? 0, $0.node.shortName) }, uniquingKeysWith: { a, _ in a })
            let dueFilter = request.query.get("due").flatMap(ApplicationQueries.DueFilter.init(rawValue:))
            let openOnly = request.query.get("all") != "1" || dueFilter != nil
            var cases = try await ApplicationQueries.cases(organisationIDs: Array(names.keys), openOnly: openOnly, services: services)
            if let f = dueFilter { let today = services.clock.today(); cases = cases.filter { f.matches($0, today: today) } }
            let rows = cases.map { c -> Row in
                let a = c.application
                var due = "—", cls = ""
                if let clock = c.clock, let left = c.workingDaysLeft {
                    due = (clock.kind == .reply ? "" : clock.kind.label + " ") + clock.dueDate.description
                        + (c.deadline?.provisional == true ? "（暂算）" : "")
                    if left < 0 { due += "（已超期）"; cls = "status-overdue" } else if left <= 5 { due += "（剩\(left)个工作日）"; cls = "status-soon" }
                }
                return Row(id: a.id?.uuidString ?? "", number: a.registrationNumber, organisation: names[a.organisationID] ?? "",
                           applicant: Masking.name(a.name, isOrganisation: a.kindValue.isOrganisation),
                           kind: a.kindValue.label, status: a.statusValue.label, due: due, dueClass: cls,
                           summary: String(a.description.prefix(40)))
            }
            let view = ListView(chrome: AdminChrome.make(services, context, title: "依申请公开", path: "/admin/applications", notice: AdminChrome.notice(request)),
                                rows: rows, isEmpty: rows.isEmpty, canEnter: auth.staff.policy.holdsAny(of: handlers), openOnly: openOnly,
                                dueFilter: dueFilter?.label)
            return services.templates.page("admin-applications", view)
        }

        bo.get("/admin/applications/:app", roles: viewers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let response = try await detail(services, desk: desk, context: context, auth: auth, request: request, errors: [:], status: .ok)
            try await recordPersonalDataAccess(try await loadCase(context, services), action: "查看申请人信息", services: services,
                                               context: context, auth: auth)
            return response
        }

        bo.post("/admin/applications/:app/steps", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let form = context.form
            let a = try await loadCase(context, services)
            // Extensions go through /extend (领导 only), assignment through /assign (公开办 only).
            guard let step = ApplicationStep(rawValue: form["step"]), ![.submitted, .extended, .assigned].contains(step) else {
                throw UserFacingError(status: .badRequest, message: "未知的办理步骤。")
            }
            // While a case is with a department, only that department signs for it or returns it.
            if [.accepted, .returned].contains(step) {
                guard let h = a.handlingOrganisationID, let handling = try await Organisation.find(h, on: services.db),
                      auth.staff.policy.allows(handlers, ancestry: handling.ancestry.ids) else {
                    throw UserFacingError.forbidden("只有承办单位可以签收或退回。")
                }
            }
            guard let date = CivilDate(iso: form["date"]) else {
                return try await detail(services, desk: desk, context: context, auth: auth, request: request,
                                        errors: ["date": "请填写有效的日期"], status: .badRequest)
            }
            var input = ApplicationDesk.StepInput(step: step, date: date, note: form["note"])
            input.deadline = CivilDate(iso: form["deadline"])
            input.days = try form.optionalInteger("days", in: 1...366, label: "天数")
            input.code = form["code"].isEmpty ? nil : form["code"]
            input.notHeld = NotHeldGround(rawValue: form["not_held"])
            input.responsibleOrgan = form["responsible_organ"]
            input.provision = form["provision"]
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                try await desk.record(input, on: a, actor: auth.staff.actor(context))
            }
        }

        // Files that give the applicant the information (予以公开 / 部分公开), shown on the tracking page.
        bo.post("/admin/applications/:app/files", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await loadCase(context, services)
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                guard !context.uploads.isEmpty else { throw ApplicationDesk.Failure.invalid(["file": "请选择要附送的文件"]) }
                do {
                    for file in context.uploads { _ = try await CaseFileStore(services: services).add(file, to: a, actor: auth.staff.actor(context)) }
                } catch CaseFileStore.Failure.invalid(let m) {
                    throw ApplicationDesk.Failure.invalid(["file": m])
                }
            }
        }

        bo.get("/admin/applications/:app/files/:file", roles: viewers, target: .record(param: "app", owner: owner)) { _, context, _ in
            let a = try await loadCase(context, services)
            guard let fid = context.parameters.get("file", as: UUID.self), let f = try await CaseFile.find(fid, on: services.db),
                  f.applicationID == a.id else { throw HTTPError(.notFound) }
            return try await CaseFileStore(services: services).response(for: f)
        }

        bo.post("/admin/applications/:app/files/:file/delete", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await loadCase(context, services)
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                guard let fid = context.parameters.get("file", as: UUID.self), let f = try await CaseFile.find(fid, on: services.db),
                      f.applicationID == a.id else { throw ApplicationDesk.Failure.invalid(["file": "没有这个文件"]) }
                do {
                    try await CaseFileStore(services: services).remove(f, from: a, actor: auth.staff.actor(context))
                } catch CaseFileStore.Failure.invalid(let m) {
                    throw ApplicationDesk.Failure.invalid(["file": m])
                }
            }
        }

        bo.post("/admin/applications/:app/fee", roles: handlers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await loadCase(context, services)
            let form = context.form
            guard let method = InformationProcessingFee.Method(rawValue: form["method"]), let date = CivilDate(iso: form["date"]) else {
                return try await detail(services, desk: desk, context: context, auth: auth, request: request,
                                        errors: ["method": "请选择计收方式并填写通知日期"], status: .badRequest)
            }
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                try await desk.issueFeeNotice(on: a, method: method, pages: try form.optionalInteger("pages", in: 1...1_000_000, label: "页数"), date: date, actor: auth.staff.actor(context))
            }
        }

        bo.post("/admin/applications/:app/assign", roles: assigners, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await loadCase(context, services)
            guard let applied = try await Organisation.find(a.organisationID, on: services.db) else { throw HTTPError(.notFound) }
            let form = context.form
            guard auth.staff.policy.allows(assigners, ancestry: applied.ancestry.ids) else {
                throw UserFacingError.forbidden("只有受理机关的公开办可以交办。")
            }
            guard let targetID = Int(form["target"]), let target = try await Organisation.find(targetID, on: services.db),
                  target.isActive, target.kind.isAdministrativeOrgan else {
                return try await detail(services, desk: desk, context: context, auth: auth, request: request,
                                        errors: ["code": "请选择承办单位"], status: .badRequest)
            }
            guard auth.staff.policy.allows(assigners, ancestry: target.ancestry.ids) else {
                throw UserFacingError.forbidden("您不能向“\(target.name)”交办。")
            }
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                try await desk.record(.init(step: .assigned, date: services.clock.today(), note: form["note"], code: String(targetID)),
                                      on: a, actor: auth.staff.actor(context))
            }
        }

        bo.post("/admin/applications/:app/extend", roles: approvers, target: .record(param: "app", owner: owner)) { request, context, auth in
            let a = try await loadCase(context, services)
            let form = context.form
            guard let date = CivilDate(iso: form["date"]), let days = Int(form["days"]), (1...20).contains(days) else {
                return try await detail(services, desk: desk, context: context, auth: auth, request: request,
                                        errors: ["days": "请填写批准日期和1至20之间的延长工作日数"], status: .badRequest)
            }
            return try await perform(services, desk: desk, context: context, auth: auth, request: request) {
                try await desk.record(.init(step: .extended, date: date, note: form["note"], days: days), on: a, actor: auth.staff.actor(context))
            }
        }
    }

    /// 等保: who saw or took away an applicant's personal data is on the audit trail (the case
    /// page shows name, document number, phone, address; the documents carry them too).
    static func recordPersonalDataAccess(_ a: InformationApplication, action: String, services: AppServices,
                                         context: AppRequestContext, auth: Authorised) async throws {
        try await services.audit.record(on: services.db, actor: auth.staff.actor(context), organisationID: a.organisationID,
                                        entity: .application, entityID: a.registrationNumber, action: action)
    }

    static func detail(_ services: AppServices, desk: ApplicationDesk, context: AppRequestContext, auth: Authorised,
                       request: Request, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let a = try await loadCase(context, services)
        let page = try await CasePage.load(a, desk: desk, policy: auth.staff.policy, organisation: auth.organisation)
        let chrome = AdminChrome.make(services, context, title: "申请 \(a.registrationNumber)", path: "/admin/applications",
                                      notice: AdminChrome.notice(request))
        let view = DetailView(page, chrome: chrome, errors: errors)
        var response = services.templates.page("admin-application", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func feeSuggestion(_ desk: ApplicationDesk, _ a: InformationApplication) async throws -> String {
        let n = try await desk.ordinalInMonth(of: a)
        return InformationProcessingFee().explain(method: .byCount, quantity: n)
    }

    static func stepNote(_ e: ApplicationEvent) -> String {
        var parts: [String] = []
        if let code = e.code {
            parts.append(ReplyOutcome(rawValue: code)?.fullLabel ?? ReplyDeadline.PauseReason(rawValue: code)?.label ?? code)
        }
        if let d = e.deadline { parts.append("期限至\(d)") }
        if let n = e.days { parts.append("\(n)个工作日") }
        if let y = e.amount { parts.append("\(y)元") }
        if !e.note.isEmpty { parts.append(e.note) }
        return parts.joined(separator: "；")
    }
}
