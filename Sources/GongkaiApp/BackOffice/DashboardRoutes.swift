import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back-office home: who you are, and what each capability has for you (tiles and warnings,
/// from `Capability.dashboard`).
enum DashboardRoutes {
    struct View: Sendable {
        let chrome: PageChrome
        let displayName: String
        let grants: [AccountRoutes.GrantView]
        let tiles: [DashboardTile]
        let hasTiles: Bool
        let hasGrants: Bool
        /// Things to set right (e.g. an empty sensitive-word list).
        let warnings: [DashboardWarning]
    }

    /// Every capability's part for this user, in the capabilities' order.
    static func panel(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        var all = DashboardPanel()
        for build in services.capabilities.compactMap(\.dashboard) {
            let p = try await build(services, auth)
            all.tiles += p.tiles
            all.warnings += p.warnings
        }
        return all
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin", target: .signedIn) { request, context, auth in
            let panel = try await panel(services, auth)
            let view = View(chrome: AdminChrome.make(services, context, title: "工作台", path: "/admin"),
                            displayName: auth.staff.user.displayName,
                            grants: try await AccountRoutes.grantViews(auth.staff.grants, on: services.db),
                            tiles: panel.tiles, hasTiles: !panel.tiles.isEmpty, hasGrants: !auth.staff.grants.isEmpty,
                            warnings: panel.warnings)
            return services.templates.page("admin-dashboard", view)
        }
    }
}
