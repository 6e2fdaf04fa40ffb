import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The portal's search page (`/search`) and `/api/v1/search`.
enum SearchRoutes {
    static let perPage = 20

    struct ResultView: Sendable {
        let title: String
        /// The title with the matched words marked.
        let titlePieces: [SearchSnippet.Piece]
        let href: String
        let organisation: String
        let date: String
        let validity: String?
        let snippet: [SearchSnippet.Piece]
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let q: String
        let searched: Bool
        /// The form was sent with nothing to search for: say so instead of showing nothing.
        var emptyQuery = false
        /// Nothing matched the words as typed; these parts were searched instead.
        var relaxedWords: String? = nil
        let total: Int
        /// More matches than are ranked: the count reads "more than".
        let moreThanTotal: Bool
        let results: [ResultView]
        let organisations: [OptionItem]
        let kinds: [OptionItem]
        let fromYear: String
        let toYear: String
        let pager: Pager
        /// Other capabilities' pages that match (first page only).
        var also: [HomeBlock] = []
    }

    struct APIResult: Codable, Sendable {
        let item: PublicAPIDTO.Item
        let snippet: String
    }

    struct APIPage: Codable, Sendable {
        let query: String
        let total: Int
        /// False when there are more matches than `total` (only the first `total` are ranked and paged).
        let totalExact: Bool
        let page: Int
        let perPage: Int
        let results: [APIResult]
    }

    /// Filters from the query; numbers outside their ranges are a 400 before they reach the index
    /// (an organisation id becomes an index term, so only positive ids may pass).
    static func filter(_ query: FormData) throws -> SearchFilter {
        let qp = query.firstValues
        var f = SearchFilter()
        f.organisationID = try query.optionalInteger("org", in: 1...Int(Int32.max), label: "机构（org）")
        f.kind = qp["kind"].flatMap { InformationKind(rawValue: $0)?.rawValue }
        f.topic = qp["topic"].flatMap { $0.isEmpty ? nil : $0 }
        f.validity = qp["validity"].flatMap { Validity(rawValue: $0)?.rawValue }
        f.fromYear = try query.optionalInteger("from", in: 1949...2100, label: "起始年份（from）")
        f.toYear = try query.optionalInteger("to", in: 1949...2100, label: "截止年份（to）")
        return f
    }

    /// An excerpt with the match marked: from the body, else from the summary when only it matches.
    static func snippet(body: [SearchSnippet.Piece], summary: String, query: SearchQuery) -> [SearchSnippet.Piece] {
        if body.contains(where: \.highlighted) || summary.isEmpty { return body }
        let fromSummary = SearchSnippet.make(summary, query: query)
        return fromSummary.contains(where: \.highlighted) ? fromSummary : body
    }

    /// The page's results: the body's excerpt from the first part read with the row where it is
    /// complete there, else from the whole body, read for those results alone.
    static func results(_ rows: [SearchResultRow], query: SearchQuery, names: [Int: String], today: CivilDate,
                        on db: any Database) async throws -> [ResultView] {
        var bodies = rows.map { $0.bodyIsWhole ? bodySnippet($0.bodyHead, query: query) : headSnippet($0.bodyHead, query: query) }
        let missing = zip(rows, bodies).filter { $0.1 == nil }.map(\.0.id)
        if !missing.isEmpty {
            let whole = try await SearchResultRows.bodies(missing, on: db)
            for (k, row) in rows.enumerated() where bodies[k] == nil {
                bodies[k] = bodySnippet(whole[row.id] ?? row.bodyHead, query: query)
            }
        }
        return zip(rows, bodies).map { r, body in
            ResultView(title: r.title, titlePieces: SearchSnippet.make(r.title, query: query, radius: 200),
                       href: "/xxgk/\(r.organisationID)/content/\(r.id.uuidString)", organisation: names[r.organisationID] ?? "",
                       date: r.publishedAt.map { SiteClock.day(of: $0).description } ?? "",
                       validity: r.kind.isPolicy ? r.currentValidity(today: today).label : nil,
                       snippet: snippet(body: body ?? [], summary: r.summary, query: query))
        }
    }

    struct Organ: Sendable {
        let id: Int
        let name: String
    }

    /// The active administrative organs in tree order (the filter and the names beside results),
    /// read once per change instead of on every search.
    static func organs(_ services: AppServices) async throws -> [Organ] {
        try await services.pageCache.value("search-organs", db: services.db) {
            try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node)
                .filter { $0.kind.isAdministrativeOrgan }.map { Organ(id: $0.id ?? 0, name: $0.name) }
        }
    }

    /// HTML bytes read first for an excerpt: a body's first screenful or so.
    static let snippetPrefixBytes = 6_000

    /// The excerpt of a body. Most bodies show their match near the top, so the text of their first
    /// few thousand bytes (cut before a tag) is tried first; only when the excerpt is not complete
    /// there is the whole body turned into text. The result is the same either way.
    static func bodySnippet(_ html: String, query: SearchQuery) -> [SearchSnippet.Piece] {
        let utf8 = html.utf8
        if utf8.count > 2 * snippetPrefixBytes, let pieces = headSnippet(String(decoding: utf8.prefix(snippetPrefixBytes), as: UTF8.self), query: query) {
            return pieces
        }
        return SearchSnippet.make(HTMLSanitizer.plainText(html), query: query)
    }

    /// The excerpt from the first part of a body (`head`, cut before its last tag), or nil when it
    /// is not complete there: no match, or the window reaching the cut. Complete, it is the excerpt
    /// the whole body gives.
    static func headSnippet(_ head: String, query: SearchQuery) -> [SearchSnippet.Piece]? {
        let utf8 = head.utf8
        guard let end = utf8.lastIndex(of: UInt8(ascii: "<")), end > utf8.startIndex, let prefix = String(utf8[..<end]) else { return nil }
        let pieces = SearchSnippet.make(HTMLSanitizer.plainText(prefix), query: query)
        guard pieces.contains(where: \.highlighted), let last = pieces.last, last.text == "…", !last.highlighted else { return nil }
        return pieces
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let search = SearchService(services: services)
        let base = services.config.publicBase

        router.get("/search") { request, context -> Response in
            let qp = request.query.firstValues
            let text = String((qp["q"] ?? "").prefix(SearchQuery.maxLength))
            let query = SearchQuery(text)
            let f = try filter(request.query)
            var page = try request.query.page()
            var result = query.isEmpty ? SearchService.Found(ids: [], total: 0, exact: true)
                : try await search.find(query, filter: f, page: page, perPage: perPage, relaxing: true)
            // A page past the end (an old link, a typed number) shows the last page, not an empty one.
            if page > 1, result.ids.isEmpty, result.total > 0 {
                page = min(page, Paging.pageCount(total: result.total, perPage: perPage))
                result = try await search.find(query, filter: f, page: page, perPage: perPage, relaxing: true)
            }
            let shownQuery = result.relaxed ?? query
            let orgs = try await organs(services)
            let names = Dictionary(orgs.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let pageCount = Paging.pageCount(total: result.total, perPage: perPage)
            func href(_ p: Int) -> String {
                var c = URLComponents()
                c.path = "/search"
                c.queryItems = qp.filter { $0.key != "page" }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
                    + [URLQueryItem(name: "page", value: String(p))]
                return c.string ?? "/search"
            }
            let view = PageView(
                chrome: PageChrome(services: services, context: context, title: text.isEmpty ? "搜索" : "搜索：\(text)", path: "/search"),
                q: text, searched: !query.isEmpty, total: result.total, moreThanTotal: !result.exact,
                results: try await results(try await SearchResultRows.of(result.ids, on: services.db), query: shownQuery, names: names,
                                           today: services.clock.today(), on: services.db),
                organisations: [OptionItem(value: "", label: "全部机构", selected: f.organisationID == nil)]
                    + orgs.map { OptionItem(value: String($0.id), label: $0.name, selected: $0.id == f.organisationID) },
                kinds: [OptionItem(value: "", label: "全部类别", selected: f.kind == nil)]
                    + InformationKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.kind) },
                fromYear: f.fromYear.map(String.init) ?? "", toYear: f.toYear.map(String.init) ?? "",
                pager: Pager(page: page, pageCount: pageCount, href: href))
            var shown = view
            shown.emptyQuery = query.isEmpty && qp["q"] != nil
            shown.relaxedWords = result.relaxed.map { $0.parts.map { "“\($0.text)”" }.joined(separator: "") }
            if !query.isEmpty, page == 1 {
                for find in services.capabilities.compactMap(\.searchAlso) {
                    if let block = try await find(services, query) { shown.also.append(block) }
                }
            }
            var response = services.templates.page("portal-search", shown)
            response.headers[.init("X-Robots-Tag")!] = "noindex"
            return response
        }

        router.get("/api/v1/search") { request, _ -> Response in
            let qp = request.query.firstValues
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: PublicAPIRoutes.searchParameters)
            let text = qp["q"] ?? ""
            let query = SearchQuery(text)
            guard text.count <= SearchQuery.maxLength, !query.isEmpty else { throw UserFacingError(status: .badRequest, message: "q 应为要搜索的文字（最多\(SearchQuery.maxLength)字）") }
            let page = try request.query.page()
            let size = try request.query.integer("per_page", in: 1...PublicAPIRoutes.maxPerPage, fallback: 20)
            let result = try await search.search(query, filter: try filter(request.query), page: page, perPage: size)
            let names = try await PublicAPIRoutes.organisationNames(services)
            return try PublicAPIRoutes.json(APIPage(
                query: text, total: result.total, totalExact: result.exact, page: page, perPage: size,
                results: result.items.map { i in
                    APIResult(item: PublicAPIDTO.item(i, organisationName: names[i.organisationID] ?? "", baseURL: base, withBody: false, today: services.clock.today()),
                              snippet: bodySnippet(i.bodyHTML, query: query).map(\.text).joined())
                }))
        }
    }
}
