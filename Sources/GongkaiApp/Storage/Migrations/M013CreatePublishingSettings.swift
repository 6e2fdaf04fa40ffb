import FluentKit
import Foundation

/// Per-organisation publishing settings (索引号 pattern, review steps, 三同步 rule); inherited down the tree.
struct M013CreatePublishingSettings: AsyncMigration {
    var name: String { "M013CreatePublishingSettings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("publishing_settings")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("index_pattern", .string, .required)
            .field("review_steps", .string, .required)
            .field("interpretation_rule", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("publishing_settings").delete()
    }
}
