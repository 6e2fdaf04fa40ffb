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

    /// The responsible (牵头) unit of a domain hears where the county's catalogues of that domain are not
    /// being kept: rows overdue or never published, across every organisation with such a catalogue.
    static func leadDomainReminders(_ services: AppServices, organisationID: Int) async throws -> [Warning] {
        let led = try await CatalogueDomainRecord.query(on: services.db).filter(\.$responsibleOrganisationID == organisationID)
            .filter(\.$active == true).sort(\.$position).all()
        guard !led.isEmpty else { return [] }
        let calendar = try await CalendarStore(services: services).calendar()
        var out: [Warning] = []
        for d in led {
            let orgIDs = Set(try await CatalogueItem.query(on: services.db).filter(\.$domain == d.name).filter(\.$active == true).all()
                .map(\.organisationID))
            var overdue = 0, never = 0
            for id in orgIDs {
                for r in try await CoverageQueries.coverage(organisationID: id, domain: d.name, services: services, calendar: calendar) {
                    if r.assessment.status == .overdue { overdue += 1 }
                    if r.assessment.status == .never { never += 1 }
                }
            }
            if overdue + never > 0 {
                out.append(Warning(text: "本单位牵头的“\(d.name)”领域：全县\(orgIDs.count)个单位的目录中，超期未公开\(overdue)项、从未公开\(never)项。",
                                   href: "/admin/coverage", linkText: "查看公开情况"))
            }
        }
        return out
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
            warnings += try await leadDomainReminders(services, organisationID: auth.staff.user.organisationID)
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
