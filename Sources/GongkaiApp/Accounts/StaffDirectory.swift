import FluentKit
import Foundation
import GongkaiDomain

/// Staff accounts and their role grants; every change audited in its own transaction.
struct StaffDirectory: Sendable {
    let services: AppServices

    typealias Failure = DeskFailure

    struct NewUser: Sendable {
        var username: String
        var displayName: String
        var phone: String = ""
        var email: String = ""
        var organisationID: Int
        var password: String
        var mustChangePassword: Bool = true
    }

    static func normaliseUsername(_ s: String) -> String { s.trimmingSpaces().lowercased() }

    /// Validates and creates an account; `roles` are granted for its organisation.
    func create(_ n: NewUser, roles: [(StaffRole, includesSubtree: Bool)], actor: AuditActor) async throws -> StaffUser {
        var errors: [String: String] = [:]
        let username = Self.normaliseUsername(n.username)
        if username.count < 3 || username.count > 32
            || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }) {
            errors["username"] = "用户名为3到32位的英文字母、数字、下划线、点或连字符"
        } else if try await StaffUser.query(on: services.db).filter(\.$username == username).first() != nil {
            errors["username"] = "用户名“\(username)”已被使用"
        }
        if n.displayName.trimmingSpaces().isEmpty { errors["display_name"] = "请填写姓名" }
        if !n.phone.isEmpty && !OrganisationInput.looksLikePhone(n.phone) { errors["phone"] = "电话号码格式不正确" }
        if !n.email.isEmpty && !ContactFormat.isEmail(n.email) { errors["email"] = "电子邮箱格式不正确" }
        let problems = services.passwordPolicy.problems(password: n.password, username: username)
        if !problems.isEmpty { errors["password"] = problems.joined(separator: "；") }
        if try await Organisation.find(n.organisationID, on: services.db) == nil { errors["organisation_id"] = "所选机构不存在" }
        guard errors.isEmpty else { throw Failure.invalid(errors) }

        let hash = try await services.hashPassword(n.password)
        let audit = services.audit
        return try await services.db.transaction { db in
            let u = StaffUser()
            u.username = username
            u.displayName = n.displayName.trimmingSpaces()
            u.phone = n.phone
            u.email = n.email
            u.organisationID = n.organisationID
            u.passwordHash = hash
            u.mustChangePassword = n.mustChangePassword
            u.isActive = true
            u.failedLogins = 0
            u.totpEnabled = false
            try await u.create(on: db)
            let uid = try u.requireID()
            try await audit.record(on: db, actor: actor, organisationID: n.organisationID, entity: .user,
                                   entityID: uid.uuidString, action: "新建",
                                   changes: FieldChange.diff(before: [:], after: u.auditSnapshot))
            for (role, subtree) in roles {
                try await Self.grant(role, organisationID: n.organisationID, includesSubtree: subtree, to: u,
                                     actor: actor, audit: audit, on: db)
            }
            return u
        }
    }

    func grant(_ role: StaffRole, organisationID: Int, includesSubtree: Bool, to user: StaffUser, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await Self.grant(role, organisationID: organisationID, includesSubtree: includesSubtree, to: user,
                                 actor: actor, audit: audit, on: db)
        }
    }

    private static func grant(_ role: StaffRole, organisationID: Int, includesSubtree: Bool, to user: StaffUser,
                              actor: AuditActor, audit: AuditTrail, on db: any Database) async throws {
        let uid = try user.requireID()
        let existing = try await RoleAssignment.query(on: db).filter(\.$userID == uid)
            .filter(\.$roleRaw == role.rawValue).filter(\.$organisationID == organisationID).first()
        let a = existing ?? RoleAssignment()
        func snapshot(_ subtree: Bool) -> [String: String?] {
            ["role": role.label, "organisation_id": String(organisationID), "includes_subtree": subtree ? "是" : "否"]
        }
        let before = existing.map { snapshot($0.includesSubtree) } ?? [:]
        a.userID = uid
        a.roleRaw = role.rawValue
        a.organisationID = organisationID
        a.includesSubtree = includesSubtree
        try await a.save(on: db)
        try await audit.record(on: db, actor: actor, organisationID: organisationID, entity: .roleGrant,
                               entityID: uid.uuidString, action: existing == nil ? "授予角色" : "修改授权",
                               changes: FieldChange.diff(before: before, after: snapshot(includesSubtree)))
    }

    func revoke(_ assignment: RoleAssignment, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await assignment.delete(on: db)
            try await audit.record(on: db, actor: actor, organisationID: assignment.organisationID, entity: .roleGrant,
                                   entityID: assignment.userID.uuidString, action: "撤销角色",
                                   changes: [FieldChange(field: "role", before: StaffRole(rawValue: assignment.roleRaw)?.label ?? assignment.roleRaw, after: nil)])
        }
    }

    /// Changes the password; `forced` marks an administrator's reset (the user must change it again).
    func setPassword(_ user: StaffUser, to password: String, forced: Bool, actor: AuditActor) async throws {
        let problems = services.passwordPolicy.problems(password: password, username: user.username)
        guard problems.isEmpty else { throw Failure.invalid(["password": problems.joined(separator: "；")]) }
        let hash = try await services.hashPassword(password)
        let audit = services.audit
        try await services.db.transaction { db in
            user.passwordHash = hash
            user.mustChangePassword = forced
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.update(on: db)
            // A new password ends every other session of this account.
            try await StaffSession.query(on: db).filter(\.$userID == user.requireID()).delete()
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: .user,
                                   entityID: user.id?.uuidString ?? "", action: forced ? "重置密码" : "修改密码",
                                   changes: [FieldChange(field: "password", before: "旧", after: "新")])
        }
    }

    func update(_ user: StaffUser, displayName: String, phone: String, email: String, active: Bool, actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        if displayName.isEmpty { errors["display_name"] = "请填写姓名" }
        if !phone.isEmpty && !OrganisationInput.looksLikePhone(phone) { errors["phone"] = "电话号码格式不正确" }
        if !email.isEmpty && !ContactFormat.isEmail(email) { errors["email"] = "电子邮箱格式不正确" }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let before = user.auditSnapshot
        user.displayName = displayName
        user.phone = phone
        user.email = email
        user.isActive = active
        let changes = FieldChange.diff(before: before, after: user.auditSnapshot)
        guard !changes.isEmpty else { return }
        let audit = services.audit
        try await services.db.transaction { db in
            try await user.update(on: db)
            if !active { try await StaffSession.query(on: db).filter(\.$userID == user.requireID()).delete() }
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: .user,
                                   entityID: user.id?.uuidString ?? "", action: "修改", changes: changes)
        }
    }

    func unlock(_ user: StaffUser, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: .user,
                                   entityID: user.id?.uuidString ?? "", action: "解锁账户")
        }
    }

    /// Ends every session of the user ("log out everywhere").
    func revokeSessions(_ user: StaffUser, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await StaffSession.query(on: db).filter(\.$userID == user.requireID()).delete()
            try await audit.record(on: db, actor: actor, organisationID: user.organisationID, entity: .user,
                                   entityID: user.id?.uuidString ?? "", action: "退出所有登录")
        }
    }
}
