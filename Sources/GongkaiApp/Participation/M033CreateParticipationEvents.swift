import FluentKit
import SQLKit

/// Hearings, 座谈会, field visits, meetings opened to the public, 政府开放日 and 局长进大厅 (issue 14),
/// with online sign-up; contact details of those signing up stay in the back office.
struct M033CreateParticipationEvents: AsyncMigration {
    var name: String { "M033CreateParticipationEvents" }

    func prepare(on db: any Database) async throws {
        try await db.schema("participation_events")
            .id()
            .field("organisation_id", .int, .required)
            .field("kind", .string, .required)
            .field("decision_id", .uuid)
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("starts_at", .string, .required)
            .field("place", .string, .required)
            .field("description", .string, .required)
            .field("selection_method", .string, .required)
            .field("capacity", .int, .required)
            .field("registration_closes_on", .string)
            .field("stream_url", .string, .required)
            .field("public_interest", .bool, .required)
            .field("materials_delivered_on", .string)
            .field("participants", .string, .required)
            .field("record", .string, .required)
            .field("record_confirmed", .bool, .required)
            .field("record_published_at", .datetime)
            .field("summary_item_id", .uuid)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("event_registrations")
            .id()
            .field("event_id", .uuid, .required, .references("participation_events", "id"))
            .field("receipt", .string, .required)
            .field("name", .string, .required)
            .field("contact", .string, .required)
            .field("category", .string, .required)
            .field("note", .string, .required)
            .field("status", .string, .required)
            .field("client_address", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "receipt")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX participation_events_org ON participation_events (organisation_id, starts_on)").run()
        try await sql.raw("CREATE INDEX event_registrations_by ON event_registrations (event_id, submitted_at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("event_registrations").delete()
        try await db.schema("participation_events").delete()
    }
}
