/// What the sanitiser's output may contain, stated here independently of the sanitiser: only these
/// elements with these attributes, values double-quoted without raw `<`, `>` or `"`, text without raw
/// `<` or `>`, and URLs only http(s), mailto (links) or relative.
enum SafeMarkup {
    static let elements: [String: Set<String>] = [
        "p": [], "h2": [], "h3": [], "h4": [], "br": [], "hr": [], "ul": [], "ol": ["start"], "li": [],
        "table": [], "caption": [], "thead": [], "tbody": [], "tfoot": [], "tr": [],
        "th": ["colspan", "rowspan", "scope"], "td": ["colspan", "rowspan"],
        "strong": [], "em": [], "u": [], "sub": [], "sup": [], "blockquote": [],
        "a": ["href", "title", "rel"], "img": ["src", "alt", "width", "height"],
    ]

    /// nil when `html` has the allowed shape; else what is wrong.
    static func problem(in html: String) -> String? {
        let s = Array(html.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == ">" { return "a raw > in text" }
            guard s[i] == "<" else { i += 1; continue }
            i += 1
            let closing = i < s.count && s[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < s.count, ("a"..."z").contains(s[i]) || ("0"..."9").contains(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
            guard let attributes = elements[name] else { return "element <\(name)> not allowed" }
            while !closing, i < s.count, s[i] == " " {
                i += 1
                var key = ""
                while i < s.count, ("a"..."z").contains(s[i]) { key.unicodeScalars.append(s[i]); i += 1 }
                guard attributes.contains(key) else { return "attribute \(key) on <\(name)>" }
                guard i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" else { return "unquoted attribute \(key)" }
                i += 2
                var value = ""
                while i < s.count, s[i] != "\"" {
                    if s[i] == "<" || s[i] == ">" { return "raw < or > in attribute \(key)" }
                    value.unicodeScalars.append(s[i]); i += 1
                }
                guard i < s.count else { return "unterminated attribute \(key)" }
                i += 1
                if key == "href" || key == "src", let bad = unsafeURL(value, allowMailto: key == "href") { return "URL \(bad)" }
            }
            guard i < s.count, s[i] == ">" else { return "malformed tag <\(name)" }
            i += 1
        }
        return nil
    }

    private static func unsafeURL(_ escaped: String, allowMailto: Bool) -> String? {
        let value = escaped.replacingAll("&quot;", "\"").replacingAll("&lt;", "<").replacingAll("&gt;", ">")
            .replacingAll("&nbsp;", "\u{00A0}").replacingAll("&amp;", "&")
        // Browsers drop ASCII control characters and whitespace before deciding the scheme.
        let compact = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
        if compact.hasPrefix("http://") || compact.hasPrefix("https://") { return nil }
        if allowMailto && compact.hasPrefix("mailto:") { return nil }
        if compact.hasPrefix("//") { return value }
        let head = compact.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return head.contains(":") ? value : nil
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
