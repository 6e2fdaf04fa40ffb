import FluentKit
import Foundation
import GongkaiDomain
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// The PostgreSQL search index cut by publication year (`SearchTimeSlices`): per slice one GIN
/// index on (document vector, facets) and one on (title vector, facets), each partial on the
/// slice's time range. A search reads the newest slices first and stops once it has its window,
/// so its work follows the matches it shows, not all matches in the index; the facets sit in the
/// same index, so a filter narrows the lookup instead of decoding every posting list of a year.
///
/// There is deliberately no b-tree on the publication time: PostgreSQL prices a check of the
/// document vector as cheap (it does not count reading the vector from TOAST) and preferred
/// walking a year's rows through such an index, reading every vector, over the GIN lookup.
///
/// Set up at start and by a background job (a new year opens a slice), not in a migration: the
/// layout follows the data and the calendar. The layout in use is read from the catalogue, so
/// every instance sees the same one.
enum PostgresSearchSlices {
    static func documentIndex(_ s: SearchTimeSlices.Slice) -> String { "item_search_d_" + s.key }
    static func titleIndex(_ s: SearchTimeSlices.Slice) -> String { "item_search_t_" + s.key }
    /// Whether `name` is one of a slice's two indexes (of any layout).
    static func isSliceIndex(_ name: String) -> Bool { name.hasPrefix("item_search_d_") || name.hasPrefix("item_search_t_") }

    /// Indexes of earlier layouts: GIN on each vector and the facets, the publication time, RUM.
    static let replaced = ["item_search_doc", "item_search_title", "item_search_meta", "item_search_published",
                           "item_search_doc_rum", "item_search_title_rum"]

    /// `published >= 1767196800::float8 AND published < 1798732800::float8`, the same text in the
    /// index predicate and in the queries (PostgreSQL proves the one from the other), or nil for
    /// the slice of all time.
    static func range(_ s: SearchTimeSlices.Slice) -> String? {
        let parts = [s.lower.map { "published >= \($0)::float8" }, s.upper.map { "published < \($0)::float8" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    private static let cache = NIOLockedValueBox<(layout: SearchTimeSlices, until: ContinuousClock.Instant)?>(nil)
    /// How long a process trusts the layout it read: a new year's change by another instance is
    /// seen within this (meanwhile that instance's queries stay correct, only slower).
    static let trusted: Duration = .seconds(10)

    /// The layout whose indexes are all in place; the slice of all time when none is.
    static func current(on sql: any SQLDatabase) async throws -> SearchTimeSlices {
        let now = ContinuousClock.now
        if let c = cache.withLockedValue({ $0 }), c.until > now { return c.layout }
        let layout = try await read(on: sql) ?? SearchTimeSlices(oldestYear: nil, currentYear: 0)
        cache.withLockedValue { $0 = (layout, now + trusted) }
        return layout
    }

    static func forget() { cache.withLockedValue { $0 = nil } }

    /// The slices that have both indexes, when they cover all time.
    static func read(on sql: any SQLDatabase) async throws -> SearchTimeSlices? {
        layout(of: try await indexNames(on: sql))
    }

    static func indexNames(on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'item_search'").all()
            .map { try $0.decode(column: "indexname", as: String.self) })
    }

    static func layout(of names: Set<String>) -> SearchTimeSlices? {
        let slices = names.compactMap { name -> SearchTimeSlices.Slice? in
            guard name.hasPrefix("item_search_d_"), let s = SearchTimeSlices.Slice(key: String(name.dropFirst("item_search_d_".count))),
                  names.contains(titleIndex(s)) else { return nil }
            return s
        }
        return SearchTimeSlices(slices: slices)
    }

    /// Moves the rows waiting in the search indexes' GIN pending lists into the indexes proper and
    /// returns how many pending pages that emptied. PostgreSQL collects a GIN index's new rows in a
    /// pending list (up to `gin_pending_list_limit`, 4 MB by default) until vacuum or the limit
    /// moves them, and every search of that slice reads the whole list: after a bulk load the
    /// newest slices, the ones every search reads first, kept up to 314 pages until autovacuum came,
    /// and searches were a tenth slower (docs/benchmarks.md). Called after an import, at start and
    /// by the slices' background job; with nothing pending it only reads each index's first page.
    @discardableResult
    static func flushPending(on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw("""
            SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::bigint AS pages
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = 'item_search'::regclass AND a.amname = 'gin'
            """).first()
        return try row?.decode(column: "pages", as: Int.self) ?? 0
    }

    /// `flushPending` for callers that must go on without it: the end of an import (every row is
    /// stored by then), start-up, and the slices' job (the other capabilities' jobs run after it
    /// in the same pass). A failure is logged and gives nil: searches stay correct, only slower,
    /// and the next start or job run tries again.
    static func flushPending(on db: any Database, logger: Logger) async -> Int? {
        do {
            return try await flushPending(on: db)
        } catch {
            logger.warning("全文索引待并入的行未能并入（检索结果不受影响，只是较慢；下次启动或后台任务会再试）：\(String(describing: error))")
            return nil
        }
    }

    /// Drops every slice's indexes (searches stay correct, reading the whole table, until `prepare`
    /// builds them again): a first import of a large archive builds them once afterwards, from all
    /// rows at once, instead of updating them row by row.
    static func dropAll(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let names = try await indexNames(on: sql).filter(isSliceIndex)
        for name in names.sorted() {
            try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(name)")).run()
        }
        forget()
    }

    /// Makes the layout for the data and `currentYear` when it is not the one in place: builds the
    /// missing slices' indexes first, then drops those no longer in it (queries stay correct
    /// throughout). `readOldest` reads the oldest publication time (a scan of the table: at start
    /// and after an import); otherwise the oldest slice stays where it is. Returns whether anything changed.
    @discardableResult
    static func prepare(on db: any Database, currentYear: Int, readOldest: Bool, logger: Logger) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let names = try await indexNames(on: sql)
        let existing = layout(of: names)
        var oldestYear: Int? = nil
        if readOldest || existing == nil || existing?.slices.count == 1 {
            let oldest = try await sql.raw("SELECT min(published) AS m FROM item_search").first()?.decode(column: "m", as: Double?.self) ?? nil
            oldestYear = oldest.map { SiteClock.day(of: Date(timeIntervalSince1970: $0)).year }
        } else if let first = existing?.slices.last?.to {
            oldestYear = first - 1
        }
        let wanted = SearchTimeSlices(oldestYear: oldestYear, currentYear: currentYear)
        let wantedNames = Set(wanted.slices.flatMap { [documentIndex($0), titleIndex($0)] })
        let stale = names.filter { isSliceIndex($0) && !wantedNames.contains($0) }
        let legacy = names.intersection(replaced)
        guard !wantedNames.isSubset(of: names) || !stale.isEmpty || !legacy.isEmpty else { return false }
        // One instance at a time (two starting together would build the same indexes twice); in
        // one transaction, so the drops and the lock end together.
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            try await sql.raw("SELECT pg_advisory_xact_lock(2121)").run()
            for s in wanted.slices {
                let predicate = range(s).map { " WHERE " + $0 } ?? ""
                for (name, column) in [(documentIndex(s), "doc"), (titleIndex(s), "title")] where !names.contains(name) {
                    logger.notice("正在建立全文索引 \(name)……")
                    try await sql.raw(SQLQueryString("CREATE INDEX IF NOT EXISTS \(name) ON item_search USING gin (\(column), meta)\(predicate)")).run()
                }
            }
            for name in stale.union(legacy).sorted() {
                try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(name)")).run()
            }
        }
        forget()
        return true
    }
}
