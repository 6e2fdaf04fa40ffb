import FluentKit
import SQLKit

/// 政民互动 (issue 15): letters to a 信箱 with their routing history; the writer's contact details
/// are stored apart from anything shown.
struct M038CreateLetters: AsyncMigration {
    var name: String { "M038CreateLetters" }

    func prepare(on db: any Database) async throws {
        try await db.schema("letters")
            .id()
            .field("mailbox_id", .int, .required)
            .field("handling_id", .int, .required)
            .field("number", .string, .required)
            .field("query_code_hash", .string, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("policy_item_id", .uuid)
            .field("writer_name", .string, .required)
            .field("writer_phone", .string, .required)
            .field("writer_email", .string, .required)
            .field("is_public", .bool, .required)
            .field("private_reason", .string, .required)
            .field("state", .string, .required)
            .field("received_on", .string, .required)
            .field("due_on", .string, .required)
            .field("flags", .string, .required)
            .field("reply", .string, .required)
            .field("replied_on", .string)
            .field("follow_ups", .int, .required)
            .field("follow_up_text", .string, .required)
            .field("rating", .string)
            .field("client_address", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await db.schema("letter_events")
            .id()
            .field("letter_id", .uuid, .required, .references("letters", "id"))
            .field("action", .string, .required)
            .field("organisation_id", .int)
            .field("note", .string, .required)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.schema("letter_reminders")
            .id()
            .field("letter_id", .uuid, .required, .references("letters", "id"))
            .field("kind", .string, .required)
            .field("due_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "letter_id", "kind", "due_on")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX letters_handling ON letters (handling_id, state)").run()
        try await sql.raw("CREATE INDEX letters_mailbox ON letters (mailbox_id, received_on)").run()
        try await sql.raw("CREATE INDEX letters_address ON letters (client_address, submitted_at)").run()
        try await sql.raw("CREATE INDEX letter_events_by ON letter_events (letter_id, at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("letter_reminders").delete()
        try await db.schema("letter_events").delete()
        try await db.schema("letters").delete()
    }
}
