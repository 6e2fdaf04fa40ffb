import FluentKit
import Foundation

struct M006CreateApplications: AsyncMigration {
    var name: String { "M006CreateApplications" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_applications")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("registration_number", .string, .required)
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("query_code_hash", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("receipt_date", .string)
            .field("client_address", .string, .required)
            .field("applicant_kind", .string, .required)
            .field("name", .string, .required)
            .field("contact_person", .string, .required)
            .field("id_kind", .string, .required)
            .field("id_number", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .field("description", .string, .required)
            .field("document_number", .string, .required)
            .field("requested_form", .string, .required)
            .field("obtaining_way", .string, .required)
            .field("outcome", .string)
            .field("decided_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "registration_number")
            .unique(on: "organisation_id", "year", "serial")
            .create()
        try await db.schema("application_events")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("seq", .int, .required)
            .field("step", .string, .required)
            .field("effective_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .field("deadline", .string)
            .field("days", .int)
            .field("code", .string)
            .unique(on: "application_id", "seq")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("application_events").delete()
        try await db.schema("information_applications").delete()
    }
}
