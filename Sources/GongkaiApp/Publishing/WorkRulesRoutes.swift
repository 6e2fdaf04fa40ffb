import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政府信息公开制度 column: the organisation's own text (kept on its profile) and the items of
/// kind 政府信息公开工作制度 it has published, newest first.
enum WorkRulesRoutes {
    struct Rules: Sendable {
        let text: String?
        let listing: PublishingPublicRoutes.Listing
    }

    /// The column's content for one organisation (query without HTTP; tested directly).
    static func rules(of org: Organisation, page requested: Int, on db: any Database) async throws -> Rules {
        let id = try org.requireID()
        let q = ItemQueries.publicItems(on: db).filter(\.$organisationID == id)
            .filter(\.$kind == InformationKind.workRules.rawValue).sort(\.$publishedAt, .descending)
        let page = try await ItemQueries.paged(q, requested: requested)
        let base = "/xxgk/\(id)/rules"
        return Rules(text: org.rulesText.nonEmpty, listing: .init(
            column: InformationKind.workRules.label, basis: "",
            rows: page.items.map { i in
                .init(title: i.title, href: "/xxgk/\(id)/content/\(i.id!.uuidString)",
                      date: i.publishedAt.map { SiteClock.day(of: $0).description } ?? "", validity: nil)
            },
            isEmpty: page.items.isEmpty, total: page.total,
            pager: Pager(page: page.page, pageCount: page.pageCount, total: page.total) { "\(base)?page=\($0)" }))
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/xxgk/:org/rules") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db) {
                let org = try await OrganisationQueries.publicOrganisation(services, context)
                let requested = try request.query.page()
                var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "rules", request: request, context: context)
                view.sectionBody = try await rules(of: org, page: requested, on: services.db)
                return services.templates.render("portal-rules", view)
            }
        }
    }
}
