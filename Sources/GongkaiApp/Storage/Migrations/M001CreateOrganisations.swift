import FluentKit
import Foundation

struct M001CreateOrganisations: AsyncMigration {
    var name: String { "M001CreateOrganisations" }

    func prepare(on db: any Database) async throws {
        try await db.schema("organisations")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .int, .references("organisations", "id"))
            .field("path", .string, .required)
            .field("sort_order", .int, .required)
            .field("credit_code", .string)
            .field("division_code", .string)
            .field("office_name", .string, .required)
            .field("office_address", .string, .required)
            .field("office_hours", .string, .required)
            .field("office_phone", .string, .required)
            .field("office_fax", .string, .required)
            .field("office_email", .string, .required)
            .field("office_web", .string, .required)
            .field("functions_text", .string, .required)
            .field("structure_text", .string, .required)
            .field("head_name", .string, .required)
            .field("guide_text", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("organisations").delete()
    }
}
