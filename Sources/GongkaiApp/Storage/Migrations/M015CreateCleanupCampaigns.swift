import FluentKit
import Foundation

/// Policy-document cleanups (文件清理): a campaign over an organisation's subtree and one decision per document.
struct M015CreateCleanupCampaigns: AsyncMigration {
    var name: String { "M015CreateCleanupCampaigns" }

    func prepare(on db: any Database) async throws {
        try await db.schema("cleanup_campaigns")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("notice_item_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .create()
        try await db.schema("cleanup_decisions")
            .id()
            .field("campaign_id", .uuid, .required, .references("cleanup_campaigns", "id"))
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("decision", .string, .required)
            .field("note", .string, .required)
            .field("decided_by", .string, .required)
            .field("decided_at", .datetime, .required)
            .unique(on: "campaign_id", "item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cleanup_decisions").delete()
        try await db.schema("cleanup_campaigns").delete()
    }
}
