import FluentKit
import SQLKit

/// 政府公报 (issue 16): issues and the published items each carries.
struct M044CreateGazette: AsyncMigration {
    var name: String { "M044CreateGazette" }

    func prepare(on db: any Database) async throws {
        try await db.schema("gazette_issues")
            .id()
            .field("organisation_id", .int, .required)
            .field("year", .int, .required)
            .field("number", .int, .required)
            .field("overall", .int, .required)
            .field("issued_on", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_id", "year", "number")
            .create()
        try await db.schema("gazette_entries")
            .id()
            .field("issue_id", .uuid, .required, .references("gazette_issues", "id"))
            .field("section", .string, .required)
            .field("position", .int, .required)
            .field("item_id", .uuid, .required)
            .unique(on: "issue_id", "item_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX gazette_entries_item ON gazette_entries (item_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("gazette_entries").delete()
        try await db.schema("gazette_issues").delete()
    }
}
