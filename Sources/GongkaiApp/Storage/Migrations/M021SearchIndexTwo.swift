import FluentKit
import Foundation
import SQLKit

/// The search index, second layout: one term per character (bigrams plus each run's last
/// character) instead of separate unigram and bigram columns, contentless on SQLite, facet terms
/// for filters, and document numbers in insertion order for "newest first". The tables are created
/// here with the SQL as shipped; filling them is the search capability's upkeep after migrating
/// (a migration does not call live code, whose later changes would change what it does).
struct M021SearchIndexTwo: AsyncMigration {
    var name: String { "M021SearchIndexTwo" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
        let statements = sql.dialect.name == "postgresql" ? Self.postgres : Self.sqlite
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    static let sqlite = [
        "CREATE VIRTUAL TABLE IF NOT EXISTS item_search USING fts5(title, body, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')",
        "CREATE TABLE IF NOT EXISTS item_search_keys (doc INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL UNIQUE, published REAL NOT NULL)",
        M023SearchTitles.titlesSQL,
    ]

    static let postgres = [
        "CREATE TABLE IF NOT EXISTS item_search (item_id uuid PRIMARY KEY, published double precision NOT NULL, doc tsvector NOT NULL, title tsvector NOT NULL, meta tsvector NOT NULL)",
        "CREATE INDEX IF NOT EXISTS item_search_doc ON item_search USING gin (doc)",
        "CREATE INDEX IF NOT EXISTS item_search_title ON item_search USING gin (title)",
        "CREATE INDEX IF NOT EXISTS item_search_meta ON item_search USING gin (meta)",
        "CREATE INDEX IF NOT EXISTS item_search_published ON item_search (published)",
    ]

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
        try await sql.raw("DROP TABLE IF EXISTS item_search_keys").run()
        try await sql.raw("DROP TABLE IF EXISTS item_search_titles").run()
    }
}
