import FluentKit

/// One row per periodic job: which instance ran it last and when it is next due, so that several
/// `serve` instances on one database run each job once per interval (issue 21).
struct M051CreateJobClaims: AsyncMigration {
    var name: String { "M051CreateJobClaims" }

    func prepare(on db: any Database) async throws {
        try await db.schema("job_claims")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            // Seconds since 1970: compared in SQL the same way on SQLite and PostgreSQL.
            .field("next_due_at", .int64, .required)
            .field("claimed_at", .int64, .required)
            .field("runs", .int64, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("job_claims").delete()
    }
}
