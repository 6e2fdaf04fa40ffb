import FluentKit
import GongkaiDomain
import Foundation
import Hummingbird
import SQLKit

/// Site search over what the capabilities contribute (`Capability.search`).
enum SearchCapability {
    static let capability = Capability(
        name: "search",
        migrations: [M052SearchHashSize(), M053SearchHashSizeLarger()],
        publicRoutes: { router, services in SearchRoutes.register(router: router, services: services) },
        jobs: [BackgroundJob(name: "search-slices") { job in
            // A new year opens a slice of the PostgreSQL index (nothing to do on SQLite or most days).
            guard job.services.database.dialect.kind == .postgres else { return JobOutcome(count: 0, summary: "全文索引年度分片（SQLite 不需要）") }
            let changed = try await PostgresSearchSlices.prepare(on: job.services.db, currentYear: job.today.year, readOldest: false,
                                                                 logger: job.services.logger)
            // New publications wait in the indexes' pending lists, which every search reads.
            let pages = await PostgresSearchSlices.flushPending(on: job.services.db, logger: job.services.logger)
            let flushed = pages.map { $0 > 0 ? "；待并入索引的 \($0) 页已并入" : "" } ?? "；待并入索引的行未能并入（见日志）"
            let summary = (changed ? "全文索引年度分片：已调整" : "全文索引年度分片：无需调整") + flushed
            return JobOutcome(count: changed ? 1 : 0, summary: summary)
        }],
        upkeep: { services in
            // The index is derived data: when it is empty (or, on SQLite, its title part is) while
            // the main one or the items are not, every contribution is indexed again.
            guard let sql = services.db as? any SQLDatabase else { return }
            let sqlite = services.database.dialect.kind == .sqlite
            if !sqlite {
                try await PostgresSearchSlices.prepare(on: services.db, currentYear: services.clock.today().year, readOldest: true, logger: services.logger)
                // What an import that stopped early (or an older version's) left pending; not a
                // reason to refuse to start.
                _ = await PostgresSearchSlices.flushPending(on: services.db, logger: services.logger)
            }
            let indexed = try await sql.raw(SQLQueryString(sqlite ? "SELECT 1 FROM item_search_keys LIMIT 1" : "SELECT 1 FROM item_search LIMIT 1")).first() != nil
            let titled = sqlite ? try await sql.raw("SELECT rowid FROM item_search_titles LIMIT 1").first() != nil : indexed
            // SQLite's earlier layouts numbered documents in indexing order, then by millisecond × 2^20;
            // `DocumentNumbering`'s numbers are all above theirs.
            let oldNumbers = sqlite ? try await sql.raw("SELECT 1 FROM item_search_keys WHERE doc < \(bind: DocumentNumbering.start) LIMIT 1").first() != nil : false
            // Checked only when the index looks incomplete: start-up reads no items otherwise.
            guard !indexed || !titled || oldNumbers,
                  try await ItemQueries.publicItems(on: services.db).first() != nil else { return }
            services.logger.notice("正在重建全文检索索引……")
            if sqlite, indexed {
                // Titles missing or old numbers: start from an empty index so numbers stay shared.
                for table in ["item_search", "item_search_titles"] {
                    try await sql.raw(SQLQueryString("INSERT INTO \(table)(\(table)) VALUES ('delete-all')")).run()
                }
                try await sql.raw("DELETE FROM item_search_keys").run()
            }
            for contribution in services.capabilities.compactMap(\.search) {
                let n = try await contribution.reindexAll(services.db)
                services.logger.notice("已索引\(contribution.label) \(n) 条")
            }
        })
}
