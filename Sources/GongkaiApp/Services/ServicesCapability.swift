import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 办事服务: 办事指南 with their key elements checked before review (先审后发, versioned), the
/// promised-date calculator on the working calendar, the printable 一次告知单 (.docx too), and
/// 一件事 bundles with combined materials.
enum ServicesCapability {
    static let capability = Capability(
        name: "services",
        migrations: [M042CreateServiceGuides(), M043CreateServicePlaces(), M044CreateGazette(), M045CreateGuideBooks()],
        publicRoutes: { router, services in
            ServiceGuideRoutes.register(router: router, services: services)
            ServiceBundleRoutes.register(router: router, services: services)
            ServiceGuideAPI.register(router: router, services: services)
            ServicePlaceRoutes.register(router: router, services: services)
            GazetteRoutes.register(router: router, services: services)
            GuideBookRoutes.register(router: router, services: services)
            KioskRoutes.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            ServiceGuideAdminRoutes.register(bo)
            ServiceBundleAdminRoutes.register(bo)
            ServicePlaceAdminRoutes.register(bo)
            GazetteAdminRoutes.register(bo)
            GuideBookRoutes.registerAdmin(bo)
        },
        navigation: [.init(label: "办事指南", path: "/admin/guides", roles: ServiceGuideAdminRoutes.viewers, order: 62),
                     .init(label: "政务地图", path: "/admin/places", roles: ServicePlaceAdminRoutes.editors, order: 63),
                     .init(label: "政府公报", path: "/admin/gazette", roles: GazetteAdminRoutes.editors, order: 64)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        home: HomeContribution(order: 8) { services, _ in
            let bundles = try await ServiceBundleQueries.published(services)
            return HomePart(actions: [HomeAction(label: "办事服务", href: "/banshi"), HomeAction(label: "政务地图", href: "/banshi/map"),
                                      HomeAction(label: "政府公报", href: "/gongbao")],
                            blocks: bundles.isEmpty ? [] : [HomeBlock(heading: "一件事", links: bundles.prefix(6).map {
                                HomeLink(title: $0.name, href: ServiceBundleQueries.href($0), note: "")
                            })])
        },
        demo: { demo in
            try await DemoGuides(services: demo.services).load(demo)
            try await DemoPlaces(services: demo.services).load(demo)
            try await DemoGazette(services: demo.services).load(demo)
            if let gov = demo.organisations["gov"] {
                _ = try await GuideBookDesk(services: demo.services).compile(for: gov, actor: .commandLine("gongkai demo"))
            }
        },
        openAPI: ServiceGuideAPI.openAPI,
        searchAlso: { services, query in
            // The published guides, read (and their JSON decoded) once per recorded change.
            let corpus = try await services.pageCache.value("search-also-guides", db: services.db) {
                let names = try await OrganisationQueries.activeNames(services)
                return try await ServiceGuideQueries.published(services).map { l in
                    ParticipationSearch.Candidate(title: l.content.name, text: l.content.conditions + "\n" + l.content.materials.map(\.name).joined(separator: " "),
                                                  href: ServiceGuideQueries.href(l.guide), note: "办事指南 · \(names[l.guide.organisationID] ?? "")")
                }
            }
            let found = corpus.filter { ParticipationSearch.matches($0, query) }.prefix(10)
            guard !found.isEmpty else { return nil }
            return HomeBlock(heading: "办事指南", links: found.map { HomeLink(title: $0.title, href: $0.href, note: $0.note) })
        },
        itemFacts: { services, item in try await GazetteRoutes.itemFacts(services, item) })

    /// Guides waiting for the reviewer's decision, and drafts sent back.
    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        guard auth.staff.policy.holdsAny(of: ServiceGuideAdminRoutes.viewers) else { return DashboardPanel() }
        let ids = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: ServiceGuideAdminRoutes.viewers, on: services.db).compactMap(\.node.id)
        guard !ids.isEmpty else { return DashboardPanel() }
        let guides = try await ServiceGuide.query(on: services.db).filter(\.$organisationID ~~ ids).all()
        guard !guides.isEmpty else { return DashboardPanel() }
        return DashboardPanel(tiles: [
            DashboardTile(label: "已公开的办事指南", value: String(guides.filter(\.isPublic).count), href: "/admin/guides"),
            DashboardTile(label: "待审核的办事指南", value: String(guides.filter { $0.draftState == "in_review" }.count), href: "/admin/guides"),
        ])
    }
}
