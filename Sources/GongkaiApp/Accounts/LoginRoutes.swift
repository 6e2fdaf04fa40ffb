import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Log-in (password, then TOTP when enabled) and log-out.
enum LoginRoutes {
    struct LoginView: Sendable {
        let chrome: PageChrome
        let username: String
        let error: String?
        let next: String
    }

    struct TOTPView: Sendable {
        let chrome: PageChrome
        let error: String?
    }

    /// Only local back-office paths are accepted as a place to return to after log-in.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/admin"), !raw.hasPrefix("//"), !raw.contains("\\"),
              !raw.lowercased().contains("://") else { return "/admin" }
        return raw
    }

    static func register(router: Router<AppRequestContext>, bo: BackOffice) {
        let services = bo.services
        let store = SessionStore(config: services.config, clock: services.clock)
        let login = LoginService(services: services)

        router.get("/admin/login") { request, context -> Response in
            if let staff = context.staff, !staff.session.mfaPending { return .redirect(to: "/admin") }
            let view = LoginView(chrome: AdminChrome.make(services, context, title: "登录", path: "/admin/login"),
                                 username: "", error: nil, next: safeNext(request.query.get("next")))
            return services.templates.page("admin-login", view)
        }

        @Sendable func logIn(request: Request, context: AppRequestContext, form: FormData, next: String) async throws -> Response {
            let outcome = try await login.checkPassword(username: form["username"], password: form.raw("password"),
                                                        clientAddress: context.clientAddress)
            switch outcome {
            case .failure(let message):
                let view = LoginView(chrome: AdminChrome.make(services, context, title: "登录", path: "/admin/login"),
                                     username: form["username"], error: message, next: next)
                return services.templates.page("admin-login", view, status: .unauthorized)
            case .success(let user):
                // A fresh session on every log-in (no fixation); the old one, if any, is ended.
                if let old = context.staff?.session { try await old.delete(on: services.db) }
                let created = try await store.create(for: user, mfaPending: user.totpEnabled, clientAddress: context.clientAddress,
                                                     userAgent: request.headers[.userAgent] ?? "", on: services.db)
                if !user.totpEnabled {
                    try await login.registerSuccess(user, clientAddress: context.clientAddress,
                                                    actor: AuditActor(id: user.id?.uuidString, name: "\(user.displayName)（\(user.username)）",
                                                                      clientAddress: context.clientAddress))
                }
                var response = Response.redirect(to: user.totpEnabled ? "/admin/login/totp" : next, type: .found)
                response.setCookie(store.cookie(token: created.token))
                return response
            }
        }

        router.post("/admin/login") { request, context -> Response in
            let form = context.form
            let next = safeNext(form["next"])
            do {
                return try await logIn(request: request, context: context, form: form, next: next)
            } catch let error as HTTPError {
                throw error
            } catch {
                // Log-in writes (attempt, session, audit). On a full disk or read-only database say so,
                // so the office knows why nobody can log in, instead of a generic error page.
                do { try await services.database.checkWritable() } catch let problem as StorageProblem {
                    context.logger.error("log-in refused: \(problem.detail)")
                    let view = LoginView(chrome: AdminChrome.make(services, context, title: "登录", path: "/admin/login"),
                                         username: form["username"],
                                         error: "系统当前无法保存数据（服务器磁盘可能已满，或数据库只读），因此暂时无法登录。请通知系统管理员检查服务器存储；恢复后即可正常登录。",
                                         next: next)
                    return services.templates.page("admin-login", view, status: .serviceUnavailable)
                }
                throw error
            }
        }

        router.get("/admin/login/totp") { request, context -> Response in
            guard context.staff?.session.mfaPending == true else { return .redirect(to: "/admin") }
            return services.templates.page("admin-totp-login", TOTPView(chrome: AdminChrome.make(services, context, title: "两步验证", path: "/admin/login/totp"), error: nil))
        }

        router.post("/admin/login/totp") { request, context -> Response in
            guard let staff = context.staff, staff.session.mfaPending else { return .redirect(to: "/admin") }
            switch try await login.checkTOTP(user: staff.user, code: context.form["code"], clientAddress: context.clientAddress) {
            case .failure(let message):
                if staff.user.lockedUntil != nil { try await staff.session.delete(on: services.db) }
                return services.templates.page("admin-totp-login", TOTPView(chrome: AdminChrome.make(services, context, title: "两步验证", path: "/admin/login/totp"), error: message), status: .unauthorized)
            case .success(let user):
                staff.session.mfaPending = false
                try await staff.session.update(on: services.db)
                try await login.registerSuccess(user, clientAddress: context.clientAddress, actor: staff.actor(context))
                return .redirect(to: "/admin", type: .found)
            }
        }

        bo.post("/admin/logout", target: .signedIn) { request, context, auth in
            try await auth.staff.session.delete(on: services.db)
            try await services.audit.record(on: services.db, actor: auth.staff.actor(context), organisationID: auth.staff.user.organisationID,
                                            entity: .user, entityID: auth.staff.userID, action: "退出登录")
            var response = Response.redirect(to: "/admin/login", type: .found)
            response.setCookie(store.clearingCookie())
            return response
        }

        bo.post("/admin/logout-all", target: .signedIn) { request, context, auth in
            try await StaffDirectory(services: services).revokeSessions(auth.staff.user, actor: auth.staff.actor(context))
            var response = Response.redirect(to: "/admin/login", type: .found)
            response.setCookie(store.clearingCookie())
            return response
        }
    }
}
