import FluentKit

/// Why an annual report keeps passages close to another unit's or last year's (issue 19).
struct M048CreateReportSimilarityNotes: AsyncMigration {
    var name: String { "M048CreateReportSimilarityNotes" }

    func prepare(on db: any Database) async throws {
        try await db.schema("report_similarity_notes")
            .id()
            .field("report_id", .uuid, .required)
            .field("note", .string, .required)
            .field("matches", .int, .required)
            .field("noted_by", .string, .required)
            .field("noted_at", .datetime, .required)
            .unique(on: "report_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("report_similarity_notes").delete()
    }
}
