import FluentKit
import Foundation

struct M003CreateSessions: AsyncMigration {
    var name: String { "M003CreateSessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("staff_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("staff_users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("mfa_pending", .bool, .required)
            .field("client_address", .string, .required)
            .field("user_agent", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("login_attempts")
            .id()
            .field("username", .string, .required)
            .field("client_address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_attempts").delete()
        try await db.schema("staff_sessions").delete()
    }
}
