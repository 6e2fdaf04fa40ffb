import FluentKit
import Foundation

/// The amount of a 收费通知 (yuan) on the timeline step that issued it.
struct M007AddFeeAmount: AsyncMigration {
    var name: String { "M007AddFeeAmount" }

    func prepare(on db: any Database) async throws {
        try await db.schema("application_events").field("amount", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("application_events").deleteField("amount").update()
    }
}
