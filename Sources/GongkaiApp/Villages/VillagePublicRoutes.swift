import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The township's 村（居）务公开 section: its villages, and each village's section (its own items by
/// column, the township's lists for it, its matter list and 监督委员会).
enum VillagePublicRoutes {
    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/xxgk/:org/cunwu") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard org.kind == .townshipGovernment || org.kind == .subdistrictOffice else { throw HTTPError(.notFound) }
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "cunwu", request: request, context: context)
            view.sectionBody = try await VillageQueries.township(org, services)
            return services.templates.page("portal-cunwu", view)
        }

        router.get("/xxgk/:org/cunwu/:village") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard let vid = context.parameters.get("village", as: Int.self), let v = try await Organisation.find(vid, on: services.db),
                  v.isActive, v.kind.isVillage, v.parentID == org.id else { throw HTTPError(.notFound) }
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "cunwu", request: request, context: context)
            var section = try await VillageQueries.township(org, services)
            section.village = try await VillageQueries.village(v, in: org, services)
            view.sectionBody = section
            return services.templates.page("portal-cunwu", view)
        }
    }
}
