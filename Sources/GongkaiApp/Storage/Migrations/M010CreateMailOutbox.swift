import FluentKit
import Foundation

/// Outgoing mail (stored before delivery) and the deadline messages already sent.
struct M010CreateMailOutbox: AsyncMigration {
    var name: String { "M010CreateMailOutbox" }

    func prepare(on db: any Database) async throws {
        try await db.schema("mail_outbox")
            .id()
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("purpose", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string, .required)
            .field("claimed_until", .datetime)
            .field("claim_token", .string)
            .create()
        try await db.schema("deadline_reminders")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("kind", .string, .required)
            .field("due_date", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "kind", "due_date")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("deadline_reminders").delete()
        try await db.schema("mail_outbox").delete()
    }
}
