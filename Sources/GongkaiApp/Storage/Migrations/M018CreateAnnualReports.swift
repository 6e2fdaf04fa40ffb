import FluentKit
import Foundation

/// Annual reports (one per organisation and year) and their corrections after publication.
struct M018CreateAnnualReports: AsyncMigration {
    var name: String { "M018CreateAnnualReports" }

    func prepare(on db: any Database) async throws {
        try await db.schema("annual_reports")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("year", .int, .required)
            .field("format", .string, .required)
            .field("overview", .string, .required)
            .field("problems", .string, .required)
            .field("other_matters", .string, .required)
            .field("entered_json", .string, .required)
            .field("status", .string, .required)
            .field("snapshot_json", .string)
            .field("published_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id", "year")
            .create()
        try await db.schema("annual_report_corrections")
            .id()
            .field("report_id", .uuid, .required, .references("annual_reports", "id"))
            .field("note", .string, .required)
            .field("corrected_at", .datetime, .required)
            .field("corrected_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("annual_report_corrections").delete()
        try await db.schema("annual_reports").delete()
    }
}
