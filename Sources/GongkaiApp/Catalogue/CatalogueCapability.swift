import FluentKit
import Foundation
import GongkaiDomain

/// 政务公开事项标准目录: each organisation's catalogue by domain, its review, the county's domains
/// with their lead units, and live coverage.
enum CatalogueCapability {
    static let capability = Capability(
        name: "catalogue",
        publicRoutes: { router, services in CataloguePublicRoutes.register(router: router, services: services) },
        backOfficeRoutes: { bo in
            CatalogueRoutes.register(bo)
            CatalogueLinkRoutes.register(bo)
            CatalogueDomainRoutes.register(bo)
        },
        navigation: [
            .init(label: "标准目录", path: "/admin/catalogue", roles: CatalogueRoutes.editors, order: 40),
            .init(label: "目录落实", path: "/admin/coverage", roles: CatalogueRoutes.editors, order: 50),
        ],
        dashboard: { services, auth in
            DashboardPanel(warnings: try await CoverageQueries.leadDomainReminders(services, organisationID: auth.staff.user.organisationID))
        },
        demo: { demo in
            // The responsible units of the catalogue domains, linked where the demo county has them.
            let store = CatalogueDomainStore(services: demo.services)
            let actor = AuditActor.commandLine("gongkai demo")
            for d in try await store.all() {
                guard let org = demo.organisations.values.first(where: { $0.shortName == d.responsibleName }) else { continue }
                try await store.update(d, responsibleName: d.responsibleName, responsibleOrganisationID: org.id, active: true, actor: actor)
            }
            try await DemoCatalogues(services: demo.services).load(organisations: demo.organisations)
        })
}
