import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdOTP

/// The signed-in user's own account: password and second factor.
enum AccountRoutes {
    struct GrantView: Sendable {
        let roleLabel: String
        let organisationName: String
        let scopeLabel: String
    }

    struct AccountView: Sendable {
        let chrome: PageChrome
        let username: String
        let displayName: String
        let organisationName: String
        let grants: [GrantView]
        let totpEnabled: Bool
        let totpRequired: Bool
    }

    struct PasswordView: Sendable {
        let chrome: PageChrome
        let forced: Bool
        let currentError: String?
        let passwordError: String?
        let confirmError: String?
        let hasErrors: Bool

        init(chrome: PageChrome, forced: Bool, errors: [String: String]) {
            self.chrome = chrome
            self.forced = forced
            currentError = errors["current"]
            passwordError = errors["password"]
            confirmError = errors["confirm"]
            hasErrors = !errors.isEmpty
        }
    }

    struct TOTPSetupView: Sendable {
        let chrome: PageChrome
        let required: Bool
        let enabled: Bool
        let secretBase32: String
        let otpauthURL: String
        let error: String?
    }

    static func grantViews(_ grants: [RoleGrant], on db: any Database) async throws -> [GrantView] {
        let orgs = try await Organisation.query(on: db).filter(\.$id ~~ grants.map(\.organisationID)).all()
        return grants.map { g in
            GrantView(roleLabel: g.role.label,
                      organisationName: orgs.first { $0.id == g.organisationID }?.name ?? "（机构已不存在）",
                      scopeLabel: g.includesSubtree ? "本机构及下级机构" : "仅本机构")
        }
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let directory = StaffDirectory(services: services)

        bo.get("/admin/account", target: .signedIn) { request, context, auth in
            let u = auth.staff.user
            let org = try await Organisation.find(u.organisationID, on: services.db)
            let view = AccountView(chrome: AdminChrome.make(services, context, title: "我的账户", path: "/admin/account", notice: AdminChrome.notice(request)),
                                   username: u.username, displayName: u.displayName, organisationName: org?.name ?? "",
                                   grants: try await grantViews(auth.staff.grants, on: services.db),
                                   totpEnabled: u.totpEnabled,
                                   totpRequired: services.config.requireTOTPForAdministrators && auth.staff.grants.contains { $0.role.isPrivileged })
            return services.templates.page("admin-account", view)
        }

        bo.get("/admin/account/password", target: .signedIn) { request, context, auth in
            services.templates.page("admin-password", PasswordView(
                chrome: AdminChrome.make(services, context, title: "修改密码", path: "/admin/account/password"),
                forced: auth.staff.user.mustChangePassword, errors: [:]))
        }

        bo.post("/admin/account/password", target: .signedIn) { request, context, auth in
            let form = context.form
            let user = auth.staff.user
            var errors: [String: String] = [:]
            if !(try await services.verifyPassword(form.raw("current"), hash: user.passwordHash)) {
                errors["current"] = "当前密码不正确"
            }
            let new = form.raw("password")
            if new != form.raw("confirm") { errors["confirm"] = "两次输入的新密码不一致" }
            if new == form.raw("current") { errors["password"] = "新密码不能与当前密码相同" }
            if errors.isEmpty {
                do {
                    try await directory.setPassword(user, to: new, forced: false, actor: auth.staff.actor(context))
                    // Changing the password ended all sessions; start a fresh one for this browser.
                    let store = SessionStore(config: services.config, clock: services.clock)
                    let created = try await store.create(for: user, mfaPending: false, clientAddress: context.clientAddress,
                                                         userAgent: request.headers[.userAgent] ?? "", on: services.db)
                    var response = Response.redirect(to: "/admin/account?notice=password", type: .found)
                    response.setCookie(store.cookie(token: created.token))
                    return response
                } catch StaffDirectory.Failure.invalid(let e) {
                    errors.merge(e) { a, _ in a }
                }
            }
            return services.templates.page("admin-password", PasswordView(
                chrome: AdminChrome.make(services, context, title: "修改密码", path: "/admin/account/password"),
                forced: user.mustChangePassword, errors: errors), status: .badRequest)
        }

        bo.get("/admin/account/totp", target: .signedIn) { request, context, auth in
            let user = auth.staff.user
            if !user.totpEnabled && user.totpSecret == nil {
                // A new secret, kept unconfirmed until the first correct code.
                user.totpSecret = services.secrets.seal(Tokens.random(bytes: 15))
                try await user.update(on: services.db)
            }
            return services.templates.page("admin-totp-setup", setupView(services, context, auth, error: nil, request: request))
        }

        bo.post("/admin/account/totp", target: .signedIn) { request, context, auth in
            let user = auth.staff.user
            guard let secret = user.totpSecret.flatMap(services.secrets.open), !user.totpEnabled else { return .redirect(to: "/admin/account/totp", type: .found) }
            guard LoginService.totpMatches(secret: secret, code: context.form["code"]) else {
                return services.templates.page("admin-totp-setup", setupView(services, context, auth, error: "验证码不正确，请核对手机上的6位数字后重试", request: request), status: .badRequest)
            }
            try await services.db.transaction { db in
                user.totpEnabled = true
                try await user.update(on: db)
                try await services.audit.record(on: db, actor: auth.staff.actor(context), organisationID: user.organisationID,
                                                entity: .user, entityID: auth.staff.userID, action: "启用两步验证",
                                                changes: [FieldChange(field: "totp_enabled", before: "否", after: "是")])
            }
            return .redirect(to: "/admin/account?notice=totp-on", type: .found)
        }

        bo.post("/admin/account/totp/disable", target: .signedIn) { request, context, auth in
            let user = auth.staff.user
            if services.config.requireTOTPForAdministrators && auth.staff.grants.contains(where: { $0.role.isPrivileged }) {
                throw UserFacingError.forbidden("本系统要求管理员使用两步验证，不能关闭。")
            }
            guard let secret = user.totpSecret.flatMap(services.secrets.open), user.totpEnabled,
                  LoginService.totpMatches(secret: secret, code: context.form["code"]) else {
                throw UserFacingError(status: .badRequest, message: "验证码不正确，两步验证未关闭。")
            }
            try await services.db.transaction { db in
                user.totpEnabled = false
                user.totpSecret = nil
                try await user.update(on: db)
                try await services.audit.record(on: db, actor: auth.staff.actor(context), organisationID: user.organisationID,
                                                entity: .user, entityID: auth.staff.userID, action: "关闭两步验证",
                                                changes: [FieldChange(field: "totp_enabled", before: "是", after: "否")])
            }
            return .redirect(to: "/admin/account?notice=totp-off", type: .found)
        }
    }

    static func setupView(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, error: String?, request: Request) -> TOTPSetupView {
        let user = auth.staff.user
        let secret = user.totpSecret.flatMap(services.secrets.open) ?? ""
        let url = TOTP(secret: secret).createAuthenticatorURL(label: user.username, issuer: services.config.siteName)
        let base32 = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return TOTPSetupView(chrome: AdminChrome.make(services, context, title: "两步验证", path: "/admin/account/totp"),
                             required: request.query.get("required") == "1",
                             enabled: user.totpEnabled, secretBase32: base32, otpauthURL: url, error: error)
    }
}
