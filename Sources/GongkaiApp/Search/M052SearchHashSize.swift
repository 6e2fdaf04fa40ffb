import FluentKit
import Foundation
import SQLKit

/// SQLite: FTS5 keeps the terms of a transaction in memory up to its "hashsize" (1 MiB by default)
/// and writes them out as a new segment each time that fills; a bulk import's batch then became
/// several segments, each merged again later. 8 MiB holds a batch of a few hundred documents
/// (issue 21's load profile). Stored in the index's own configuration; a no-op on PostgreSQL.
struct M052SearchHashSize: AsyncMigration {
    var name: String { "M052SearchHashSize" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        for table in ["item_search", "item_search_titles"] {
            try await sql.raw(SQLQueryString("INSERT INTO \(table)(\(table), rank) VALUES ('hashsize', 8388608)")).run()
        }
    }

    func revert(on db: any Database) async throws {}
}
