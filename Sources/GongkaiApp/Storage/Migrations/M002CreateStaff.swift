import FluentKit
import Foundation

struct M002CreateStaff: AsyncMigration {
    var name: String { "M002CreateStaff" }

    func prepare(on db: any Database) async throws {
        try await db.schema("staff_users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("is_active", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("totp_secret", .string)
            .field("totp_enabled", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await db.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("staff_users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("includes_subtree", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "role", "organisation_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("role_assignments").delete()
        try await db.schema("staff_users").delete()
    }
}
