import Foundation
import Hummingbird

/// A file sent for saving (or showing inline): the type, an ASCII fallback name for old clients
/// and the real, possibly Chinese, name as RFC 5987 `filename*`.
enum Download {
    static func response(_ body: ByteBuffer, contentType: String, fallbackName: String, fileName: String,
                         inline: Bool = false, cacheControl: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallbackName
        headers[.contentDisposition] = "\(inline ? "inline" : "attachment"); filename=\"\(fallbackName)\"; filename*=UTF-8''\(encoded)"
        if let c = cacheControl { headers[.cacheControl] = c }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
