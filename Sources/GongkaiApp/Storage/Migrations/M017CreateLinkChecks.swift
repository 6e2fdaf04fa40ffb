import FluentKit
import Foundation

/// Results of the background check of links in published items.
struct M017CreateLinkChecks: AsyncMigration {
    var name: String { "M017CreateLinkChecks" }

    func prepare(on db: any Database) async throws {
        try await db.schema("link_checks")
            .id()
            .field("url", .string, .required)
            .field("working", .bool, .required)
            .field("detail", .string, .required)
            .field("checked_at", .datetime, .required)
            .unique(on: "url")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("link_checks").delete()
    }
}
