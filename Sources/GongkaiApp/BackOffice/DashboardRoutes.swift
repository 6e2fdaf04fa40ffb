import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back-office home: who you are, what you can do, and the platform's state.
enum DashboardRoutes {
    struct Tile: Sendable {
        let label: String
        let value: String
        let href: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let displayName: String
        let grants: [AccountRoutes.GrantView]
        let tiles: [Tile]
        let hasTiles: Bool
        let hasGrants: Bool
        let isAdministrator: Bool
        let upcoming: [String]
        /// Things an administrator must set right (e.g. an empty sensitive-word list).
        let warnings: [Warning]
    }

    struct Warning: Sendable {
        let text: String
        let href: String
        let linkText: String
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin", target: .signedIn) { request, context, auth in
            let db = services.db
            var tiles: [Tile] = []
            let isAdmin = auth.staff.policy.holdsAny(of: Roles.administrators)
            if isAdmin {
                let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: db)
                let ids = orgs.compactMap { $0.node.id }
                let users = try await StaffUser.query(on: db).filter(\.$organisationID ~~ ids).count()
                let locked = try await StaffUser.query(on: db).filter(\.$organisationID ~~ ids).filter(\.$lockedUntil > Date()).count()
                tiles = [
                    Tile(label: "管理的机构", value: String(orgs.filter { $0.node.isActive }.count), href: "/admin/orgs"),
                    Tile(label: "用户账户", value: String(users), href: "/admin/users"),
                    Tile(label: "被锁定的账户", value: String(locked), href: "/admin/users"),
                ]
            }
            if auth.staff.policy.holdsAny(of: ApplicationAdminRoutes.viewers) {
                let orgIDs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: ApplicationAdminRoutes.viewers, on: db)
                    .compactMap { $0.node.id }
                let open = try await ApplicationQueries.cases(organisationIDs: orgIDs, openOnly: true, services: services)
                let overdue = open.filter { ApplicationQueries.DueFilter.overdue.matches($0) }.count
                let soon = open.filter { ApplicationQueries.DueFilter.soon.matches($0) }.count
                let unconfirmed = open.filter { $0.application.statusValue == .awaitingConfirmation }.count
                tiles += [
                    Tile(label: "办理中的申请", value: String(open.count), href: "/admin/applications"),
                    Tile(label: "待确认收到", value: String(unconfirmed), href: "/admin/applications"),
                    Tile(label: ApplicationQueries.DueFilter.soon.label, value: String(soon), href: "/admin/applications?due=soon"),
                    Tile(label: ApplicationQueries.DueFilter.overdue.label, value: String(overdue), href: "/admin/applications?due=overdue"),
                ]
            }
            var warnings: [Warning] = []
            if isAdmin, try await CheckTerm.query(on: db).filter(\.$list == CheckTerm.List.sensitive.rawValue).count() == 0 {
                warnings.append(Warning(text: "敏感词表为空：发布前检查不会发现任何敏感词（如“绝密”等密级标志）。请尽快补充。",
                                        href: "/admin/check-lists", linkText: "编辑检查词表"))
            }
            let view = View(chrome: AdminChrome.make(services, context, title: "工作台", path: "/admin"),
                            displayName: auth.staff.user.displayName,
                            grants: try await AccountRoutes.grantViews(auth.staff.grants, on: db),
                            tiles: tiles, hasTiles: !tiles.isEmpty, hasGrants: !auth.staff.grants.isEmpty, isAdministrator: isAdmin,
                            upcoming: ["政府信息发布与先审后发", "依申请公开办理", "政务公开事项标准目录", "政府信息公开工作年度报告"],
                            warnings: warnings)
            return services.templates.page("admin-dashboard", view)
        }
    }
}
