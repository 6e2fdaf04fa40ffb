import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The public catalogue: per organisation and domain, in the familiar table layout, each row
/// linking to the published information that fulfils it.
enum CataloguePublicRoutes {
    struct DomainLink: Sendable {
        let name: String
        let href: String
        let count: Int
    }

    struct Row: Sendable {
        let position: Int
        let level1: String
        let level2: String
        let content: String
        let basis: String
        let limit: String
        let subject: String
        let channels: String
        let audience: String
        let mode: String
        let levels: String
        let links: [ItemLink]
    }

    struct ItemLink: Sendable {
        let title: String
        let href: String
    }

    struct Listing: Sendable {
        let domains: [DomainLink]
        let domain: String?
        let rows: [Row]
        let version: String?
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let store = CatalogueStore(services: services)

        router.get("/xxgk/:org/catalogue") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fdzdgknr", request: request, context: context)
            view.sectionBody = Listing(domains: try await store.publishedDomains(of: org.id!).map {
                DomainLink(name: $0.domain, href: "/xxgk/\(org.id!)/catalogue/\($0.domain.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.domain)", count: $0.count)
            }, domain: nil, rows: [], version: nil)
            return services.templates.page("portal-catalogue", view)
        }

        router.get("/xxgk/:org/catalogue/:domain") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            let raw = context.parameters.get("domain") ?? ""
            let domain = raw.removingPercentEncoding ?? raw
            // The public sees the newest approved version, not edits still waiting for review.
            guard let version = try await store.publishedVersion(org.id!, domain), !version.rows.isEmpty else { throw HTTPError(.notFound) }
            let live = try await store.rows(org.id!, domain)
            func liveItem(_ row: CatalogueRow) -> CatalogueItem? {
                live.first { $0.row.level1 == row.level1 && $0.row.level2 == row.level2 && $0.row.content == row.content }
            }
            let links = try await ItemCatalogueLink.query(on: services.db).filter(\.$catalogueItemID ~~ live.compactMap(\.id)).all()
            let items = try await ItemQueries.publicItems(on: services.db).filter(\.$id ~~ links.map(\.itemID)).sort(\.$publishedAt, .descending).all()
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fdzdgknr", request: request, context: context)
            view.sectionBody = Listing(domains: [], domain: domain, rows: version.rows.enumerated().map { index, row in
                let id = liveItem(row)?.id
                let linked = items.filter { i in links.contains { $0.catalogueItemID == id && $0.itemID == i.id } }
                return Row(position: index + 1, level1: row.level1, level2: row.level2, content: row.content, basis: row.basis, limit: row.timeLimit,
                           subject: row.subject, channels: row.channels.joined(separator: "、"), audience: row.audience, mode: row.mode,
                           levels: row.levels.joined(separator: "、"),
                           links: linked.prefix(3).map { ItemLink(title: $0.title, href: "/xxgk/\($0.organisationID)/content/\($0.id!.uuidString)") })
            }, version: "第\(version.version)版，\(SiteClock.day(of: version.approvedAt ?? version.changedAt).chinese(withYear: true))起施行")
            return services.templates.page("portal-catalogue", view)
        }
    }
}
