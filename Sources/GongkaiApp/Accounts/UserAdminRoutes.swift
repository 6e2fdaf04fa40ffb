import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office management of staff accounts and their roles.
enum UserAdminRoutes {
    struct UserRow: Sendable {
        let id: String
        let username: String
        let displayName: String
        let organisationName: String
        let maskedPhone: String
        let roles: String
        let isActive: Bool
        let isLocked: Bool
    }

    struct UserListView: Sendable {
        let chrome: PageChrome
        let rows: [UserRow]
        let isEmpty: Bool
        let organisationOptions: [OptionItem]
        let query: String
    }

    struct AssignmentView: Sendable {
        let id: String
        let userID: String
        let roleLabel: String
        let organisationName: String
        let scopeLabel: String
        let canRevoke: Bool
    }

    struct UserDetailView: Sendable {
        let chrome: PageChrome
        let id: String
        let username: String
        let displayName: String
        let phone: String
        let email: String
        let organisationName: String
        let isActive: Bool
        let isLocked: Bool
        let lockedUntil: String
        let mustChangePassword: Bool
        let totpEnabled: Bool
        let lastLogin: String
        let assignments: [AssignmentView]
        let roleOptions: [OptionItem]
        let organisationOptions: [OptionItem]
        let errors: [FieldMessage]
        let displayNameError: String?
        let phoneError: String?
        let emailError: String?
        let passwordError: String?
        let roleError: String?
    }

    struct FieldMessage: Sendable { let message: String }

    struct NewUserView: Sendable {
        let chrome: PageChrome
        let organisationOptions: [OptionItem]
        let roleOptions: [OptionItem]
        let username: String
        let displayName: String
        let phone: String
        let email: String
        let usernameError: String?
        let displayNameError: String?
        let phoneError: String?
        let emailError: String?
        let passwordError: String?
        let organisationError: String?
        let hasErrors: Bool
    }

    static let timeFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()

    /// Organisations the staff member may administer, as select options.
    static func organisationOptions(_ staff: StaffIdentity, selected: Int?, on db: any Database) async throws -> [OptionItem] {
        try await OrganisationQueries.tree(visibleTo: staff.policy, roles: Roles.administrators, on: db)
            .filter { $0.node.isActive }
            .map { OptionItem(value: String($0.node.id ?? 0), label: String(repeating: "　", count: $0.depth) + $0.node.name,
                              selected: $0.node.id == selected) }
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let directory = StaffDirectory(services: services)

        bo.get("/admin/users", roles: Roles.administrators, target: .anyScope) { request, context, auth in
            let db = services.db
            let visible = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: db)
            let orgByID = Dictionary(uniqueKeysWithValues: visible.map { ($0.node.id ?? 0, $0.node) })
            let filterOrg = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "机构（org）")
            let q = (request.query.get("q") ?? "").trimmingSpaces()
            var query = StaffUser.query(on: db).filter(\.$organisationID ~~ Array(orgByID.keys))
            if let filterOrg { query = query.filter(\.$organisationID == filterOrg) }
            if !q.isEmpty {
                query = query.group(.or) { $0.filter(\.$username ~~ q.lowercased()).filter(\.$displayName ~~ q) }
            }
            let users = try await query.sort(\.$username).limit(500).all()
            let assignments = try await RoleAssignment.query(on: db).filter(\.$userID ~~ users.compactMap(\.id)).all()
            let rows = users.map { u in
                UserRow(id: u.id?.uuidString ?? "", username: u.username, displayName: u.displayName,
                        organisationName: orgByID[u.organisationID]?.shortName ?? "",
                        maskedPhone: u.phone.isEmpty ? "" : Masking.phone(u.phone),
                        roles: assignments.filter { $0.userID == u.id }.compactMap { StaffRole(rawValue: $0.roleRaw)?.label }
                            .sorted().joined(separator: "、"),
                        isActive: u.isActive, isLocked: (u.lockedUntil ?? .distantPast) > services.clock.now())
            }
            let view = UserListView(chrome: AdminChrome.make(services, context, title: "用户与角色", path: "/admin/users", notice: AdminChrome.notice(request)),
                                    rows: rows, isEmpty: rows.isEmpty,
                                    organisationOptions: try await organisationOptions(auth.staff, selected: filterOrg, on: db), query: q)
            return services.templates.page("admin-users", view)
        }

        bo.get("/admin/users/new", roles: Roles.administrators, target: .anyScope) { request, context, auth in
            let selected = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "机构（org）")
            return try await newUserForm(services, context, auth, selected: selected, form: FormData(), errors: [:], status: .ok)
        }

        bo.post("/admin/users", roles: Roles.administrators, target: .organisationInput(field: "organisation_id")) { request, context, auth in
            let form = context.form
            guard let org = auth.organisation else {
                return try await newUserForm(services, context, auth, selected: nil, form: form,
                                             errors: ["organisation_id": "请选择所属机构"], status: .badRequest)
            }
            let grantable = auth.staff.policy.grantableRoles(ancestry: org.ancestry.ids)
            let roles = form.all("roles").compactMap(StaffRole.init(rawValue:))
            if let bad = roles.first(where: { !grantable.contains($0) }) {
                throw UserFacingError.forbidden("您不能授予“\(bad.label)”角色。")
            }
            do {
                let u = try await directory.create(
                    .init(username: form["username"], displayName: form["display_name"], phone: form["phone"],
                          email: form["email"], organisationID: org.id ?? 0, password: form.raw("password")),
                    roles: roles.map { ($0, includesSubtree: form["subtree"] == "1") }, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/users/\(u.id?.uuidString ?? "")?notice=created", type: .found)
            } catch StaffDirectory.Failure.invalid(let e) {
                return try await newUserForm(services, context, auth, selected: org.id, form: form, errors: e, status: .badRequest)
            }
        }

        bo.get("/admin/users/:user", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            try await detail(services, context, auth, errors: [:], notice: AdminChrome.notice(request), status: .ok)
        }

        bo.post("/admin/users/:user", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            let form = context.form
            let user = auth.targetUser!
            if user.id == auth.staff.user.id && form["active"] != "1" {
                return try await detail(services, context, auth, errors: ["active": "不能停用自己的账户"], notice: nil, status: .badRequest)
            }
            do {
                try await directory.update(user, displayName: form["display_name"], phone: form["phone"], email: form["email"],
                                           active: form["active"] == "1", actor: auth.staff.actor(context))
            } catch StaffDirectory.Failure.invalid(let e) {
                return try await detail(services, context, auth, errors: e, notice: nil, status: .badRequest)
            }
            return .redirect(to: "/admin/users/\(user.id?.uuidString ?? "")?notice=saved", type: .found)
        }

        bo.post("/admin/users/:user/roles", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            let form = context.form
            let user = auth.targetUser!
            guard let role = StaffRole(rawValue: form["role"]) else {
                return try await detail(services, context, auth, errors: ["role": "请选择角色"], notice: nil, status: .badRequest)
            }
            guard let orgID = Int(form["organisation_id"]), let org = try await Organisation.find(orgID, on: services.db) else {
                return try await detail(services, context, auth, errors: ["role": "请选择授权机构"], notice: nil, status: .badRequest)
            }
            guard auth.staff.policy.grantableRoles(ancestry: org.ancestry.ids).contains(role) else {
                throw UserFacingError.forbidden("您不能在“\(org.name)”授予“\(role.label)”角色。")
            }
            try await directory.grant(role, organisationID: orgID, includesSubtree: form["subtree"] == "1", to: user,
                                      actor: auth.staff.actor(context))
            return .redirect(to: "/admin/users/\(user.id?.uuidString ?? "")?notice=role-added", type: .found)
        }

        bo.post("/admin/users/:user/roles/:grant/delete", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            let user = auth.targetUser!
            guard let gid = context.parameters.get("grant", as: UUID.self),
                  let a = try await RoleAssignment.find(gid, on: services.db), a.userID == user.id else { throw HTTPError(.notFound) }
            guard let role = StaffRole(rawValue: a.roleRaw), let org = try await Organisation.find(a.organisationID, on: services.db),
                  auth.staff.policy.grantableRoles(ancestry: org.ancestry.ids).contains(role) else {
                throw UserFacingError.forbidden("您不能撤销这项授权。")
            }
            try await directory.revoke(a, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/users/\(user.id?.uuidString ?? "")?notice=role-removed", type: .found)
        }

        bo.post("/admin/users/:user/password", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            let user = auth.targetUser!
            do {
                try await directory.setPassword(user, to: context.form.raw("password"), forced: true, actor: auth.staff.actor(context))
            } catch StaffDirectory.Failure.invalid(let e) {
                return try await detail(services, context, auth, errors: e, notice: nil, status: .badRequest)
            }
            return .redirect(to: "/admin/users/\(user.id?.uuidString ?? "")?notice=reset", type: .found)
        }

        bo.post("/admin/users/:user/unlock", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            try await directory.unlock(auth.targetUser!, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/users/\(auth.targetUser!.id?.uuidString ?? "")?notice=unlocked", type: .found)
        }

        bo.post("/admin/users/:user/sessions/revoke", roles: Roles.administrators, target: .user(param: "user")) { request, context, auth in
            try await directory.revokeSessions(auth.targetUser!, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/users/\(auth.targetUser!.id?.uuidString ?? "")?notice=revoked", type: .found)
        }
    }

    static func newUserForm(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, selected: Int?,
                            form: FormData, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let chosen = Set(form.all("roles"))
        let grantable: [StaffRole] = auth.staff.policy.holdsAny(of: [.systemAdministrator]) ? StaffRole.allCases
            : StaffRole.allCases.filter { $0 != .systemAdministrator }
        let view = NewUserView(
            chrome: AdminChrome.make(services, context, title: "新建用户", path: "/admin/users"),
            organisationOptions: try await organisationOptions(auth.staff, selected: selected, on: services.db),
            roleOptions: grantable.map { OptionItem(value: $0.rawValue, label: $0.label, selected: chosen.contains($0.rawValue)) },
            username: form["username"], displayName: form["display_name"], phone: form["phone"], email: form["email"],
            usernameError: errors["username"], displayNameError: errors["display_name"], phoneError: errors["phone"],
            emailError: errors["email"], passwordError: errors["password"], organisationError: errors["organisation_id"],
            hasErrors: !errors.isEmpty)
        return services.templates.page("admin-user-new", view, status: status)
    }

    static func detail(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, errors: [String: String],
                       notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let db = services.db
        let user = auth.targetUser!
        let assignments = try await RoleAssignment.query(on: db).filter(\.$userID == user.requireID()).all()
        let orgs = try await Organisation.query(on: db).filter(\.$id ~~ assignments.map(\.organisationID)).all()
        let policy = auth.staff.policy
        let views = assignments.map { a -> AssignmentView in
            let org = orgs.first { $0.id == a.organisationID }
            let role = StaffRole(rawValue: a.roleRaw)
            let canRevoke = org.map { o in role.map { policy.grantableRoles(ancestry: o.ancestry.ids).contains($0) } ?? false } ?? false
            return AssignmentView(id: a.id?.uuidString ?? "", userID: user.id?.uuidString ?? "", roleLabel: role?.label ?? a.roleRaw,
                                  organisationName: org?.name ?? "", scopeLabel: a.includesSubtree ? "本机构及下级机构" : "仅本机构",
                                  canRevoke: canRevoke)
        }
        let grantable: [StaffRole] = policy.grantableRoles(ancestry: auth.organisation?.ancestry.ids ?? [])
        let locked = (user.lockedUntil ?? .distantPast) > services.clock.now()
        let view = UserDetailView(
            chrome: AdminChrome.make(services, context, title: "用户：\(user.displayName)", path: "/admin/users", notice: notice),
            id: user.id?.uuidString ?? "", username: user.username, displayName: user.displayName, phone: user.phone,
            email: user.email, organisationName: auth.organisation?.name ?? "", isActive: user.isActive, isLocked: locked,
            lockedUntil: user.lockedUntil.map { timeFormatter.string(from: $0) } ?? "",
            mustChangePassword: user.mustChangePassword, totpEnabled: user.totpEnabled,
            lastLogin: user.lastLoginAt.map { timeFormatter.string(from: $0) } ?? "从未登录",
            assignments: views,
            roleOptions: grantable.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            organisationOptions: try await organisationOptions(auth.staff, selected: user.organisationID, on: db),
            errors: errors.values.sorted().map(FieldMessage.init),
            displayNameError: errors["display_name"], phoneError: errors["phone"], emailError: errors["email"],
            passwordError: errors["password"], roleError: errors["role"] ?? errors["active"])
        return services.templates.page("admin-user", view, status: status)
    }
}
