import Foundation
import GongkaiDomain
import Hummingbird

/// Every state-changing request must carry the form token. Signed-in staff use the token bound to
/// their server-side session; anonymous forms (log-in, public forms) use a double-submit cookie.
/// The parsed form is kept in the context so handlers do not read the body twice.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "gk_csrf"
    let secureCookies: Bool
    /// Largest multipart body accepted (the upload limit plus room for the other fields).
    var uploadLimit: Int = 20 * 1024 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        var newCookieToken: String?
        if let staff = context.staff {
            context.csrfToken = staff.session.csrfToken
        } else if let c = request.cookies[Self.cookieName]?.value, c.count >= 20 {
            context.csrfToken = c
        } else {
            newCookieToken = Tokens.random()
            context.csrfToken = newCookieToken!
        }

        let unsafe = ![.get, .head, .options].contains(request.method)
        if unsafe {
            let contentType = request.headers[.contentType] ?? ""
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                context.form = FormData(urlEncoded: String(buffer: body))
            } else if let boundary = MultipartForm.boundary(fromContentType: contentType) {
                let limit = uploadLimit + 1024 * 1024
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: limit)
                } catch {
                    throw UserFacingError(status: .contentTooLarge,
                                          message: "上传的文件太大：每个文件不能超过 \(uploadLimit / 1024 / 1024) MB。")
                }
                guard let multipart = MultipartForm(body: Array(buffer: body), boundary: boundary) else {
                    throw UserFacingError(status: .badRequest, message: "上传的内容不完整，请重新选择文件后提交。")
                }
                context.form = FormData(fields: multipart.fields)
                context.uploads = multipart.files
            }
            let sent = request.headers[.init("X-CSRF-Token")!] ?? context.form.raw("_csrf")
            // A brand-new cookie token cannot have been in the submitted form.
            guard newCookieToken == nil, !sent.isEmpty, Tokens.constantTimeEqual(sent, context.csrfToken) else {
                throw UserFacingError(status: .forbidden,
                                      message: "页面已过期或来源无法确认，操作未执行。请返回上一页，刷新后重新提交。")
            }
        }
        var response = try await next(request, context)
        if let t = newCookieToken {
            response.setCookie(Cookie(name: Self.cookieName, value: t, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
