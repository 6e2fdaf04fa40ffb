import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 一件事 in the back office: bundles of published guides (of any department) in the order the
/// citizen goes through them; published at once, withdrawn with a reason. Audited.
enum ServiceBundleAdminRoutes {
    static let editors = ServiceGuideAdminRoutes.editors

    static let owner = RecordOwner(kind: "bundle") { raw, db in
        guard let id = UUID(uuidString: raw), let b = try await ServiceBundle.find(id, on: db) else { return [] }
        return [b.organisationID]
    }

    struct Choice: Sendable {
        let id: String
        let key: String
        let label: String
        let order: String
    }

    struct Row: Sendable {
        let name: String
        let organisation: String
        let services: String
        let state: String
        let publicHref: String?
        let action: String
        let isPublished: Bool
        let key: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let organisations: [OptionItem]
        let choices: [Choice]
        let name: String
        let description: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services

        bo.get("/admin/guide-bundles", roles: editors, target: .anyScope) { request, context, auth in
            try await page(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/guide-bundles", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择牵头单位") }
            let form = context.form
            let published = try await ServiceGuideQueries.published(services)
            var chosen: [(Int, UUID)] = []
            var orderError: String?
            for l in published {
                let raw = form["order_\(l.guide.id!.uuidString)"].trimmingSpaces()
                guard !raw.isEmpty else { continue }
                guard raw.count <= 2, let n = Int(raw), (1...99).contains(n) else { orderError = "顺序应为1到99的数字"; continue }
                chosen.append((n, l.guide.id!))
            }
            do {
                if let orderError { throw DeskFailure.invalid(["guides": orderError]) }
                _ = try await ServiceBundleDesk(services: services).create(name: form["name"], description: form["description"],
                                                                            guides: chosen.sorted { $0.0 < $1.0 }.map(\.1), in: org, actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                var values = ["name": form["name"], "description": form["description"]]
                for l in published { values["order_\(l.guide.id!.uuidString)"] = form["order_\(l.guide.id!.uuidString)"] }
                return try await page(services, request, context, auth, values: values, errors: f.fieldErrors(refusalAt: "guides"), status: .badRequest)
            }
            return .redirect(to: "/admin/guide-bundles?notice=saved", type: .found)
        }

        bo.post("/admin/guide-bundles/:bundle", roles: editors, target: .record(param: "bundle", owner: owner)) { request, context, auth in
            guard let id = context.parameters.get("bundle", as: UUID.self), let b = try await ServiceBundle.find(id, on: services.db) else { throw HTTPError(.notFound) }
            try await ServiceBundleDesk(services: services).setPublished(b, context.form["action"] == "publish", actor: auth.staff.actor(context))
            return .redirect(to: "/admin/guide-bundles?notice=saved", type: .found)
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let bundles = ids.isEmpty ? [] : try await ServiceBundle.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$name).all()
        let published = try await ServiceGuideQueries.published(services)
        let names = try await OrganisationQueries.activeNames(services)
        let guideNames = Dictionary(published.map { ($0.guide.id!, $0.content.name) }, uniquingKeysWith: { a, _ in a })
        return services.templates.page("admin-guide-bundles", View(
            chrome: AdminChrome.make(services, context, title: "一件事", path: "/admin/guides", notice: AdminChrome.notice(request)),
            rows: bundles.map { b in
                Row(name: b.name, organisation: names[b.organisationID] ?? "", services: b.guides.map { guideNames[$0] ?? "（已停止公开的事项）" }.joined(separator: " → "),
                    state: b.publishedAt == nil ? "未公开" : "已公开", publicHref: b.publishedAt == nil ? nil : ServiceBundleQueries.href(b),
                    action: "/admin/guide-bundles/\(b.id!.uuidString)", isPublished: b.publishedAt != nil, key: String(b.id!.uuidString.prefix(8)))
            },
            hasRows: !bundles.isEmpty,
            organisations: orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            choices: published.map { l in
                Choice(id: l.guide.id!.uuidString, key: String(l.guide.id!.uuidString.prefix(8)), label: "\(l.content.name)（\(names[l.guide.organisationID] ?? "")）",
                       order: values["order_\(l.guide.id!.uuidString)"] ?? "")
            },
            name: values["name"] ?? "", description: values["description"] ?? "", errors: errors, hasErrors: !errors.isEmpty,
            errorList: ["name", "description", "guides"].compactMap { errors[$0] }), status: status)
    }
}
