import FluentKit

/// The last accepted TOTP time step of each account, so that a code is accepted once only.
struct M027TOTPLastStep: AsyncMigration {
    var name: String { "M027TOTPLastStep" }

    func prepare(on db: any Database) async throws {
        try await db.schema("staff_users").field("totp_last_step", .int64).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("staff_users").deleteField("totp_last_step").update()
    }
}
