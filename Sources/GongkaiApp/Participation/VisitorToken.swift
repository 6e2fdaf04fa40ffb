import Foundation
import Hummingbird

/// The random token that lets a visitor without an account support a theme or answer a
/// questionnaire once (kept only as a hash by the desks), in a year-long cookie under /participation.
enum VisitorToken {
    static let cookieName = "gk_voter"

    /// The visitor's token (a well-formed one from the cookie, else a new one) and whether it is new.
    static func read(_ request: Request) -> (token: String, isNew: Bool) {
        let existing = request.cookies[cookieName]?.value ?? ""
        return existing.count >= 20 && existing.count <= 100 ? (existing, false) : (Tokens.random(), true)
    }

    static func set(_ token: String, on response: inout Response, services: AppServices) {
        response.setCookie(Cookie(name: cookieName, value: token, maxAge: 365 * 24 * 3600, path: "/participation",
                                  secure: services.config.cookiesSecure, httpOnly: true, sameSite: .lax))
    }
}
