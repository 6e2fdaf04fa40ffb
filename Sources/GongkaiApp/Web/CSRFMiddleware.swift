import Foundation
import GongkaiDomain
import GongkaiFormats
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
    /// Largest url-encoded form body: the longest text fields of any form fit many times over.
    static let maxFormBytes = 1024 * 1024

    static let expired = UserFacingError(status: .forbidden,
                                         message: "页面已过期或来源无法确认，操作未执行。请返回上一页，刷新后重新提交。")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        if let staff = context.staff {
            context.formToken = FormToken(existing: staff.session.csrfToken)
        } else if let c = request.cookies[Self.cookieName]?.value, c.count >= 20 {
            context.formToken = FormToken(existing: c)
        } else {
            // Minted only if the page renders a form: public pages without one set no cookie.
            context.formToken = FormToken(existing: nil)
        }

        let unsafe = ![.get, .head, .options].contains(request.method)
        if unsafe {
            // Refused before any body is read: no token cookie (or session) means no form of ours
            // was ever loaded, so nothing in the body could carry the right token.
            guard context.formToken.existed else { throw Self.expired }
            let contentType = request.headers[.contentType] ?? ""
            if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: Self.maxFormBytes)
                } catch {
                    throw UserFacingError(status: .contentTooLarge, message: "提交的内容太长（超过 1 MB），请删减后重试。")
                }
                context.form = FormData(urlEncoded: String(buffer: body))
            } else if let boundary = MultipartForm.boundary(fromContentType: contentType) {
                // Only staff upload files; an anonymous multipart body is not read at all.
                guard context.staff != nil else { throw Self.expired }
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
            guard !sent.isEmpty, Tokens.constantTimeEqual(sent, context.csrfToken) else { throw Self.expired }
        }
        var response = try await next(request, context)
        if let t = context.formToken.minted {
            response.setCookie(Cookie(name: Self.cookieName, value: t, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
