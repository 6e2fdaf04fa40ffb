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
        let windowStart = services.clock.now().addingTimeInterval(-throttle.addressWindowSeconds)
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
        // A locked account answers exactly like a wrong password or an unknown name (no way to
        // learn which accounts exist or are locked). The lock does not apply where the holder
        // signed in recently, unless they failed five times there too: an outsider cannot keep
        // them out by failing elsewhere.
        if let until = user.lockedUntil, until > services.clock.now() {
            let lastSuccess = try await lastSuccess(username: username, clientAddress: clientAddress)
            let known = lastSuccess.map { $0 >= services.clock.now().addingTimeInterval(-throttle.knownAddressSeconds) } ?? false
            let failedHere = known ? try await failures(username: username, clientAddress: clientAddress, after: lastSuccess!) : 0
            if !known || failedHere >= throttle.maxAccountFailures {
                _ = try await services.verifyPassword(password, hash: services.dummyPasswordHash)
                try await recordAttempt(username: username, clientAddress: clientAddress, succeeded: false)
                return .failure(Self.genericFailure)
            }
            if try await services.verifyPassword(password, hash: user.passwordHash) { return .success(user) }
            try await recordAttempt(username: username, clientAddress: clientAddress, succeeded: false)
            return .failure(Self.genericFailure)
        }
        if try await services.verifyPassword(password, hash: user.passwordHash) {
            return .success(user)
        }
        return try await registerFailure(user, clientAddress: clientAddress, what: "密码错误")
    }

    /// When this account last signed in from this address (its "known" addresses are recent ones).
    func lastSuccess(username: String, clientAddress: String) async throws -> Date? {
        try await LoginAttempt.query(on: services.db).filter(\.$username == username).filter(\.$clientAddress == clientAddress)
            .filter(\.$succeeded == true).sort(\.$at, .descending).first()?.at
    }

    /// Failures for this account from this address after `date`.
    func failures(username: String, clientAddress: String, after date: Date) async throws -> Int {
        try await LoginAttempt.query(on: services.db).filter(\.$username == username).filter(\.$clientAddress == clientAddress)
            .filter(\.$succeeded == false).filter(\.$at > date).count()
    }

    func checkTOTP(user: StaffUser, code: String, clientAddress: String) async throws -> Outcome {
        if let until = user.lockedUntil, until > services.clock.now() {
            return .failure("该账户因连续验证失败已被锁定，请于\(Self.minutes(until))分钟后再试。")
        }
        guard let sealed = user.totpSecret, let secret = services.secrets.open(sealed),
              let step = Self.totpStep(secret: secret, code: code), step > (user.totpLastStep ?? Int.min) else {
            return try await registerFailure(user, clientAddress: clientAddress, what: "动态验证码错误")
        }
        // Used once: the same code (or an older one) is refused from now on, even within its 30 s.
        user.totpLastStep = step
        if !sealed.hasPrefix("v1:") { user.totpSecret = services.secrets.seal(secret) }
        try await user.update(on: services.db)
        return .success(user)
    }

    /// Accepts the current code and its neighbours (±30 s) for clock drift.
    static func totpMatches(secret: String, code: String, at date: Date = Date()) -> Bool {
        totpStep(secret: secret, code: code, at: date) != nil
    }

    /// The 30-second time step whose code this is (current or a neighbour), or nil.
    static func totpStep(secret: String, code: String, at date: Date = Date()) -> Int? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let n = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let now = Int(date.timeIntervalSince1970) / 30
        for offset in [-1, 0, 1] where totp.compute(date: date.addingTimeInterval(Double(offset) * 30)) == n {
            return now + offset
        }
        return nil
    }

    func registerSuccess(_ user: StaffUser, clientAddress: String, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            user.failedLogins = 0
            user.lockedUntil = nil
            user.lastLoginAt = services.clock.now()
            try await user.update(on: db)
            try await Self.attempt(username: user.username, clientAddress: clientAddress, succeeded: true, at: services.clock.now(), on: db)
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: .user,
                                   entityID: user.id?.uuidString ?? "", action: "登录")
        }
    }

    private func registerFailure(_ user: StaffUser, clientAddress: String, what: String) async throws -> Outcome {
        let throttle = services.throttle
        let audit = services.audit
        let lock = throttle.lockDuration(afterFailuresInARow: user.failedLogins + 1)
        try await services.db.transaction { db in
            user.failedLogins += 1
            if let lock { user.lockedUntil = services.clock.now().addingTimeInterval(lock) }
            try await user.update(on: db)
            try await Self.attempt(username: user.username, clientAddress: clientAddress, succeeded: false, at: services.clock.now(), on: db)
            if let lock {
                try await audit.record(on: db, actor: AuditActor(id: nil, name: "系统", clientAddress: clientAddress),
                                       organisationID: user.organisationID, entity: .user, entityID: user.id?.uuidString ?? "",
                                       action: "锁定账户", changes: [FieldChange(field: "reason", before: nil,
                                                                                 after: "连续\(user.failedLogins)次\(what)，锁定\(Int(lock / 60))分钟")])
                // The holder hears of it (the page itself says nothing an outsider could use).
                if ContactFormat.isEmail(user.email) {
                    try await OutboxMail(recipient: user.email, recipientName: user.displayName,
                                         subject: "【账户安全】您的账户因多次登录失败已暂时锁定",
                                         body: """
                                         \(user.displayName)：

                                         您的账户（\(user.username)）连续\(user.failedLogins)次\(what)，已暂时锁定\(Int(lock / 60))分钟（最近一次来自 \(clientAddress)）。
                                         在您近期成功登录过的电脑上，锁定不影响您本人登录。
                                         如果不是您本人操作，请立即联系系统管理员。

                                         本邮件由\(services.config.siteName)系统自动发送，请勿直接回复。
                                         """,
                                         purpose: "account_locked:\(user.username)", organisationID: user.organisationID, now: services.clock.now()).create(on: db)
                }
            }
        }
        return .failure(what == "密码错误" ? Self.genericFailure : "动态验证码不正确，请重新输入。")
    }

    private func recordAttempt(username: String, clientAddress: String, succeeded: Bool) async throws {
        try await Self.attempt(username: username, clientAddress: clientAddress, succeeded: succeeded, at: services.clock.now(), on: services.db)
    }

    private static func attempt(username: String, clientAddress: String, succeeded: Bool, at now: Date, on db: any Database) async throws {
        let a = LoginAttempt()
        a.username = String(username.prefix(64))
        a.clientAddress = clientAddress
        a.succeeded = succeeded
        a.at = now
        try await a.create(on: db)
    }

    static func minutes(_ until: Date) -> Int { max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up))) }
}
