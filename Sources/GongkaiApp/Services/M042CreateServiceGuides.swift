import FluentKit
import SQLKit

/// 办事服务 (issue 16): 办事指南 with their published versions, and the 一件事 bundles.
struct M042CreateServiceGuides: AsyncMigration {
    var name: String { "M042CreateServiceGuides" }

    func prepare(on db: any Database) async throws {
        try await db.schema("service_guides")
            .id()
            .field("organisation_id", .int, .required)
            .field("name", .string, .required)
            .field("published_json", .string)
            .field("version", .int, .required)
            .field("published_at", .datetime)
            .field("draft_json", .string)
            .field("draft_state", .string)
            .field("submitted_by", .uuid)
            .field("return_reason", .string, .required)
            .field("withdrawn_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("service_guide_versions")
            .id()
            .field("guide_id", .uuid, .required, .references("service_guides", "id"))
            .field("version", .int, .required)
            .field("content_json", .string, .required)
            .field("approved_by", .string, .required)
            .field("published_at", .datetime, .required)
            .unique(on: "guide_id", "version")
            .create()
        try await db.schema("service_bundles")
            .id()
            .field("organisation_id", .int, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("guide_ids", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX service_guides_organisation ON service_guides (organisation_id, name)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("service_bundles").delete()
        try await db.schema("service_guide_versions").delete()
        try await db.schema("service_guides").delete()
    }
}
