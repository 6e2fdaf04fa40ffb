import FluentKit
import SQLKit

/// Reply letters as the law asks (issue 11.9): the organisation's review organ, court, time limits and
/// 文号 pattern; per case the Art. 36(四)/(五) ground, the responsible organ and how information is
/// provided; a 文号 per issued letter; files staff attach to a reply for the applicant.
struct M029ReplyLetterDetails: AsyncMigration {
    var name: String { "M029ReplyLetterDetails" }

    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for (name, type, defaultSQL) in [("review_organ", DatabaseSchema.DataType.string, "''"), ("court", .string, "''"),
                                         ("review_days", .int, "60"), ("litigation_months", .int, "6"),
                                         ("letter_number_pattern", .string, "''")] {
            try await db.schema("organisations").field(.definition(name: .key(.init(stringLiteral: name)), dataType: type,
                                                                   constraints: [.required, .sql(.default(SQLRaw(defaultSQL)))])).update()
        }
        try await db.schema("information_applications").field("not_held_ground", .string).update()
        try await db.schema("information_applications")
            .field("responsible_organ", .string, .required, .sql(.default(SQLRaw("''")))).update()
        try await db.schema("information_applications")
            .field("provision", .string, .required, .sql(.default(SQLRaw("''")))).update()

        try await db.schema("case_letter_numbers")
            .id()
            .field("organisation_id", .int, .required)
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("number", .string, .required)
            .field("application_id", .uuid, .required)
            .field("event_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_id", "year", "serial")
            .unique(on: "event_id")
            .create()

        try await db.schema("case_files")
            .id()
            .field("application_id", .uuid, .required)
            .field("sha256", .string, .required)
            .field("display_name", .string, .required)
            .field("type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "case_files_application").on("case_files").column("application_id").run()
            try await sql.create(index: "case_letter_numbers_application").on("case_letter_numbers").column("application_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("case_files").delete()
        try await db.schema("case_letter_numbers").delete()
        for name in ["provision", "responsible_organ", "not_held_ground"] {
            try await db.schema("information_applications").deleteField(.init(stringLiteral: name)).update()
        }
        for name in ["letter_number_pattern", "litigation_months", "review_days", "court", "review_organ"] {
            try await db.schema("organisations").deleteField(.init(stringLiteral: name)).update()
        }
    }
}
