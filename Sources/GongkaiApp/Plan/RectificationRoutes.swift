import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 三单 in the back office: one 问题清单 with its 责任清单 and 整改清单 columns, per unit and status;
/// a problem's page with assignment (office), report (unit) and 销号 or return (office); export.
enum RectificationRoutes {
    static let owner = RecordOwner(kind: "rectification") { raw, db in
        guard let id = UUID(uuidString: raw), let r = try await Rectification.find(id, on: db) else { return [] }
        if let org = r.organisationID { return [org] }
        return Array(try await OrganisationQueries.rootIDs(on: db)).sorted()
    }

    struct Row: Sendable {
        let href: String
        let source: String
        let problem: String
        let unit: String
        let person: String
        let measure: String
        let deadline: String
        let status: String
        let isOverdue: Bool
        let isClosed: Bool
    }

    struct Form: Sendable {
        let action: String
        let isNew: Bool
        let sources: [OptionItem]
        let organisations: [OptionItem]
        let problem: String
        let person: String
        let measure: String
        let deadline: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let counts: [PlanViews.Count]
        let rows: [Row]
        let hasRows: Bool
        let units: [OptionItem]
        let statuses: [OptionItem]
        let isOffice: Bool
        let form: Form
        let exportHref: String
    }

    struct DetailView: Sendable {
        let chrome: PageChrome
        let row: Row
        let report: String?
        let reportedOn: String?
        let evidence: [PlanViews.Evidence]
        let closedBy: String?
        let closedOn: String?
        let isOffice: Bool
        let assign: Form?
        let canReport: Bool
        let reportAction: String
        let decideAction: String
        let items: [OptionItem]
        let reportErrors: [String: String]
        let canDecide: Bool
        let decideError: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/fixes", roles: RectificationDesk.viewers, target: .anyScope) { request, context, auth in
            if request.query.get("format") == "xlsx" { return try await export(services, request, auth) }
            return try await list(services, request, context, auth, input: RectificationDesk.Input(), errors: [:], status: .ok)
        }
        bo.post("/admin/fixes", roles: RectificationDesk.office, target: .global) { request, context, auth in
            let desk = RectificationDesk(services: services)
            if context.form["action"] == "collect" {
                let all = try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id)
                let n = try await desk.collect(organisationIDs: all, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/fixes?collected=\(n)", type: .found)
            }
            let input = RectificationDesk.Input.parse(context.form)
            do {
                let all = Set(try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id))
                let r = try await desk.save(input, rectification: nil, organisations: all, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/fixes/\(r.id!.uuidString)?notice=created", type: .found)
            } catch DeskFailure.invalid(let errors) {
                return try await list(services, request, context, auth, input: input, errors: errors, status: .badRequest)
            }
        }
        bo.get("/admin/fixes/:fix", roles: RectificationDesk.viewers, target: .record(param: "fix", owner: owner)) { request, context, auth in
            guard let r = try await Rectification.find(context.parameters.get("fix", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            return try await detail(services, request, context, auth, r, assign: nil, errors: [:], reportErrors: [:], decideError: nil, status: .ok)
        }
        bo.post("/admin/fixes/:fix/report", roles: RectificationDesk.reporters, target: .record(param: "fix", owner: owner)) { request, context, auth in
            guard let r = try await Rectification.find(context.parameters.get("fix", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let form = context.form
            do {
                try await RectificationDesk(services: services).report(r, text: form["report"], item: form["item"].trimmingSpaces(),
                                                                       link: form["link"].trimmingSpaces(), actor: auth.staff.actor(context))
            } catch DeskFailure.invalid(let errors) {
                return try await detail(services, request, context, auth, r, assign: nil, errors: [:], reportErrors: errors, decideError: nil, status: .badRequest)
            }
            return .redirect(to: "/admin/fixes/\(r.id!.uuidString)?notice=saved", type: .found)
        }
        // Assignment, 销号 and return: the county's office.
        bo.post("/admin/fixes/:fix", roles: RectificationDesk.office, target: .global) { request, context, auth in
            guard let r = try await Rectification.find(context.parameters.get("fix", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let desk = RectificationDesk(services: services)
            let form = context.form
            switch form["action"] {
            case "accept", "return":
                do {
                    try await desk.decide(r, accept: form["action"] == "accept", note: form["note"], actor: auth.staff.actor(context))
                } catch DeskFailure.invalid(let errors) {
                    return try await detail(services, request, context, auth, r, assign: nil, errors: [:], reportErrors: [:], decideError: errors["decision"], status: .badRequest)
                }
            default:
                var input = RectificationDesk.Input.parse(form)
                input.source = r.source
                input.problem = form.has("problem") ? input.problem : r.problem
                do {
                    let all = Set(try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id))
                    try await desk.save(input, rectification: r, organisations: all, actor: auth.staff.actor(context))
                } catch DeskFailure.invalid(let errors) {
                    return try await detail(services, request, context, auth, r, assign: input, errors: errors, reportErrors: [:], decideError: nil, status: .badRequest)
                }
            }
            return .redirect(to: "/admin/fixes/\(r.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func row(_ r: Rectification, names: [Int: String], today: CivilDate) -> Row {
        let s = r.status(today: today)
        return Row(href: "/admin/fixes/\(r.id!.uuidString)", source: r.sourceValue.label, problem: r.problem,
                   unit: r.organisationID.flatMap { names[$0] } ?? "待定", person: r.person.isEmpty ? "待定" : r.person,
                   measure: r.measure.isEmpty ? "待定" : r.measure, deadline: r.deadline ?? "待定", status: s.label,
                   isOverdue: s == .overdue, isClosed: s == .closed)
    }

    static func form(action: String, isNew: Bool, input: RectificationDesk.Input, organisations: [Organisation], errors: [String: String]) -> Form {
        Form(action: action, isNew: isNew,
             sources: RectificationSource.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: input.source == $0.rawValue) },
             organisations: [OptionItem(value: "", label: "待定", selected: input.organisation.isEmpty)]
                + organisations.map { OptionItem(value: String($0.id!), label: $0.name, selected: input.organisation == String($0.id!)) },
             problem: input.problem, person: input.person, measure: input.measure, deadline: input.deadline,
             errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
    }

    /// The rectifications the user sees: of the units visible to them; unassigned ones for the office.
    static func visible(_ services: AppServices, _ auth: Authorised) async throws -> (rows: [Rectification], units: [Organisation], office: Bool) {
        let units = try await PlanRoutes.units(services, auth, roles: RectificationDesk.viewers)
        let ids = Set(units.compactMap(\.id))
        let office = try await PlanRoutes.isOffice(services, auth)
        let all = try await Rectification.query(on: services.db).sort(\.$createdAt, .descending).all()
        return (all.filter { r in r.organisationID.map(ids.contains) ?? office }, units, office)
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     input: RectificationDesk.Input, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let today = services.clock.today()
        let (all, units, office) = try await visible(services, auth)
        let unitFilter = Int(request.query.get("org") ?? "").flatMap { id in units.contains { $0.id == id } ? id : nil }
        let statusFilter = RectificationStatus(rawValue: request.query.get("status") ?? "")
        let byUnit = unitFilter.map { u in all.filter { $0.organisationID == u } } ?? all
        let shown = statusFilter.map { s in byUnit.filter { $0.status(today: today) == s } } ?? byUnit
        let names = try await OrganisationQueries.activeNames(services)
        let base = "/admin/fixes?" + (unitFilter.map { "org=\($0)&" } ?? "")
        var notice = PlanRoutes.notice(request)
        if let n = request.query.get("collected").flatMap(Int.init) { notice = n == 0 ? "没有新的问题需要汇总。" : "已从目录覆盖检查和网站监测汇总\(n)个问题。" }
        return services.templates.page("admin-fixes", ListView(
            chrome: AdminChrome.make(services, context, title: "问题整改（三单）", path: "/admin/fixes", notice: notice),
            counts: [PlanViews.Count(label: "全部", count: byUnit.count, href: base)] + RectificationStatus.allCases.map { s in
                PlanViews.Count(label: s.label, count: byUnit.filter { $0.status(today: today) == s }.count, href: base + "status=\(s.rawValue)")
            },
            rows: shown.map { row($0, names: names, today: today) }, hasRows: !shown.isEmpty,
            units: [OptionItem(value: "", label: "全部单位", selected: unitFilter == nil)] + units.map { OptionItem(value: String($0.id!), label: $0.name, selected: $0.id == unitFilter) },
            statuses: [OptionItem(value: "", label: "全部状态", selected: statusFilter == nil)] + RectificationStatus.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == statusFilter) },
            isOffice: office, form: form(action: "/admin/fixes", isNew: true, input: input, organisations: units, errors: errors),
            exportHref: base + "format=xlsx"), status: status)
    }

    /// The three lists side by side, as the plans lay them out.
    static func export(_ services: AppServices, _ request: Request, _ auth: Authorised) async throws -> Response {
        let today = services.clock.today()
        let (all, units, _) = try await visible(services, auth)
        let unitFilter = Int(request.query.get("org") ?? "").flatMap { id in units.contains { $0.id == id } ? id : nil }
        let rows = (unitFilter.map { u in all.filter { $0.organisationID == u } } ?? all).reversed()
        let names = try await OrganisationQueries.activeNames(services)
        let numbered = rows.enumerated().map { (String($0.offset + 1), $0.element) }
        let problems = [["序号", "问题来源", "问题描述", "发现日期"]] + numbered.map { [$0.0, $0.1.sourceValue.label, $0.1.problem, SiteClock.day(of: $0.1.createdAt).description] }
        let duties = [["序号", "问题描述", "责任单位", "责任人"]] + numbered.map { [$0.0, $0.1.problem, $0.1.organisationID.flatMap { names[$0] } ?? "待定", $0.1.person] }
        let fixes = [["序号", "问题描述", "整改措施", "整改时限", "整改情况", "佐证", "状态", "销号日期"]] + numbered.map { n, r in
            [n, r.problem, r.measure, r.deadline ?? "", r.report, r.evidenceLink, r.status(today: today).label, r.closedOn ?? ""]
        }
        let bytes = XlsxSheet.writeBook([.init(name: "问题清单", rows: problems), .init(name: "责任清单", rows: duties), .init(name: "整改清单", rows: fixes)])
        return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.xlsx.mimeType, fallbackName: "rectification.xlsx",
                                 fileName: "问题清单、责任清单、整改清单（\(today)）.xlsx", cacheControl: "no-store")
    }

    static func detail(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ r: Rectification,
                       assign: RectificationDesk.Input?, errors: [String: String], reportErrors: [String: String], decideError: String?,
                       status: HTTPResponse.Status) async throws -> Response {
        let today = services.clock.today()
        let names = try await OrganisationQueries.activeNames(services)
        let office = try await PlanRoutes.isOffice(services, auth)
        let unit = r.organisationID == nil ? nil : try await Organisation.find(r.organisationID!, on: services.db)
        let canReport = r.closedOn == nil && r.reportedOn == nil && unit.map { auth.staff.policy.allows(RectificationDesk.reporters, ancestry: $0.ancestry.ids) } == true
        let items = canReport ? try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == r.organisationID!).sort(\.$publishedAt, .descending).limit(50).all() : []
        var evidence: [PlanViews.Evidence] = []
        if let id = r.evidenceItemID, let item = try await InformationItem.find(id, on: services.db) {
            evidence.append(.init(label: "《\(item.title)》", href: ParticipationQueries.itemHref(item)))
        }
        if !r.evidenceLink.isEmpty { evidence.append(.init(label: r.evidenceLink, href: r.evidenceLink)) }
        let orgs = office ? try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node) : []
        let input = assign ?? RectificationDesk.Input(source: r.source, problem: r.problem, organisation: r.organisationID.map(String.init) ?? "",
                                                      person: r.person, measure: r.measure, deadline: r.deadline ?? "")
        return services.templates.page("admin-fix", DetailView(
            chrome: AdminChrome.make(services, context, title: "问题整改", path: "/admin/fixes", notice: PlanRoutes.notice(request)),
            row: row(r, names: names, today: today), report: r.report.nonEmpty, reportedOn: r.reportedOn, evidence: evidence,
            closedBy: r.closedBy.nonEmpty, closedOn: r.closedOn, isOffice: office,
            assign: office && r.closedOn == nil ? form(action: "/admin/fixes/\(r.id!.uuidString)", isNew: false, input: input, organisations: orgs, errors: errors) : nil,
            canReport: canReport, reportAction: "/admin/fixes/\(r.id!.uuidString)/report", decideAction: "/admin/fixes/\(r.id!.uuidString)",
            items: [OptionItem(value: "", label: "（不选）", selected: true)] + items.map { OptionItem(value: $0.id!.uuidString, label: $0.title, selected: false) },
            reportErrors: reportErrors, canDecide: office && r.reportedOn != nil && r.closedOn == nil, decideError: decideError), status: status)
    }
}
