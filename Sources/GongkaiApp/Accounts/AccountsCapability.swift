import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Staff accounts: log-in, one's own account, and the administration of users and their roles.
enum AccountsCapability {
    static let capability = Capability(
        name: "accounts",
        backOfficeRoutes: { bo in
            LoginRoutes.register(router: bo.router, bo: bo)
            AccountRoutes.register(bo)
            UserAdminRoutes.register(bo)
        },
        navigation: [
            .init(label: "用户与角色", path: "/admin/users", roles: Roles.administrators, order: 110),
            .init(label: "我的账户", path: "/admin/account", order: 1000),
        ],
        dashboard: { services, auth in
            guard auth.staff.policy.holdsAny(of: Roles.administrators) else { return DashboardPanel() }
            let ids = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: services.db)
                .compactMap { $0.node.id }
            let users = try await StaffUser.query(on: services.db).filter(\.$organisationID ~~ ids).count()
            let locked = try await StaffUser.query(on: services.db).filter(\.$organisationID ~~ ids)
                .filter(\.$lockedUntil > services.clock.now()).count()
            return DashboardPanel(tiles: [
                DashboardTile(label: "用户账户", value: String(users), href: "/admin/users"),
                DashboardTile(label: "被锁定的账户", value: String(locked), href: "/admin/users"),
            ])
        })
}
