import FluentKit

/// Changes to published items (更正, 有效性变更) waiting for their review before they go live.
struct M025CreateItemChanges: AsyncMigration {
    var name: String { "M025CreateItemChanges" }

    func prepare(on db: any Database) async throws {
        try await db.schema("item_changes")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("step", .int, .required)
            .field("title", .string, .required)
            .field("body_html", .string, .required)
            .field("reason", .string, .required)
            .field("validity", .string)
            .field("successor_index", .string)
            .field("effective_on", .string)
            .field("proposer_id", .uuid)
            .field("proposer_name", .string, .required)
            .field("override_reason", .string)
            .field("override_by", .string)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_changes").delete()
    }
}
