import FluentKit
import SQLKit

/// 政策解读日 (issue 14): monthly plans of themes, the public's proposals (点菜) and their supporters
/// (one per visitor, kept as a hash of a random cookie).
struct M034CreateInterpretationDays: AsyncMigration {
    var name: String { "M034CreateInterpretationDays" }

    func prepare(on db: any Database) async throws {
        try await db.schema("interpretation_plans")
            .id()
            .field("organisation_id", .int, .required)
            .field("year", .int, .required)
            .field("month", .int, .required)
            .field("published_at", .datetime)
            .unique(on: "organisation_id", "year", "month")
            .create()
        try await db.schema("interpretation_themes")
            .id()
            .field("plan_id", .uuid, .required, .references("interpretation_plans", "id"))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("interpreter", .string, .required)
            .field("audience", .string, .required)
            .field("form", .string, .required)
            .field("channel", .string, .required)
            .field("held_on", .string, .required)
            .field("item_id", .uuid)
            .field("proposal_id", .uuid)
            .create()
        try await db.schema("interpretation_proposals")
            .id()
            .field("organisation_id", .int, .required)
            .field("receipt", .string, .required)
            .field("text", .string, .required)
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("moderation", .string, .required)
            .field("supporters", .int, .required)
            .field("adopted", .bool, .required)
            .field("client_address", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "receipt")
            .create()
        try await db.schema("proposal_supports")
            .id()
            .field("proposal_id", .uuid, .required, .references("interpretation_proposals", "id"))
            .field("voter", .string, .required)
            .field("client_address", .string, .required)
            .field("supported_at", .datetime, .required)
            .unique(on: "proposal_id", "voter")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX interpretation_proposals_org ON interpretation_proposals (organisation_id, submitted_at)").run()
        try await sql.raw("CREATE INDEX proposal_supports_address ON proposal_supports (client_address, supported_at)").run()
    }

    func revert(on db: any Database) async throws {
        for t in ["proposal_supports", "interpretation_proposals", "interpretation_themes", "interpretation_plans"] {
            try await db.schema(t).delete()
        }
    }
}
