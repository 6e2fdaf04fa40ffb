import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdOTP

/// Password and second-factor checks with per-account lock-out and per-address throttling,
/// both kept in the database so every app instance sees the same counts.
struct LoginService: Sendable {
    let services: AppServices

    enum Outcome: Sendable {
        case success(StaffUser)
        case failure(String)
    }

    static let genericFailure = "用户名或密码错误。"

    func checkPassword(username rawUsername: String, password: String, clientAddress: String) async throws -> Outcome {
        let db = services.db
        let throttle = services.throttle
        let username = StaffDirectory.normaliseUsername(rawUsername)
        let windowStart = Date().addingTimeInterval(-throttle.addressWindowSeconds)
        let recent = try await LoginAttempt.query(on: db).filter(\.$clientAddress == clientAddress)
            .filter(\.$succeeded == false).filter(\.$at >= windowStart).count()
        if throttle.addressBlocked(recentFailures: recent) {
            return .failure("登录失败次数过多，请15分钟后再试。")
        }
        guard !username.isEmpty, !password.isEmpty else { return .failure("请输入用户名和密码。") }
        let user = try await StaffUser.query(on: db).filter(\.$username == username).first()
        guard let user, user.isActive else {
            _ = try await services.verifyPassword(password, hash: services.dummyPasswordHash)
            try await recordAttempt(username: username, clientAddress: clientAddress, succeeded: false)
            return .failure(Self.genericFailure)
        }
        if let until = user.lockedUntil, until > Date() {
            try await recordAttempt(username: username, clientAddress: clientAddress, succeeded: false)
            return .failure("该账户因连续登录失败已被锁定，请于\(Self.minutes(until))分钟后再试，或请系统管理员解锁。")
        }
        if try await services.verifyPassword(password, hash: user.passwordHash) {
            return .success(user)
        }
        return try await registerFailure(user, clientAddress: clientAddress, what: "密码错误")
    }

    func checkTOTP(user: StaffUser, code: String, clientAddress: String) async throws -> Outcome {
        if let until = user.lockedUntil, until > Date() {
            return .failure("该账户因连续验证失败已被锁定，请于\(Self.minutes(until))分钟后再试。")
        }
        guard let secret = user.totpSecret, Self.totpMatches(secret: secret, code: code) else {
            return try await registerFailure(user, clientAddress: clientAddress, what: "动态验证码错误")
        }
        return .success(user)
    }

    /// Accepts the current code and its neighbours (±30 s) for clock drift.
    static func totpMatches(secret: String, code: String, at date: Date = Date()) -> Bool {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let n = Int(digits) else { return false }
        let totp = TOTP(secret: secret)
        return [-30.0, 0, 30].contains { totp.compute(date: date.addingTimeInterval($0)) == n }
    }

    func registerSuccess(_ user: StaffUser, clientAddress: String, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            user.failedLogins = 0
            user.lockedUntil = nil
            user.lastLoginAt = Date()
            try await user.update(on: db)
            try await Self.attempt(username: user.username, clientAddress: clientAddress, succeeded: true, on: db)
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: "用户",
                                   entityID: user.id?.uuidString ?? "", action: "登录")
        }
    }

    private func registerFailure(_ user: StaffUser, clientAddress: String, what: String) async throws -> Outcome {
        let throttle = services.throttle
        let audit = services.audit
        let lock = throttle.lockDuration(afterFailuresInARow: user.failedLogins + 1)
        try await services.db.transaction { db in
            user.failedLogins += 1
            if let lock { user.lockedUntil = Date().addingTimeInterval(lock) }
            try await user.update(on: db)
            try await Self.attempt(username: user.username, clientAddress: clientAddress, succeeded: false, on: db)
            if lock != nil {
                try await audit.record(on: db, actor: AuditActor(id: nil, name: "系统", clientAddress: clientAddress),
                                       organisationID: user.organisationID, entity: "用户", entityID: user.id?.uuidString ?? "",
                                       action: "锁定账户", changes: [FieldChange(field: "reason", before: nil,
                                                                                 after: "连续\(user.failedLogins)次\(what)")])
            }
        }
        if lock != nil {
            return .failure("连续\(throttle.maxAccountFailures)次验证失败，账户已锁定\(Int(throttle.lockSeconds / 60))分钟。")
        }
        return .failure(what == "密码错误" ? Self.genericFailure : "动态验证码不正确，请重新输入。")
    }

    private func recordAttempt(username: String, clientAddress: String, succeeded: Bool) async throws {
        try await Self.attempt(username: username, clientAddress: clientAddress, succeeded: succeeded, on: services.db)
    }

    private static func attempt(username: String, clientAddress: String, succeeded: Bool, on db: any Database) async throws {
        let a = LoginAttempt()
        a.username = String(username.prefix(64))
        a.clientAddress = clientAddress
        a.succeeded = succeeded
        a.at = Date()
        try await a.create(on: db)
    }

    static func minutes(_ until: Date) -> Int { max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up))) }
}
