import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Server-side sessions in the database, so any app instance can serve any request.
struct SessionStore: Sendable {
    static let cookieName = "gk_session"
    let config: AppConfig
    var clock: SiteClock = .system

    /// Creates a session and returns the cookie token (only its hash is stored).
    func create(for user: StaffUser, mfaPending: Bool, clientAddress: String, userAgent: String,
                on db: any Database) async throws -> (token: String, session: StaffSession) {
        let token = Tokens.random()
        let now = clock.now()
        let s = StaffSession()
        s.tokenHash = Tokens.sha256Hex(token)
        s.userID = try user.requireID()
        s.csrfToken = Tokens.random()
        s.createdAt = now
        s.lastSeenAt = now
        s.expiresAt = now.addingTimeInterval(Double(config.sessionMaxHours) * 3600)
        s.mfaPending = mfaPending
        s.clientAddress = clientAddress
        s.userAgent = String(userAgent.prefix(300))
        try await s.create(on: db)
        return (token, s)
    }

    /// The live session for a cookie token, or nil. Expired or idle sessions are deleted.
    func load(token: String, on db: any Database) async throws -> StaffIdentity? {
        guard let session = try await StaffSession.query(on: db)
            .filter(\.$tokenHash == Tokens.sha256Hex(token)).first() else { return nil }
        let now = clock.now()
        let idleLimit = Double(config.sessionIdleMinutes) * 60
        if session.expiresAt < now || now.timeIntervalSince(session.lastSeenAt) > idleLimit {
            try await session.delete(on: db)
            return nil
        }
        guard let user = try await StaffUser.find(session.userID, on: db), user.isActive else {
            try await session.delete(on: db)
            return nil
        }
        // Refresh the idle clock at most once a minute to keep reads cheap.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.update(on: db)
        }
        let grants = try await RoleAssignment.query(on: db).filter(\.$userID == session.userID).all()
            .compactMap { a in StaffRole(rawValue: a.roleRaw).map { RoleGrant(role: $0, organisationID: a.organisationID, includesSubtree: a.includesSubtree) } }
        return StaffIdentity(user: user, session: session, grants: grants)
    }

    func cookie(token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, path: "/admin", secure: config.cookiesSecure,
               httpOnly: true, sameSite: .lax)
    }

    func clearingCookie() -> Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/admin", secure: config.cookiesSecure,
               httpOnly: true, sameSite: .lax)
    }
}
