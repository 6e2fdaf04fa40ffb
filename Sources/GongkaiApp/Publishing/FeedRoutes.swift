import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Atom feeds per organisation and per column, `sitemap.xml` and `robots.txt`. Built from
/// `ItemQueries.publicItems`, so they carry exactly what the public pages show.
enum FeedRoutes {
    static let feedSize = 50

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/xxgk/:org/feed.xml") { _, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            let items = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == org.id!)
                .sort(\.$publishedAt, .descending).limit(feedSize).all()
            return xml(atom(title: "\(org.name) 政府信息公开", selfURL: "\(base)/xxgk/\(org.id!)/feed.xml",
                            pageURL: "\(base)/xxgk/\(org.id!)/fdzdgknr", author: org.name, items: items, base: base))
        }

        router.get("/xxgk/:org/fdzdgknr/:column/feed.xml") { _, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard let column = DisclosureColumn.find(context.parameters.get("column") ?? "", for: org.kind) else { throw HTTPError(.notFound) }
            let ids = try await ColumnListing.page(column.key, organisationID: org.id!, offset: 0, limit: feedSize, on: services.db).ids
            let items = try await ItemQueries.publicItems(ids, on: services.db)
            let page = "\(base)/xxgk/\(org.id!)/fdzdgknr/\(column.key)"
            return xml(atom(title: "\(org.name) · \(column.label)", selfURL: page + "/feed.xml", pageURL: page,
                            author: org.name, items: items, base: base))
        }

        router.get("/sitemap.xml") { _, _ -> Response in
            let orgs = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node)
            // Only the fields the sitemap prints: 45,000 full items with their bodies would take hundreds of MB.
            let items = try await ItemQueries.publicItems(on: services.db).field(\.$id).field(\.$organisationID).field(\.$publishedAt)
                .sort(\.$publishedAt, .descending).limit(45_000).all()
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            out += "<url><loc>\(XMLText.escape(base + "/"))</loc></url>\n"
            for o in orgs {
                for path in ["", "/guide", "/fdzdgknr"] { out += "<url><loc>\(XMLText.escape("\(base)/xxgk/\(o.id ?? 0)\(path)"))</loc></url>\n" }
            }
            for i in items {
                let day = i.publishedAt.map { SiteClock.day(of: $0).description } ?? ""
                out += "<url><loc>\(XMLText.escape("\(base)/xxgk/\(i.organisationID)/content/\(i.id!.uuidString)"))</loc><lastmod>\(day)</lastmod></url>\n"
            }
            out += "</urlset>\n"
            return xml(out, type: "application/xml")
        }

        router.get("/robots.txt") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; charset=utf-8"
            let body = "User-agent: *\nDisallow: /admin\nDisallow: /ysq/track\nSitemap: \(base)/sitemap.xml\n"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    static func atom(title: String, selfURL: String, pageURL: String, author: String, items: [InformationItem], base: String) -> String {
        let iso = ISO8601DateFormatter()
        let updated = items.compactMap(\.publishedAt).max() ?? Date(timeIntervalSince1970: 0)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        out += "<title>\(XMLText.escape(title))</title>\n<id>\(XMLText.escape(selfURL))</id>\n<updated>\(iso.string(from: updated))</updated>\n"
        out += "<link rel=\"self\" href=\"\(XMLText.escape(selfURL))\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(pageURL))\"/>\n"
        out += "<author><name>\(XMLText.escape(author))</name></author>\n"
        for i in items {
            let url = "\(base)/xxgk/\(i.organisationID)/content/\(i.id!.uuidString)"
            let at = iso.string(from: i.publishedAt ?? updated)
            out += "<entry>\n<title>\(XMLText.escape(i.title))</title>\n<id>urn:uuid:\(i.id!.uuidString.lowercased())</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(url))\"/>\n<updated>\(at)</updated>\n<published>\(at)</published>\n"
            let summary = i.summary.isEmpty ? String(HTMLSanitizer.plainText(i.bodyHTML).prefix(120)) : i.summary
            out += "<summary>\(XMLText.escape(summary))</summary>\n</entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    static func xml(_ body: String, type: String = "application/atom+xml") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "\(type); charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
