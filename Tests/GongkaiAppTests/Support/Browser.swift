import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A minimal browser over the test client: keeps cookies, finds the CSRF token in pages, submits forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        /// The body as sent (downloads: .xlsx, .docx).
        var bytes: [UInt8] = []
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; the current CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> Page {
        var all = fields
        if csrf { all.append(("_csrf", self.csrf)) }
        let body = all.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Posts a multipart form with files (name, filename, bytes); the CSRF token goes in a field.
    @discardableResult
    func postMultipart(_ uri: String, _ fields: [(String, String)], files: [(String, String, [UInt8])]) async throws -> Page {
        let boundary = "----gktest\(UUID().uuidString)"
        var body: [UInt8] = []
        for (k, v) in fields + [("_csrf", csrf)] {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        for (k, name, data) in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += data + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(uri, method: .post, bytes: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func enc(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._*"))) ?? s
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(uri, method: method, bytes: body.map { Array($0.utf8) },
                       contentType: body == nil ? nil : "application/x-www-form-urlencoded")
    }

    private func send(_ uri: String, method: HTTPRequest.Method, bytes: [UInt8]?, contentType: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if let t = contentType { headers[.contentType] = t }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: bytes.map { ByteBuffer(bytes: $0) })
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first ?? ""
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count >= 1 else { continue }
            let name = String(kv[0])
            let value = kv.count > 1 ? String(kv[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let r = text.range(of: "name=\"_csrf\" value=\"") {
            let rest = text[r.upperBound...]
            if let end = rest.firstIndex(of: "\"") { csrf = String(rest[..<end]) }
        }
        return Page(status: response.status, headers: response.headers, body: text, bytes: Array(buffer: response.body))
    }

    /// Logs in with a password (and TOTP code if asked); returns the final page.
    @discardableResult
    func logIn(_ username: String, _ password: String) async throws -> Page {
        try await get("/admin/login")
        let result = try await post("/admin/login", [("username", username), ("password", password)])
        // Pick up the session's own form token, as a browser would from the next page it shows.
        if result.status == .found { try await get("/admin/account") }
        return result
    }
}
