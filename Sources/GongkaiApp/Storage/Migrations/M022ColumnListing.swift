import FluentKit
import Foundation
import SQLKit

/// The column listing (public items per organisation and column, newest first) and the indexes
/// the pages need at a million items (every lookup by item, the next 索引号 serial). Filling the
/// listing from the items is the publishing capability's upkeep after migrating.
struct M022ColumnListing: AsyncMigration {
    var name: String { "M022ColumnListing" }

    static let indexes = [
        "CREATE INDEX information_items_org_year_serial ON information_items (organisation_id, year, serial)",
        "CREATE INDEX information_items_interprets ON information_items (interprets_id)",
        "CREATE INDEX information_items_published ON information_items (published_at)",
        "CREATE INDEX item_events_item ON item_events (item_id, seq)",
        "CREATE INDEX item_versions_item ON item_versions (item_id)",
        "CREATE INDEX item_attachments_item ON item_attachments (item_id)",
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let uuid = sql.dialect.name == "postgresql" ? "uuid" : "TEXT"
        try await sql.raw(SQLQueryString("CREATE TABLE public_column_entries (item_id \(uuid) NOT NULL, organisation_id INTEGER NOT NULL, column_key TEXT NOT NULL, published_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (item_id, column_key))")).run()
        try await sql.raw("CREATE INDEX public_column_entries_list ON public_column_entries (organisation_id, column_key, published_at)").run()
        for statement in Self.indexes { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for name in ["information_items_org_year_serial", "information_items_interprets", "information_items_published", "item_events_item", "item_versions_item", "item_attachments_item"] {
            try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(name)")).run()
        }
        try await sql.raw("DROP TABLE IF EXISTS public_column_entries").run()
    }
}
