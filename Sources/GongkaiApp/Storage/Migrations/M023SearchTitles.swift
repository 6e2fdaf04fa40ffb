import FluentKit
import Foundation
import SQLKit

/// SQLite: the title index (M021 creates it with the others), for databases indexed before it
/// existed. Filling it is the search capability's upkeep (it rebuilds the index when the title
/// index is empty and the main one is not). A no-op on PostgreSQL, which has a title vector.
struct M023SearchTitles: AsyncMigration {
    var name: String { "M023SearchTitles" }

    static let titlesSQL = "CREATE VIRTUAL TABLE IF NOT EXISTS item_search_titles USING fts5(title, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')"

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw(SQLQueryString(Self.titlesSQL)).run()
    }

    func revert(on db: any Database) async throws {}
}
