import FluentKit
import Foundation

/// A back-office account.
public final class StaffUser: Model, @unchecked Sendable {
    public static let schema = "staff_users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "phone") public var phone: String
    @Field(key: "email") public var email: String
    /// The organisation the person works for; roles may be granted elsewhere too.
    @Field(key: "organisation_id") public var organisationID: Int
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    @Field(key: "is_active") public var isActive: Bool
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    /// Sealed with `SecretBox` (older rows: plain until their next write).
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// The last accepted TOTP time step: a code is good once.
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int?
    @Field(key: "totp_enabled") public var totpEnabled: Bool
    @OptionalField(key: "last_login_at") public var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    var auditSnapshot: [String: String?] {
        [
            "username": username, "display_name": displayName, "phone": phone, "email": email,
            "organisation_id": String(organisationID), "must_change_password": mustChangePassword ? "是" : "否",
            "is_active": isActive ? "是" : "否", "totp_enabled": totpEnabled ? "是" : "否",
        ]
    }
}

public final class RoleAssignment: Model, @unchecked Sendable {
    public static let schema = "role_assignments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "role") public var roleRaw: String
    @Field(key: "organisation_id") public var organisationID: Int
    @Field(key: "includes_subtree") public var includesSubtree: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A server-side back-office session; the cookie holds a random token whose SHA-256 is stored here.
public final class StaffSession: Model, @unchecked Sendable {
    public static let schema = "staff_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    /// True between a correct password and a correct TOTP code.
    @Field(key: "mfa_pending") public var mfaPending: Bool
    @Field(key: "client_address") public var clientAddress: String
    @Field(key: "user_agent") public var userAgent: String

    public init() {}
}

public final class LoginAttempt: Model, @unchecked Sendable {
    public static let schema = "login_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "client_address") public var clientAddress: String
    @Field(key: "succeeded") public var succeeded: Bool
    @Field(key: "at") public var at: Date

    public init() {}
}
