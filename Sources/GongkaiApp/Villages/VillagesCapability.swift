import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 村（居）务公开 to the last mile: village sections under the township's column, finance tables that
/// add up, the township's lists shown village by village, matter lists and 监督委员会, phone-first
/// publishing with board photos; and the new kinds of organisation (管委会, 派出机构, 事业单位,
/// 公共企事业单位) with their columns.
enum VillagesCapability {
    static let capability = Capability(
        name: "villages",
        migrations: [M047CreateVillages()],
        publicRoutes: { router, services in VillagePublicRoutes.register(router: router, services: services) },
        backOfficeRoutes: { bo in
            VillageAdminRoutes.register(bo)
            PhonePublishRoutes.register(bo)
            UnitAdminRoutes.register(bo)
        },
        navigation: [.init(label: "村（居）务公开", path: "/admin/villages", roles: VillageDesk.viewers, matchPrefix: "/admin/villages", order: 67),
                     .init(label: "公共企事业单位", path: "/admin/units", roles: UnitAdminRoutes.editors, order: 68)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        columnSections: [ColumnSection(key: "cunwu", label: "村（居）务公开", path: "/cunwu", order: 47, kinds: [.townshipGovernment, .subdistrictOffice])],
        demo: { demo in try await DemoVillages(services: demo.services).load(demo) })

    /// For a township's office: villages whose periodic items lack the board photo the township
    /// asks for, and village lists that differ from the township's.
    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        guard auth.staff.policy.holdsAny(of: VillageDesk.viewers) else { return DashboardPanel() }
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: VillageDesk.viewers, on: services.db).map(\.node)
        let townships = orgs.filter { $0.kind == .townshipGovernment || $0.kind == .subdistrictOffice }.compactMap(\.id)
        let villages = orgs.filter(\.kind.isVillage)
        guard !villages.isEmpty else { return DashboardPanel() }
        var panel = DashboardPanel()
        let ids = villages.compactMap(\.id)
        let published = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID ~~ ids).count()
        panel.tiles.append(DashboardTile(label: "村（居）务公开信息", value: String(published), href: "/admin/villages"))
        for d in try await VillageQueries.differences(townshipIDs: townships, services) {
            panel.warnings.append(DashboardWarning(text: "\(d.village)《\(d.item)》\(d.message)", href: d.href, linkText: "查看"))
        }
        return panel
    }
}
