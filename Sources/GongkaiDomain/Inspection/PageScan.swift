import Foundation

/// What the monitor reads from one fetched HTML page: its links (with the anchor text and whether
/// the markup hides them), its visible text and its title. A small tolerant tokenizer, bounded in
/// the bytes it reads and the links it keeps, so a hostile page costs at most `maxBytes` of work.
public struct PageScan: Sendable, Equatable {
    public struct Link: Sendable, Equatable, Hashable {
        /// The address as written in the page.
        public let href: String
        /// Absolute, without the fragment (nil when it cannot be resolved or is not http/https).
        public let absolute: String?
        /// The anchor's visible text (or the image's alt), trimmed, at most 80 characters.
        public let text: String
        /// `a`, `img`, `script`, `link`, `iframe`.
        public let element: String
        /// Hidden by markup or CSS: the element or an ancestor has `hidden`, `display:none`,
        /// `visibility:hidden`, zero size or opacity, or is pushed far off screen.
        public let hidden: Bool
    }

    public var title: String = ""
    public var links: [Link] = []
    /// The visible text (scripts, styles and hidden elements left out), whitespace collapsed.
    public var text: String = ""
    public var truncated = false

    public static let maxBytes = 2_000_000
    public static let maxLinks = 3_000

    public init() {}

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    static let rawText: Set<String> = ["script", "style", "textarea", "title"]

    public static func scan(_ html: String, base: URL) -> PageScan {
        var page = PageScan()
        var bytes = Array(html.utf8)
        if bytes.count > maxBytes { bytes = Array(bytes[0..<maxBytes]); page.truncated = true }
        let s = String(decoding: bytes, as: UTF8.self)
        let chars = Array(s.unicodeScalars)
        var stack: [(name: String, hidden: Bool)] = []
        var text = String.UnicodeScalarView()
        var openAnchor: (href: String, hidden: Bool, start: Int)?
        var anchorText = String.UnicodeScalarView()
        var i = 0
        let n = chars.count

        func hiddenNow() -> Bool { stack.last?.hidden ?? false }
        func addLink(_ href: String, text t: String, element: String, hidden: Bool) {
            guard page.links.count < maxLinks else { page.truncated = true; return }
            let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return }
            page.links.append(Link(href: trimmed, absolute: absolute(trimmed, base: base), text: String(t.prefix(80)), element: element, hidden: hidden))
        }

        while i < n {
            if chars[i] == "<" {
                // Comments and declarations.
                if i + 3 < n && chars[i + 1] == "!" && chars[i + 2] == "-" && chars[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < n && !(chars[j] == "-" && chars[j + 1] == "-" && chars[j + 2] == ">") { j += 1 }
                    i = min(n, j + 3); continue
                }
                if i + 1 < n && (chars[i + 1] == "!" || chars[i + 1] == "?") {
                    var j = i + 1
                    while j < n && chars[j] != ">" { j += 1 }
                    i = min(n, j + 1); continue
                }
                guard let tag = parseTag(chars, at: i) else {
                    if !hiddenNow() { text.append(chars[i]) }
                    if openAnchor != nil { anchorText.append(chars[i]) }
                    i += 1; continue
                }
                i = tag.end
                if tag.closing {
                    if tag.name == "a", let a = openAnchor {
                        addLink(a.href, text: collapse(String(anchorText)), element: "a", hidden: a.hidden)
                        openAnchor = nil
                    }
                    if let k = stack.lastIndex(where: { $0.name == tag.name }) { stack.removeSubrange(k...) }
                    if ["p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "td"].contains(tag.name) { text.append(" ") }
                    continue
                }
                let hidden = hiddenNow() || isHidden(tag.attributes)
                switch tag.name {
                case "a":
                    if let a = openAnchor { addLink(a.href, text: collapse(String(anchorText)), element: "a", hidden: a.hidden) }
                    openAnchor = tag.attributes["href"].map { ($0, hidden, i) }
                    anchorText = String.UnicodeScalarView()
                case "img":
                    if let src = tag.attributes["src"] { addLink(src, text: tag.attributes["alt"] ?? "", element: "img", hidden: hidden) }
                    if openAnchor != nil, let alt = tag.attributes["alt"] { anchorText.append(contentsOf: alt.unicodeScalars) }
                case "script", "iframe":
                    if let src = tag.attributes["src"] { addLink(src, text: "", element: tag.name, hidden: hidden) }
                case "link":
                    if let href = tag.attributes["href"], (tag.attributes["rel"] ?? "").lowercased().contains("stylesheet") {
                        addLink(href, text: "", element: "link", hidden: hidden)
                    }
                default: break
                }
                if rawText.contains(tag.name) && !tag.selfClosing {
                    // Skip to the matching close tag; a title's text is kept.
                    let close = Array("</\(tag.name)".unicodeScalars)
                    var j = i
                    while j < n {
                        if chars[j] == "<" && j + close.count <= n && zip(close, chars[j..<(j + close.count)]).allSatisfy({ $0.properties.lowercaseMapping == $1.properties.lowercaseMapping }) { break }
                        j += 1
                    }
                    if tag.name == "title" && page.title.isEmpty { page.title = collapse(decodeEntities(String(String.UnicodeScalarView(chars[i..<j])))) }
                    if tag.name == "textarea" && !hidden { text.append(contentsOf: chars[i..<j]) }
                    while j < n && chars[j] != ">" { j += 1 }
                    i = min(n, j + 1)
                    continue
                }
                if !voidElements.contains(tag.name) && !tag.selfClosing {
                    stack.append((tag.name, hidden))
                    if stack.count > 512 { stack.removeFirst(stack.count - 512) }
                }
                continue
            }
            if !hiddenNow() { text.append(chars[i]) }
            if openAnchor != nil { anchorText.append(chars[i]) }
            i += 1
        }
        if let a = openAnchor { addLink(a.href, text: collapse(String(anchorText)), element: "a", hidden: a.hidden) }
        page.text = collapse(decodeEntities(String(text)))
        return page
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
        var end: Int
    }

    /// A tag starting at `i` (`<`), or nil when the `<` does not start one (text like "a < b").
    static func parseTag(_ c: [Unicode.Scalar], at start: Int) -> Tag? {
        var i = start + 1
        let n = c.count
        var closing = false
        if i < n && c[i] == "/" { closing = true; i += 1 }
        guard i < n, c[i].properties.isAlphabetic else { return nil }
        var name = String.UnicodeScalarView()
        while i < n, !c[i].properties.isWhitespace, c[i] != ">", c[i] != "/" { name.append(c[i]); i += 1 }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < n {
            while i < n && c[i].properties.isWhitespace { i += 1 }
            guard i < n else { break }
            if c[i] == ">" { i += 1; break }
            if c[i] == "/" { selfClosing = true; i += 1; continue }
            var key = String.UnicodeScalarView()
            while i < n, !c[i].properties.isWhitespace, c[i] != "=", c[i] != ">", c[i] != "/" { key.append(c[i]); i += 1 }
            while i < n && c[i].properties.isWhitespace { i += 1 }
            var value = ""
            if i < n && c[i] == "=" {
                i += 1
                while i < n && c[i].properties.isWhitespace { i += 1 }
                if i < n && (c[i] == "\"" || c[i] == "'") {
                    let q = c[i]; i += 1
                    var v = String.UnicodeScalarView()
                    while i < n && c[i] != q { v.append(c[i]); i += 1 }
                    i += 1
                    value = String(v)
                } else {
                    var v = String.UnicodeScalarView()
                    while i < n, !c[i].properties.isWhitespace, c[i] != ">" { v.append(c[i]); i += 1 }
                    value = String(v)
                }
            }
            let k = String(key).lowercased()
            if !k.isEmpty && attributes[k] == nil { attributes[k] = decodeEntities(value) }
            if key.isEmpty { i += 1 }
        }
        return Tag(name: String(name).lowercased(), closing: closing, selfClosing: selfClosing, attributes: attributes, end: min(i, n))
    }

    /// Markup and inline CSS that hide an element from readers while search engines still see its links.
    static func isHidden(_ attributes: [String: String]) -> Bool {
        if attributes["hidden"] != nil { return true }
        guard let style = attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: "") else { return false }
        let declarations = style.split(separator: ";").map { $0.split(separator: ":", maxSplits: 1).map(String.init) }.filter { $0.count == 2 }
        for d in declarations {
            let (p, v) = (d[0], d[1].replacingOccurrences(of: "!important", with: ""))
            switch p {
            case "display" where v == "none": return true
            case "visibility" where v == "hidden": return true
            case "opacity" where Double(v) == 0: return true
            case "font-size", "width", "height", "max-height", "max-width":
                if v == "0" || v.hasPrefix("0px") || v.hasPrefix("0em") || v.hasPrefix("0pt") || v.hasPrefix("0rem") { return true }
            case "left", "top", "text-indent", "margin-left", "margin-top":
                if v.hasPrefix("-"), let px = Double(v.dropFirst().prefix { $0.isNumber || $0 == "." }), px >= 500 { return true }
            default: break
            }
        }
        return false
    }

    /// The absolute http(s) address of `href` against `base`, without its fragment.
    public static func absolute(_ href: String, base: URL) -> String? {
        let lower = href.lowercased()
        if lower.hasPrefix("#") || lower.hasPrefix("javascript:") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") || lower.hasPrefix("data:") { return nil }
        guard let url = URL(string: href, relativeTo: base)?.absoluteURL,
              var c = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https", c.host?.isEmpty == false else { return nil }
        c.fragment = nil
        if c.path.isEmpty { c.path = "/" }
        return c.string
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
