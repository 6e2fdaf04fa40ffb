import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策包 in the back office, kept by the disclosure office: the list, a form (audience, picks by
/// 索引号 or guide number, contacts), publish and withdraw, with the package's reach.
enum PolicyPackageAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    static let owner = RecordOwner(kind: "policy-package") { raw, db in
        guard let id = UUID(uuidString: raw), let p = try await PolicyPackage.find(id, on: db) else { return [] }
        return [p.organisationID]
    }

    struct Row: Sendable {
        let name: String
        let href: String
        let state: String
        let reach: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let heading: String
        let action: String
        let isNew: Bool
        let organisations: [OptionItem]
        let name: String
        let intro: String
        let picks: String
        let contacts: String
        let audience: AudienceForm
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let isPublished: Bool
        let publicHref: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = PolicyPackageDesk(services: services)

        bo.get("/admin/push/packages", roles: editors, target: .anyScope) { request, context, auth in
            try await page(services, request, context, auth, package: nil, input: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/push/packages", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择发布单位") }
            return try await save(services, request, context, auth, desk, package: nil, organisationID: org.id!)
        }
        let target = AccessTarget.record(param: "set", owner: owner)
        bo.get("/admin/push/packages/:set", roles: editors, target: target) { request, context, auth in
            try await page(services, request, context, auth, package: try await package(context, services), input: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/push/packages/:set", roles: editors, target: target) { request, context, auth in
            let p = try await package(context, services)
            switch context.form["action"] {
            case "publish", "withdraw":
                try await desk.setPublished(p, context.form["action"] == "publish", actor: auth.staff.actor(context))
                return .redirect(to: "/admin/push/packages/\(p.id!.uuidString)?notice=saved", type: .found)
            default:
                return try await save(services, request, context, auth, desk, package: p, organisationID: p.organisationID)
            }
        }
    }

    static func package(_ context: AppRequestContext, _ services: AppServices) async throws -> PolicyPackage {
        guard let id = context.parameters.get("set", as: UUID.self), let p = try await PolicyPackage.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return p
    }

    static func save(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ desk: PolicyPackageDesk,
                     package: PolicyPackage?, organisationID: Int) async throws -> Response {
        let regions = Set(try await PushQueries.regions(services).map(\.id))
        let (input, errors) = PolicyPackageDesk.parse(context.form, vocabulary: services.config.audienceVocabulary, regions: regions)
        guard errors.isEmpty else { return try await page(services, request, context, auth, package: package, input: input, errors: errors, status: .badRequest) }
        do {
            let p = try await desk.save(input, package: package, organisationID: organisationID, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/push/packages/\(p.id!.uuidString)?notice=saved", type: .found)
        } catch let f as DeskFailure {
            return try await page(services, request, context, auth, package: package, input: input, errors: f.fieldErrors(refusalAt: "picks"), status: .badRequest)
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, package: PolicyPackage?,
                     input: PolicyPackageDesk.Input?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let packages = ids.isEmpty ? [] : try await PolicyPackage.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$name).all()
        var rows: [Row] = []
        for p in packages {
            let fetches = try await PushQueries.fetches("package:\(p.id!.uuidString)", on: services.db)
            let cameBy = try await PushSubscriber.query(on: services.db).filter(\.$source == "package:\(p.id!.uuidString.prefix(8))").count()
            rows.append(Row(name: p.name, href: "/admin/push/packages/\(p.id!.uuidString)", state: p.publishedAt == nil ? "未发布" : "已发布",
                            reach: "订阅源读取\(fetches)次，扫码订阅\(cameBy)人"))
        }
        var pickText = input?.picks.joined(separator: "\n") ?? ""
        if input == nil, let package {
            let items = try await InformationItem.query(on: services.db).filter(\.$id ~~ package.pickedItems).all()
            pickText = (items.map(\.indexNumber) + package.pickedGuides.map(\.uuidString)).joined(separator: "\n")
        }
        let audience = input?.audience ?? package?.audience ?? Audience()
        return services.templates.page("admin-push-packages", View(
            chrome: AdminChrome.make(services, context, title: "政策包", path: "/admin/push", notice: AdminChrome.notice(request)),
            rows: rows, hasRows: !rows.isEmpty, heading: package.map { "修改：\($0.name)" } ?? "新建政策包",
            action: package.map { "/admin/push/packages/\($0.id!.uuidString)" } ?? "/admin/push/packages", isNew: package == nil,
            organisations: orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            name: input?.name ?? package?.name ?? "", intro: input?.intro ?? package?.intro ?? "", picks: pickText,
            contacts: input?.contacts ?? package?.contacts ?? "",
            audience: AudienceForm.make(vocabulary: services.config.audienceVocabulary, regions: try await PushQueries.regions(services), chosen: audience, errors: errors, prefix: "k"),
            errors: errors, hasErrors: !errors.isEmpty, errorList: ["name", "intro", "region", "group", "picks", "contacts"].compactMap { errors[$0] },
            isPublished: package?.publishedAt != nil, publicHref: package?.publishedAt == nil ? nil : package.map(PolicyPackageQueries.href)), status: status)
    }
}
