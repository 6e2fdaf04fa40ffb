import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The public side: 法定主动公开内容 columns of each organisation and the item page.
enum PublishingPublicRoutes {
    struct ColumnLink: Sendable {
        let label: String
        let href: String
        let count: Int
    }

    struct Listing: Sendable {
        let column: String
        let basis: String
        let rows: [Row]
        let isEmpty: Bool
        let total: Int
        let pager: Pager
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let date: String
        let validity: String?
    }

    struct ItemPage: Sendable {
        let title: String
        let facts: [PortalRoutes.Fact]
        let validity: String
        let validityNotice: String?
        let successorHref: String?
        let successorTitle: String?
        let bodyHTML: String
        let corrections: [Correction]
        let hasCorrections: Bool
        /// For a 政策解读: the policy and the form.
        let policyTitle: String?
        let policyHref: String?
        let form: String
        let questions: [QuestionsAndAnswers.Pair]
        let mediaURL: String?
        /// For a policy: its published interpretations.
        let interpretations: [InterpretationRow]
        let attachments: [PublishingViews.AttachmentView]
    }

    /// The 法定主动公开内容 section: its columns that have content.
    struct ColumnIndex: Sendable {
        let columns: [ColumnLink]
        /// Whether the organisation's kind has Art. 20/21 columns at all (a village does not).
        let hasStatutoryColumns: Bool
    }

    struct InterpretationRow: Sendable {
        let title: String
        let href: String
        let form: String
    }

    struct Correction: Sendable {
        let date: String
        let reason: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        // Cached pages: everything, lookups included, happens inside the cache's closure, so a page
        // served from memory costs no query; a 404 is thrown from inside and never kept.
        router.get("/xxgk/:org/fdzdgknr") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db) {
                let org = try await OrganisationQueries.publicOrganisation(services, context)
                var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fdzdgknr", request: request, context: context)
                // Only columns with content (or a catalogue of that name): no rows of "（0）".
                view.sectionBody = ColumnIndex(
                    columns: try await ColumnPresence.columns(of: org, on: services.db).filter(\.isShown).map {
                        ColumnLink(label: $0.column.label, href: "/xxgk/\(org.id!)/fdzdgknr/\($0.column.key)", count: $0.count)
                    },
                    hasStatutoryColumns: !DisclosureColumn.columns(for: org.kind).isEmpty)
                return services.templates.render("portal-fdzdgknr", view)
            }
        }

        router.get("/xxgk/:org/fdzdgknr/:column") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db) {
                let org = try await OrganisationQueries.publicOrganisation(services, context)
                guard let column = DisclosureColumn.find(context.parameters.get("column") ?? "", for: org.kind) else { throw HTTPError(.notFound) }
                let requested = try request.query.page()
                let page = try await ItemQueries.column(column.key, organisationID: org.id!, page: requested, on: services.db)
                var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fdzdgknr", request: request, context: context)
                let base = "/xxgk/\(org.id!)/fdzdgknr/\(column.key)"
                view.hasTrail = true
                view.sectionHref = "/xxgk/\(org.id!)/fdzdgknr"
                view.trailCurrent = column.label
                view.sectionBody = Listing(
                    column: column.label, basis: column.basis,
                    rows: page.items.map { i in
                        Row(title: i.title, href: "/xxgk/\(org.id!)/content/\(i.id!.uuidString)",
                            date: i.publishedAt.map { SiteClock.day(of: $0).description } ?? "",
                            validity: i.kindValue.isPolicy ? i.currentValidity(today: services.clock.today()).label : nil)
                    },
                    isEmpty: page.items.isEmpty, total: page.total,
                    pager: Pager(page: page.page, pageCount: page.pageCount, total: page.total) { "\(base)?page=\($0)" })
                return services.templates.render("portal-column", view)
            }
        }

        router.get("/xxgk/:org/content/:id/files/:att") { _, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard let id = context.parameters.get("id", as: UUID.self), let aid = context.parameters.get("att", as: UUID.self),
                  try await ItemQueries.publicItem(id, organisationID: org.id!, on: services.db) != nil,
                  let a = try await ItemAttachment.find(aid, on: services.db), a.itemID == id else { throw HTTPError(.notFound) }
            return try await AttachmentStore(services: services).response(for: a)
        }

        router.get("/xxgk/:org/content/:id") { request, context -> Response in
            try await services.pageCache.page(request, context, db: services.db) {
                let org = try await OrganisationQueries.publicOrganisation(services, context)
                guard let id = context.parameters.get("id", as: UUID.self),
                      let item = try await ItemQueries.publicItem(id, organisationID: org.id!, on: services.db) else { throw HTTPError(.notFound) }
                var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fdzdgknr", request: request, context: context)
                // The browser tab, bookmarks and search engines name the document, not the column.
                view.chrome = PageChrome(services: services, context: context, title: "\(item.title) - \(org.name)", path: request.uri.path)
                // 首页 › … › 法定主动公开内容 › its column › 正文
                view.hasTrail = true
                view.sectionHref = "/xxgk/\(org.id!)/fdzdgknr"
                view.trail = item.columnKeys.compactMap { DisclosureColumn.find($0, for: org.kind) }.prefix(1)
                    .map { PortalRoutes.OrgLink(name: $0.label, href: "/xxgk/\(org.id!)/fdzdgknr/\($0.key)") }
                view.trailCurrent = "正文"
                view.sectionBody = try await PublicItemPage.model(for: item, in: org, services: services)
                return services.templates.render("portal-item", view)
            }
        }
    }
}
