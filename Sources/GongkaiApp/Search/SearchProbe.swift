import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// Search as tools outside the app see it (the benchmark): a search as the portal runs it, every
/// match without the ranking window (to check completeness), the texts the index was built from,
/// and the `LIKE '%…%'` scan most CMSs use, for comparison. Read-only.
public struct SearchProbe: Sendable {
    let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    /// One page of results, as the search page gets it (items read back through the public rule).
    public func search(_ text: String, page: Int = 1) async throws -> (ids: [UUID], total: Int, exact: Bool) {
        let p = try await SearchService(services: services).search(SearchQuery(text), filter: SearchFilter(), page: page, perPage: SearchRoutes.perPage)
        return (p.items.compactMap(\.id), p.total, p.exact)
    }

    /// The index alone, as the search runs it before reading any item (no items, snippets or page):
    /// the first page's ids in the search's order and the count. This is what the benchmark puts
    /// beside other engines measured in-process (bench/anchors.py).
    public func indexSearch(_ text: String, organisationID: Int? = nil, kind: String? = nil, validity: String? = nil,
                            fromYear: Int? = nil, toYear: Int? = nil) async throws -> (ids: [UUID], total: Int, exact: Bool) {
        let filter = SearchFilter(organisationID: organisationID, kind: kind, topic: nil, validity: validity, fromYear: fromYear, toYear: toYear)
        let hits = try await SearchIndexes.forDatabase(services.db).search(SearchQuery(text), filter: filter, offset: 0, limit: SearchRoutes.perPage,
                                                                          currentYear: services.clock.today().year, on: services.db)
        return (hits.ids, hits.total, hits.exact)
    }

    /// Whether the site runs on PostgreSQL (the loader stores two batches at once there).
    public var isPostgres: Bool { SQLDialects.of(services.db).kind == .postgres }

    /// Makes the search indexes a server makes when it starts (PostgreSQL: the indexes by
    /// publication year, replacing an earlier layout's), so a loader that runs before any server
    /// keeps the indexes a site has, not the migrations' whole-table ones the first start drops.
    public func prepareIndexes() async throws {
        guard SQLDialects.of(services.db).kind == .postgres else { return }
        _ = try await PostgresSearchSlices.prepare(on: services.db, currentYear: services.clock.today().year, readOldest: true,
                                                   logger: services.logger)
    }

    /// PostgreSQL: drops the indexes by publication year, for a loader that builds them after
    /// loading (`prepareIndexes`).
    public func dropIndexes() async throws {
        guard SQLDialects.of(services.db).kind == .postgres else { return }
        try await PostgresSearchSlices.dropAll(on: services.db)
    }

    /// Every indexed item matching `text`, without the ranking window.
    public func allMatches(_ text: String) async throws -> Set<UUID> {
        let index = SearchIndexes.forDatabase(services.db)
        let found = try await index.candidates(SearchQuery(text), filter: SearchFacets.Selection(), titleOnly: false, limit: Int(Int32.max), on: services.db)
        return Set(try await index.itemIDs(found.map(\.key), on: services.db))
    }

    /// Title, plain body, 文号 and 索引号 of every `every`-th public item in id order, up to `limit`
    /// items (bulk-imported ids follow the load's order, so this samples evenly across the load).
    public func sampleTexts(every: Int, limit: Int) async throws -> [(id: UUID, fields: [String])] {
        var out: [(id: UUID, fields: [String])] = []
        var last: UUID?
        var position = 0
        while out.count < limit {
            var q = ItemQueries.publicItems(on: services.db).sort(\.$id).limit(2_000)
            if let last { q = q.filter(\.$id > last) }
            let items = try await q.all()
            guard let tail = items.last else { break }
            for i in items {
                if position % every == 0 && out.count < limit {
                    out.append((i.id!, [i.title, HTMLSanitizer.plainText(i.bodyHTML), i.documentNumber, i.indexNumber]))
                }
                position += 1
            }
            last = tail.id
        }
        return out
    }

    /// The naive search: `LIKE '%text%'` on title and body, newest first, with its count.
    public func likeScan(_ text: String, limit: Int = 20) async throws -> (ids: [UUID], total: Int) {
        guard let sql = services.db as? any SQLDatabase else { return ([], 0) }
        let pattern = "%" + text.replacingOccurrences(of: "\"", with: "") + "%"
        let cond: SQLQueryString = "status = 'published' AND attribute = 'proactive' AND (title LIKE \(bind: pattern) OR body_html LIKE \(bind: pattern))"
        let total = try await sql.raw("SELECT count(*) AS n FROM information_items WHERE " + cond).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT id FROM information_items WHERE " + cond + " ORDER BY published_at DESC LIMIT \(bind: limit)").all()
        return (try rows.map { try $0.decode(column: "id", as: UUID.self) }, total)
    }
}
