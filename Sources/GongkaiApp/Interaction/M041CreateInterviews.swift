import FluentKit
import SQLKit

/// 在线访谈 (issue 15): interviews, the questions sent for them, and the live transcript.
struct M041CreateInterviews: AsyncMigration {
    var name: String { "M041CreateInterviews" }

    func prepare(on db: any Database) async throws {
        try await db.schema("interviews")
            .id()
            .field("organisation_id", .int, .required)
            .field("title", .string, .required)
            .field("guests", .string, .required)
            .field("description", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("state", .string, .required)
            .field("ended_on", .string)
            .field("follow_up_due", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("interview_questions")
            .id()
            .field("interview_id", .uuid, .required, .references("interviews", "id"))
            .field("asker_name", .string, .required)
            .field("asker_contact", .string, .required)
            .field("text", .string, .required)
            .field("moderation", .string, .required)
            .field("reject_reason", .string, .required)
            .field("answer", .string, .required)
            .field("answered_at", .datetime)
            .field("answered_live", .bool, .required)
            .field("client_address", .string, .required)
            .field("submitted_at", .datetime, .required)
            .create()
        try await db.schema("interview_lines")
            .id()
            .field("interview_id", .uuid, .required, .references("interviews", "id"))
            .field("position", .int, .required)
            .field("speaker", .string, .required)
            .field("text", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "interview_id", "position")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX interviews_starts ON interviews (state, starts_at)").run()
        try await sql.raw("CREATE INDEX interview_questions_interview ON interview_questions (interview_id, moderation)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("interview_lines").delete()
        try await db.schema("interview_questions").delete()
        try await db.schema("interviews").delete()
    }
}
