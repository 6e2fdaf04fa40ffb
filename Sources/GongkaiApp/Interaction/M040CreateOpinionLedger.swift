import FluentKit
import SQLKit

/// 舆情回应台账 (issue 15): events, the responses published to them, and the commitments made.
struct M040CreateOpinionLedger: AsyncMigration {
    var name: String { "M040CreateOpinionLedger" }

    func prepare(on db: any Database) async throws {
        try await db.schema("opinion_events")
            .id()
            .field("office_id", .int, .required)
            .field("organisation_id", .int, .required)
            .field("source", .string, .required)
            .field("summary", .string, .required)
            .field("topic", .string, .required)
            .field("level", .string, .required)
            .field("known_at", .datetime, .required)
            .field("closed_on", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("opinion_responses")
            .id()
            .field("event_id", .uuid, .required, .references("opinion_events", "id"))
            .field("kind", .string, .required)
            .field("channel", .string, .required)
            .field("at", .datetime, .required)
            .field("item_id", .uuid)
            .field("url", .string, .required)
            .field("summary", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("opinion_commitments")
            .id()
            .field("event_id", .uuid, .required, .references("opinion_events", "id"))
            .field("what", .string, .required)
            .field("organisation_id", .int, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("done_on", .string)
            .field("done_note", .string, .required)
            .field("result_item_id", .uuid)
            .field("result_url", .string, .required)
            .field("alerted_for", .string)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX opinion_events_known ON opinion_events (office_id, known_at)").run()
        try await sql.raw("CREATE INDEX opinion_responses_event ON opinion_responses (event_id)").run()
        try await sql.raw("CREATE INDEX opinion_commitments_event ON opinion_commitments (event_id, state)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("opinion_commitments").delete()
        try await db.schema("opinion_responses").delete()
        try await db.schema("opinion_events").delete()
    }
}
