import GongkaiDomain
import Hummingbird

/// Client address, 长辈 mode preference and the security headers every response carries.
struct RequestBasicsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: [IPNetwork]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let ip = ClientAddress.resolve(peer: context.remoteAddress?.ipAddress,
                                          forwardedFor: request.headers[.init("X-Forwarded-For")!], trusted: trustedProxies) {
            context.clientAddress = ip
        }
        (context.careMode, context.kioskMode) = Self.displayModes(request.cookies)
        context.requestTarget = String(request.uri.description.prefix(200))
        var response = try await next(request, context)
        Self.addSecurityHeaders(&response.headers, path: request.uri.path)
        return response
    }

    /// 长辈模式 and the 公开专区 terminal, as the visitor's cookies ask.
    static func displayModes(_ cookies: Cookies) -> (care: Bool, kiosk: Bool) {
        (cookies["gk_care"]?.value == "1", cookies["gk_kiosk"]?.value == "1")
    }

    /// The headers every response carries (also those `CachedPageResponder` answers before this
    /// middleware runs).
    static func addSecurityHeaders(_ headers: inout HTTPFields, path: String) {
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        // Only a page made to be embedded (the 政策服务直通车 fragment says so in its own policy) may be framed.
        if headers[.contentSecurityPolicy]?.contains("frame-ancestors *") != true {
            headers[.init("X-Frame-Options")!] = "DENY"
        }
        headers[.init("Referrer-Policy")!] = "same-origin"
        // A stricter policy set by the handler (attachments: sandbox) is kept, never replaced.
        if headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        }
        if path.hasPrefix("/admin") {
            headers[.cacheControl] = "no-store"
        }
    }
}
