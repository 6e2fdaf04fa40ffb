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
        context.careMode = request.cookies["gk_care"]?.value == "1"
        context.kioskMode = request.cookies["gk_kiosk"]?.value == "1"
        context.requestTarget = String(request.uri.description.prefix(200))
        var response = try await next(request, context)
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        // Only a page made to be embedded (the 政策服务直通车 fragment says so in its own policy) may be framed.
        if response.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") != true {
            response.headers[.init("X-Frame-Options")!] = "DENY"
        }
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        // A stricter policy set by the handler (attachments: sandbox) is kept, never replaced.
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        }
        if request.uri.path.hasPrefix("/admin") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
