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

    func enc(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._*"))) ?? s
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
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
        return Page(status: response.status, headers: response.headers, body: text)
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
