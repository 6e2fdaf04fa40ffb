import FluentKit
import Foundation

struct M009CreateReviewProceedings: AsyncMigration {
    var name: String { "M009CreateReviewProceedings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("review_proceedings")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("kind", .string, .required)
            .field("filed_on", .string, .required)
            .field("body", .string, .required)
            .field("concluded_on", .string)
            .field("result", .string)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("review_proceedings").delete()
    }
}
