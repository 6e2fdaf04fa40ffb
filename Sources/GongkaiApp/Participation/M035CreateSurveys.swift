import FluentKit
import SQLKit

/// 问卷调查 (issue 14): questionnaires written as plain lines, and the responses (one per browser,
/// kept as a hash of a random cookie and the survey; answers as JSON).
struct M035CreateSurveys: AsyncMigration {
    var name: String { "M035CreateSurveys" }

    func prepare(on db: any Database) async throws {
        try await db.schema("surveys")
            .id()
            .field("organisation_id", .int, .required)
            .field("decision_id", .uuid)
            .field("title", .string, .required)
            .field("intro", .string, .required)
            .field("definition", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("results_public", .bool, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("survey_responses")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id"))
            .field("voter", .string, .required)
            .field("client_address", .string, .required)
            .field("answers", .string, .required)
            .field("submitted_at", .datetime, .required)
            .unique(on: "survey_id", "voter")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX survey_responses_address ON survey_responses (survey_id, client_address, submitted_at)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("survey_responses").delete()
        try await db.schema("surveys").delete()
    }
}
