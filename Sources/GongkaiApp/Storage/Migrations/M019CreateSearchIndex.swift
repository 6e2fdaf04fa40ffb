import FluentKit
import Foundation
import SQLKit

/// The full-text index of public items: an FTS5 table on SQLite, tsvector columns with GIN indexes
/// on PostgreSQL (both written by the search capability; DDL differs, so it is chosen here).
struct M019CreateSearchIndex: AsyncMigration {
    var name: String { "M019CreateSearchIndex" }

    // The first index layout, kept as shipped in SQL; M021 replaces it and indexes every public item,
    // so the backfill this migration used to run is left to M021.
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let statements = sql.dialect.name == "postgresql" ? [
            "CREATE TABLE IF NOT EXISTS item_search (item_id uuid PRIMARY KEY, uni tsvector NOT NULL, bi tsvector NOT NULL)",
            "CREATE INDEX IF NOT EXISTS item_search_uni ON item_search USING gin (uni)",
            "CREATE INDEX IF NOT EXISTS item_search_bi ON item_search USING gin (bi)",
        ] : ["CREATE VIRTUAL TABLE IF NOT EXISTS item_search USING fts5(item_id UNINDEXED, title_uni, title_bi, text_uni, text_bi, tokenize = 'unicode61 remove_diacritics 0')"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
    }
}
