import Foundation
import GongkaiDomain
import Hummingbird

/// For /admin paths: loads the session, then keeps the user on the one page they must see next
/// (second factor, forced password change, required TOTP enrolment) or sends them to log in.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices
    var store: SessionStore { SessionStore(config: services.config, clock: services.clock) }

    static let openPaths: Set<String> = ["/admin/login"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == "/admin" || path.hasPrefix("/admin/") else { return try await next(request, context) }
        var context = context
        if let token = request.cookies[SessionStore.cookieName]?.value, !token.isEmpty {
            context.staff = try await store.load(token: token, on: services.db)
        }
        if Self.openPaths.contains(path) { return try await next(request, context) }
        guard let staff = context.staff else {
            if request.method == .get {
                let nextPath = (request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
                    .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return .redirect(to: "/admin/login?next=\(nextPath)")
            }
            throw UserFacingError(status: .unauthorized, message: "登录已过期，请重新登录。")
        }
        let allowedWhilePending: Set<String>
        if staff.session.mfaPending {
            allowedWhilePending = ["/admin/login/totp", "/admin/logout"]
            if !allowedWhilePending.contains(path) { return .redirect(to: "/admin/login/totp") }
        } else if staff.user.mustChangePassword {
            allowedWhilePending = ["/admin/account/password", "/admin/logout"]
            if !allowedWhilePending.contains(path) { return .redirect(to: "/admin/account/password") }
        } else if services.config.requireTOTPForAdministrators && !staff.user.totpEnabled
                    && staff.grants.contains(where: { $0.role.isPrivileged }) {
            allowedWhilePending = ["/admin/account/totp", "/admin/logout", "/admin/account/password"]
            if !allowedWhilePending.contains(path) { return .redirect(to: "/admin/account/totp?required=1") }
        }
        return try await next(request, context)
    }
}
