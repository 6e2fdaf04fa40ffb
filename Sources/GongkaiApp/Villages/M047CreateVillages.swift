import FluentKit

/// 村（居）务公开 (issue 18): finance tables and benefit lists behind items, the village profile
/// (监督委员会; for a township, whether board photos are required), the 村级事项清单, and links
/// between a village's item and the township's item on the same matter.
struct M047CreateVillages: AsyncMigration {
    var name: String { "M047CreateVillages" }

    func prepare(on db: any Database) async throws {
        try await db.schema("village_finance")
            .id()
            .field("item_id", .uuid, .required)
            .field("organisation_id", .int, .required)
            .field("period_key", .string, .required)
            .field("opening_fen", .int64, .required)
            .field("closing_fen", .int64, .required)
            .field("income", .string, .required)
            .field("expense", .string, .required)
            .unique(on: "item_id")
            .create()
        try await db.schema("benefit_lists")
            .id()
            .field("item_id", .uuid, .required)
            .field("organisation_id", .int, .required)
            .field("rows", .string, .required)
            .unique(on: "item_id")
            .create()
        try await db.schema("village_profiles")
            .id()
            .field("organisation_id", .int, .required)
            .field("supervisors", .string, .required)
            .field("require_board_photo", .bool, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id")
            .create()
        try await db.schema("village_matters")
            .id()
            .field("organisation_id", .int, .required)
            .field("position", .int, .required)
            .field("matter", .string, .required)
            .field("content", .string, .required)
            .field("timing", .string, .required)
            .field("column_key", .string, .required)
            .field("published_at", .datetime)
            .create()
        try await db.schema("village_item_links")
            .id()
            .field("item_id", .uuid, .required)
            .field("township_item_id", .uuid, .required)
            .unique(on: "item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["village_item_links", "village_matters", "village_profiles", "benefit_lists", "village_finance"] {
            try await db.schema(t).delete()
        }
    }
}
