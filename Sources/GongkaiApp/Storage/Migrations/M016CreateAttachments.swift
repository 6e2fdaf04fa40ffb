import FluentKit
import Foundation

/// Uploaded files, stored once by content hash in the database (so every app instance sees them and
/// backups include them), and the attachments of items that point to them.
struct M016CreateAttachments: AsyncMigration {
    var name: String { "M016CreateAttachments" }

    func prepare(on db: any Database) async throws {
        try await db.schema("stored_files")
            .id()
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("type", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
        try await db.schema("item_attachments")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("sha256", .string, .required)
            .field("display_name", .string, .required)
            .field("type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_attachments").delete()
        try await db.schema("stored_files").delete()
    }
}
