import FluentKit

/// 办事一本通 (issue 16): compiled editions, each a snapshot of the guides it printed.
struct M045CreateGuideBooks: AsyncMigration {
    var name: String { "M045CreateGuideBooks" }

    func prepare(on db: any Database) async throws {
        try await db.schema("guide_book_editions")
            .id()
            .field("organisation_id", .int, .required)
            .field("edition", .int, .required)
            .field("built_on", .string, .required)
            .field("snapshot_json", .string, .required)
            .field("changes", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_id", "edition")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("guide_book_editions").delete()
    }
}
