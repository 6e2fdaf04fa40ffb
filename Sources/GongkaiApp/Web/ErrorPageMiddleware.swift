import Foundation
import Hummingbird
import Logging

/// Turns every error into a Chinese page (or JSON under /api/) with no internals: no stack trace,
/// no SQL, no file names. Unexpected errors are logged with a reference the visitor can quote.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    struct ErrorView {
        let chrome: PageChrome
        let heading: String
        let message: String
        let reference: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let status = error.status
            if status.code < 400 {
                return try error.response(from: request, context: context)
            }
            return render(status: status, request: request, context: context, reference: nil,
                          detail: (error as? UserFacingError)?.message)
        } catch let failure as DeskFailure {
            // A desk's refusal that the handler did not show beside its form.
            if case .refused = failure {
                return render(status: .conflict, request: request, context: context, reference: nil, detail: failure.message)
            }
            return render(status: .badRequest, request: request, context: context, reference: nil, detail: failure.message)
        } catch {
            let reference = String(context.id.suffix(8))
            context.logger.error("未处理的错误 [\(reference)]: \(String(reflecting: error))")
            return render(status: .internalServerError, request: request, context: context, reference: reference, detail: nil)
        }
    }

    func render(status: HTTPResponse.Status, request: Request, context: Context, reference: String?, detail: String?) -> Response {
        let (heading, message): (String, String) = {
            switch status.code {
            case 400: return ("请求有误", detail ?? "提交的内容无法处理，请检查后重试。")
            case 401: return ("请先登录", "此页面需要登录后访问。")
            case 403: return ("无权访问", detail ?? "您没有访问此页面或执行此操作的权限。如需权限，请联系本单位的系统管理员。")
            case 404: return ("页面不存在", "您访问的页面不存在或已被移除。请检查网址，或从首页重新进入。")
            case 405: return ("请求方式不正确", "此页面不支持这种访问方式。")
            case 409: return ("无法进行此操作", detail ?? "当前状态下不能进行此操作。")
            case 413: return ("提交的内容太大", detail ?? "提交的文件或内容超过了允许的大小。")
            case 429: return ("操作过于频繁", detail ?? "请稍后再试。")
            default: return ("系统暂时出现问题", "很抱歉，服务器处理您的请求时出错。请稍后再试；如问题持续，请联系网站管理员并告知参考编号。")
            }
        }()
        if request.uri.path.hasPrefix("/api/") {
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            var object = ["error": heading, "message": message]
            if let r = reference { object["reference"] = r }
            // Serialised, not interpolated: a message with quotes still gives valid JSON.
            let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let view = ErrorView(chrome: PageChrome(services: services, context: context, title: heading, path: request.uri.path),
                             heading: heading, message: message, reference: reference)
        return services.templates.page("error", view, status: status)
    }
}

/// An error whose Chinese message may be shown to the user as it is.
struct UserFacingError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    static func forbidden(_ message: String = "您没有执行此操作的权限。") -> UserFacingError {
        UserFacingError(status: .forbidden, message: message)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
