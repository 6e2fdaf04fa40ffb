import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政府公报 in the back office: the issues, a new issue, and one issue's contents (add by 索引号,
/// remove, publish). Kept by the government's 公开办.
enum GazetteAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    static let owner = RecordOwner(kind: "gazette") { raw, db in
        guard let id = UUID(uuidString: raw), let i = try await GazetteIssue.find(id, on: db) else { return [] }
        return [i.organisationID]
    }

    struct EntryRow: Sendable {
        let id: String
        let title: String
        let section: String
        let canRemove: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let issues: [HomeLink]
        let hasIssues: Bool
        let organisations: [OptionItem]
        let values: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct IssueView: Sendable {
        let chrome: PageChrome
        let title: String
        let state: String
        let publicHref: String?
        let entries: [EntryRow]
        let hasEntries: Bool
        let isDraft: Bool
        let sections: [OptionItem]
        let errors: [String: String]
        let indexNumber: String
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = GazetteDesk(services: services)

        bo.get("/admin/gazette", roles: editors, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/gazette", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation, org.kind.isAdministrativeOrgan else { throw UserFacingError(status: .badRequest, message: "请选择出版机关") }
            let form = context.form
            do {
                let issue = try await desk.create(in: org, year: form["year"], number: form["number"], issuedOn: form["issued_on"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/gazette/\(issue.id!.uuidString)?notice=saved", type: .found)
            } catch let f as DeskFailure {
                let values = Dictionary(uniqueKeysWithValues: ["year", "number", "issued_on"].map { ($0, form[$0]) })
                return try await list(services, request, context, auth, values: values, errors: f.fieldErrors(refusalAt: "number"), status: .badRequest)
            }
        }

        let target = AccessTarget.record(param: "issue", owner: owner)
        bo.get("/admin/gazette/:issue", roles: editors, target: target) { request, context, auth in
            try await page(services, request, context, errors: [:], indexNumber: "", status: .ok)
        }

        bo.post("/admin/gazette/:issue", roles: editors, target: target) { request, context, auth in
            let issue = try await issue(context, services)
            let form = context.form
            let actor = auth.staff.actor(context)
            do {
                switch form["action"] {
                case "add": try await desk.add(issue, indexNumber: form["index_number"], section: form["section"], actor: actor)
                case "remove":
                    guard let id = UUID(uuidString: form["entry"]), let e = try await GazetteEntry.find(id, on: services.db), e.issueID == issue.id else {
                        throw UserFacingError(status: .badRequest, message: "找不到该篇目")
                    }
                    try await desk.remove(issue, entry: e, actor: actor)
                case "publish": try await desk.publish(issue, actor: actor)
                default: throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                return try await page(services, request, context, errors: f.fieldErrors(refusalAt: "action"), indexNumber: form["index_number"], status: .badRequest)
            }
            return .redirect(to: "/admin/gazette/\(issue.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func issue(_ context: AppRequestContext, _ services: AppServices) async throws -> GazetteIssue {
        guard let id = context.parameters.get("issue", as: UUID.self), let i = try await GazetteIssue.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return i
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
            .filter { $0.isActive && $0.kind.isAdministrativeOrgan }
        let ids = orgs.compactMap(\.id)
        let issues = ids.isEmpty ? [] : try await GazetteIssue.query(on: services.db).filter(\.$organisationID ~~ ids)
            .sort(\.$year, .descending).sort(\.$number, .descending).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        var v = values
        if v.isEmpty { v = ["year": String(services.clock.today().year), "issued_on": services.clock.today().description] }
        return services.templates.page("admin-gazette", ListView(
            chrome: AdminChrome.make(services, context, title: "政府公报", path: "/admin/gazette", notice: AdminChrome.notice(request)),
            issues: issues.map { HomeLink(title: $0.title, href: "/admin/gazette/\($0.id!.uuidString)", note: "\(names[$0.organisationID] ?? "") · \($0.publishedAt == nil ? "编辑中" : "已出版")") },
            hasIssues: !issues.isEmpty,
            organisations: orgs.filter { $0.kind == .countyGovernment || $0.kind == .townshipGovernment }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            values: v, errors: errors, hasErrors: !errors.isEmpty, errorList: ["year", "number", "issued_on"].compactMap { errors[$0] }), status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, errors: [String: String], indexNumber: String,
                     status: HTTPResponse.Status) async throws -> Response {
        let issue = try await issue(context, services)
        let entries = try await GazetteEntry.query(on: services.db).filter(\.$issueID == issue.requireID()).all()
        let items = try await InformationItem.query(on: services.db).filter(\.$id ~~ entries.map(\.itemID)).all()
        let ordered = GazetteSection.contents(entries.map { ($0.sectionValue, $0.position, $0) }).flatMap(\.entries)
        let isDraft = issue.publishedAt == nil
        return services.templates.page("admin-gazette-issue", IssueView(
            chrome: AdminChrome.make(services, context, title: issue.title, path: "/admin/gazette", notice: AdminChrome.notice(request)),
            title: issue.title, state: isDraft ? "编辑中" : "已出版", publicHref: isDraft ? nil : GazetteRoutes.href(issue),
            entries: ordered.map { e in EntryRow(id: e.id!.uuidString, title: items.first { $0.id == e.itemID }?.title ?? "（已撤回的信息）",
                                                 section: e.sectionValue.label, canRemove: isDraft) },
            hasEntries: !entries.isEmpty, isDraft: isDraft,
            sections: [OptionItem(value: "", label: "按信息类别自动归栏", selected: true)] + GazetteSection.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            errors: errors, indexNumber: indexNumber), status: status)
    }
}
