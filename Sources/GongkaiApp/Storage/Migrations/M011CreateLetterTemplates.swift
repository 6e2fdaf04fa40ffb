import FluentKit
import Foundation

/// An organisation's own text for a standard document (one row per organisation and slot).
struct M011CreateLetterTemplates: AsyncMigration {
    var name: String { "M011CreateLetterTemplates" }

    func prepare(on db: any Database) async throws {
        try await db.schema("letter_templates")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("slot", .string, .required)
            .field("body", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id", "slot")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("letter_templates").delete()
    }
}
