import FluentKit
import Foundation

struct M004CreateAudit: AsyncMigration {
    var name: String { "M004CreateAudit" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_records")
            .id()
            .field("seq", .int, .required)
            .field("occurred_at", .string, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("client_address", .string, .required)
            .field("organisation_id", .int)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("action", .string, .required)
            .field("changes", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_records").delete()
    }
}
