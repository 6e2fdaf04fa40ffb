import FluentKit
import Foundation
import SQLKit

/// SQLite: FTS5's in-memory terms of a transaction raised from 8 to 32 MiB. A bulk import's batch
/// of a thousand documents then reaches the index as one segment instead of several, and the
/// merges at commit shrink with them (measured on the benchmark's documents: 20,000 inserted in
/// 5.3 s with 8 MiB, 4.0 s with 32 MiB). The memory is taken only while a transaction writes many
/// terms. A no-op on PostgreSQL.
struct M053SearchHashSizeLarger: AsyncMigration {
    var name: String { "M053SearchHashSizeLarger" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        for table in ["item_search", "item_search_titles"] {
            try await sql.raw(SQLQueryString("INSERT INTO \(table)(\(table), rank) VALUES ('hashsize', 33554432)")).run()
        }
    }

    func revert(on db: any Database) async throws {}
}
