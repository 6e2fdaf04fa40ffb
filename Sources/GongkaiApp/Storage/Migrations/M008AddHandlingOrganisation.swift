import FluentKit
import Foundation

/// The department a case is assigned to by the disclosure office (签收/退回).
struct M008AddHandlingOrganisation: AsyncMigration {
    var name: String { "M008AddHandlingOrganisation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_applications").field("handling_organisation_id", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("information_applications").deleteField("handling_organisation_id").update()
    }
}
