import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Watching our own sites as the inspectors do (issue 19): site monitoring against the 19号
/// indicators, the 政务新媒体 registry, the 负面清单 of matters not disclosed.
enum InspectionCapability {
    static let capability = Capability(
        name: "inspection",
        migrations: [M049CreateInspection()],
        publicRoutes: { router, services in
            NewMediaRoutes.registerPublic(router: router, services: services)
            NegativeListRoutes.registerPublic(router: router, services: services)
            InspectionAPI.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            MonitorAdminRoutes.register(bo)
            NewMediaRoutes.register(bo)
            NegativeListRoutes.register(bo)
        },
        navigation: [.init(label: "网站监测", path: "/admin/monitor", roles: MonitorDesk.viewers, order: 80),
                     .init(label: "政务新媒体", path: "/admin/xmt", roles: NewMediaDesk.viewers, order: 81),
                     .init(label: "负面清单", path: "/admin/fmqd", roles: NegativeListDesk.viewers, order: 82)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        columnSections: [ColumnSection(key: "fmqd", label: "不予公开事项清单", path: "/fmqd", order: 92,
                                       kinds: Set(OrganisationKind.allCases.filter(\.isAdministrativeOrgan)))],
        home: HomeContribution(order: 90) { _, _ in HomePart(actions: [HomeAction(label: "政务新媒体", href: "/xmt")]) },
        jobs: [MonitorJob.job, NewMediaDesk.feedJob],
        demo: { demo in try await DemoInspection(services: demo.services).load(demo) },
        openAPI: InspectionAPI.openAPI)

    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        var panel = DashboardPanel()
        let policy = auth.staff.policy
        if policy.holdsAny(of: MonitorDesk.viewers) {
            let visible = Set(try await OrganisationQueries.tree(visibleTo: policy, roles: MonitorDesk.viewers, on: services.db).compactMap(\.node.id))
            let standings = try await MonitorQueries.standings(services, visible: visible, sites: try await MonitoredSite.all(services))
            let open = standings.reduce(0) { $0 + $1.open }
            panel.tiles.append(DashboardTile(label: "网站监测未消除问题", value: String(open), href: "/admin/monitor"))
            for s in standings where s.verdict.isVetoed {
                panel.warnings.append(DashboardWarning(text: "\(s.name)触及单项否决：" + s.verdict.vetoes.map(\.item).joined(separator: "、"),
                                                       href: "/admin/monitor?org=\(s.organisationID)#problems", linkText: "查看问题"))
            }
        }
        if policy.holdsAny(of: NewMediaDesk.viewers) {
            let alerts = try await NewMediaDesk(services: services).alerts(visibleTo: policy)
            if !alerts.isEmpty {
                panel.tiles.append(DashboardTile(label: "政务新媒体提醒", value: String(alerts.count), href: "/admin/xmt"))
            }
        }
        if policy.holdsAny(of: NegativeListDesk.viewers) {
            let due = try await NegativeListDesk(services: services).dueForReview(visibleTo: policy)
            if due > 0 {
                panel.warnings.append(DashboardWarning(text: "负面清单有\(due)项已满一年未复核", href: "/admin/fmqd", linkText: "去复核"))
            }
        }
        return panel
    }
}
