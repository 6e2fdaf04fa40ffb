import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The organisation tree: each organisation's own page (机关简介) and 政府信息公开指南 in its
/// public column, and the back-office pages that keep the tree.
enum OrganisationsCapability {
    static let capability = Capability(
        name: "organisations",
        migrations: [M031OrganisationRulesText()],
        publicRoutes: { router, services in
            router.get("/xxgk/:org") { request, context -> Response in
                try await PortalRoutes.orgPage(services, request: request, context: context, sectionKey: "home")
            }
            router.get("/xxgk/:org/guide") { request, context -> Response in
                try await PortalRoutes.orgPage(services, request: request, context: context, sectionKey: "guide")
            }
        },
        backOfficeRoutes: { OrganisationAdminRoutes.register($0) },
        navigation: [.init(label: "机构管理", path: "/admin/orgs", roles: Roles.administrators, order: 100)],
        dashboard: { services, auth in
            guard auth.staff.policy.holdsAny(of: Roles.administrators) else { return DashboardPanel() }
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: services.db)
            return DashboardPanel(tiles: [
                DashboardTile(label: "管理的机构", value: String(orgs.filter { $0.node.isActive }.count), href: "/admin/orgs"),
            ])
        },
        columnSections: [
            ColumnSection(key: "home", label: "机关简介", path: "", order: 10),
            ColumnSection(key: "guide", label: "政府信息公开指南", path: "/guide", order: 20),
        ])
}
