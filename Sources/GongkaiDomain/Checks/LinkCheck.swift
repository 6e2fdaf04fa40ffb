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
        let chars = Array(html)
        return Self.links(in: html).compactMap { link in
            guard let problem = problem(link.url) else { return nil }
            return Finding(kind: .link, source: source, range: link.range, match: link.url,
                           context: Finding.context(chars, link.range), message: problem.message, suggestion: problem.suggestion)
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
        let chars = Array(html)
        var found: [Link] = []
        var i = 0
        while i < chars.count {
            // Attribute values (looked for only where an h or s starts: most characters are neither).
            for attr in attributeNames where startsLike(chars[i], attr) && matches(chars, at: i, attr) {
                let before = i > 0 ? chars[i - 1] : " "
                guard before.isWhitespace else { continue }
                var j = i + attr.utf8CodeUnitCount
                let quote: Character? = j < chars.count && (chars[j] == "\"" || chars[j] == "'") ? chars[j] : nil
                if quote != nil { j += 1 }
                let start = j
                while j < chars.count, quote.map({ chars[j] != $0 }) ?? !(chars[j].isWhitespace || chars[j] == ">") { j += 1 }
                let value = String(chars[start..<j]).replacingOccurrences(of: "&amp;", with: "&")
                found.append(Link(url: value, range: start..<j))
                i = j
                break
            }
            // Bare addresses in text (not inside an attribute already read).
            if i < chars.count, startsLike(chars[i], "http://"), matches(chars, at: i, "http://") || matches(chars, at: i, "https://"),
               i == 0 || !(chars[i - 1] == "\"" || chars[i - 1] == "'" || chars[i - 1] == "=") {
                var j = i
                while j < chars.count, chars[j].isASCII, !chars[j].isWhitespace, !"<>\"'()".contains(chars[j]) { j += 1 }
                var end = j
                while end > i, ".,;:!?".contains(chars[end - 1]) { end -= 1 }
                found.append(Link(url: String(chars[i..<end]), range: i..<end))
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    static let attributeNames: [StaticString] = ["href=", "src="]

    /// Whether `c` is the first letter of `s`, in either case.
    static func startsLike(_ c: Character, _ s: StaticString) -> Bool {
        guard let a = c.asciiValue else { return false }
        return ((0x41...0x5A).contains(a) ? a + 0x20 : a) == s.utf8Start.pointee
    }

    /// Whether the ASCII pattern `s` (lower case) starts at `i`, ignoring ASCII case. Compared by
    /// ASCII value: this is asked four times per character of every checked body.
    static func matches(_ chars: [Character], at i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= chars.count else { return false }
        let p = s.utf8Start
        for k in 0..<count {
            guard let a = chars[i + k].asciiValue, chars[i + k].unicodeScalars.count == 1 else { return false }
            if ((0x41...0x5A).contains(a) ? a + 0x20 : a) != p[k] { return false }
        }
        return true
    }
}
