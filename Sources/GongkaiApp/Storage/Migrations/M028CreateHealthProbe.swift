import FluentKit
import SQLKit

/// One row that `/healthz` and start-up rewrite, to learn that the database still accepts writes
/// (a read-only file, a full disk or a read-only replica answer reads but not this).
struct M028CreateHealthProbe: AsyncMigration {
    var name: String { "M028CreateHealthProbe" }

    func prepare(on db: any Database) async throws {
        try await db.schema("health_probe")
            .field("id", .int, .identifier(auto: false))
            .field("checked_at", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO health_probe (id, checked_at) VALUES (1, '')").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("health_probe").delete()
    }
}
