import Foundation

/// Checks the links of a body: the href/src of (sanitised) HTML and bare web addresses in text.
/// Malformed addresses, plain http and hosts outside the trusted list are reported; whether a
/// link is dead needs the network and is checked in the background, not here.
public struct LinkCheck: Sendable {
    /// Trusted hosts; "gov.cn" also trusts every subdomain (www.gov.cn, xx.gov.cn).
    public let trustedHosts: [String]

    public init(trustedHosts: [String]) {
        self.trustedHosts = trustedHosts.map { $0.lowercased().trimmingSpaces() }.filter { !$0.isEmpty }
    }

    public struct Link: Sendable, Equatable {
        public let url: String
        public let range: Range<Int>
    }

    public func scan(_ html: String, source: String) -> [Finding] {
        let text = CheckText(html)
        return Self.links(in: text).compactMap { link in
            guard let problem = problem(link.url) else { return nil }
            return Finding(kind: .link, source: source, range: link.range, match: link.url,
                           context: Finding.context(text.characters, link.range), message: problem.message, suggestion: problem.suggestion)
        }
    }

    /// What is wrong with one address (nil when nothing is). Relative links point into this site.
    public func problem(_ url: String) -> (message: String, suggestion: String?)? {
        let lower = url.lowercased()
        if lower.hasPrefix("/") && !lower.hasPrefix("//") || lower.hasPrefix("#") || lower.hasPrefix("mailto:") { return nil }
        guard let u = URLComponents(string: url), let scheme = u.scheme?.lowercased(), let host = u.host?.lowercased(), !host.isEmpty,
              host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".") else {
            return ("链接地址格式不正确：\(url)", nil)
        }
        guard scheme == "http" || scheme == "https" else { return ("不支持的链接类型：\(scheme)", nil) }
        if !isTrusted(host) {
            return ("链接指向未列入可信名单的网站：\(host)，请确认", nil)
        }
        if scheme == "http" {
            return ("链接未使用 HTTPS", "https" + url.dropFirst(4))
        }
        return nil
    }

    func isTrusted(_ host: String) -> Bool {
        trustedHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Addresses in href="…" and src="…" attributes and bare http(s):// addresses in text, in order.
    public static func links(in html: String) -> [Link] {
        links(in: CheckText(html))
    }

    /// By the text's keys: everything compared is a one-scalar ASCII character (a character of
    /// several scalars ends an address and starts none), so this decides as comparing characters did.
    static func links(in text: CheckText) -> [Link] {
        let keys = text.keys
        var found: [Link] = []
        var i = 0
        while i < keys.count {
            // Attribute values (looked for only where an h or s starts: most characters are neither).
            for attr in attributeNames where startsLike(keys[i], attr) && matches(keys, at: i, attr) {
                guard i == 0 || text.isWhitespace(at: i - 1) else { continue }
                var j = i + attr.utf8CodeUnitCount
                let quote: UInt32? = j < keys.count && (keys[j] == 0x22 || keys[j] == 0x27) ? keys[j] : nil
                if quote != nil { j += 1 }
                let start = j
                while j < keys.count, quote.map({ keys[j] != $0 }) ?? !(text.isWhitespace(at: j) || keys[j] == 0x3E) { j += 1 }
                let value = text.string(start..<j).replacingOccurrences(of: "&amp;", with: "&")
                found.append(Link(url: value, range: start..<j))
                i = j
                break
            }
            // Bare addresses in text (not inside an attribute already read).
            if i < keys.count, startsLike(keys[i], "http://"), matches(keys, at: i, "http://") || matches(keys, at: i, "https://"),
               i == 0 || !(keys[i - 1] == 0x22 || keys[i - 1] == 0x27 || keys[i - 1] == 0x3D) {
                var j = i
                while j < keys.count, keys[j] < 0x80, !CheckText.isWhitespace(keys[j]), !addressEnds(keys[j]) { j += 1 }
                var end = j
                while end > i, trailingPunctuation(keys[end - 1]) { end -= 1 }
                found.append(Link(url: text.string(i..<end), range: i..<end))
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    /// < > " ' ( )
    static func addressEnds(_ k: UInt32) -> Bool { k == 0x3C || k == 0x3E || k == 0x22 || k == 0x27 || k == 0x28 || k == 0x29 }

    /// . , ; : ! ? after an address belong to the sentence.
    static func trailingPunctuation(_ k: UInt32) -> Bool { k == 0x2E || k == 0x2C || k == 0x3B || k == 0x3A || k == 0x21 || k == 0x3F }

    static let attributeNames: [StaticString] = ["href=", "src="]

    /// Whether the key is the first letter of `s`, in either case.
    static func startsLike(_ key: UInt32, _ s: StaticString) -> Bool {
        guard key < 0x80 else { return false }
        let a = UInt8(key)
        return ((0x41...0x5A).contains(a) ? a + 0x20 : a) == s.utf8Start.pointee
    }

    /// Whether the ASCII pattern `s` (lower case) starts at `i`, ignoring ASCII case. Compared by
    /// ASCII value: this is asked four times per character of every checked body.
    static func matches(_ keys: [UInt32], at i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= keys.count else { return false }
        let p = s.utf8Start
        for k in 0..<count {
            guard keys[i + k] < 0x80 else { return false }
            let a = UInt8(keys[i + k])
            if ((0x41...0x5A).contains(a) ? a + 0x20 : a) != p[k] { return false }
        }
        return true
    }
}
