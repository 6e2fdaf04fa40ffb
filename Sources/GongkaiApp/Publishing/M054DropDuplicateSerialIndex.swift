import FluentKit
import Foundation
import SQLKit

/// Drops `information_items_org_year_serial` (M022): the unique constraint on (organisation_id,
/// year, serial) that M012 made is already an index on the same columns in both databases, so the
/// second one only cost every insert another B-tree and the database its size (issue 21).
struct M054DropDuplicateSerialIndex: AsyncMigration {
    var name: String { "M054DropDuplicateSerialIndex" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS information_items_org_year_serial").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS information_items_org_year_serial ON information_items (organisation_id, year, serial)").run()
    }
}
