import Foundation

/// Turns HTML pasted from Word, WPS or a browser into a small safe subset: headings, paragraphs,
/// lists, tables, links and images, with only the attributes those need. Everything else goes:
/// scripts and styles with their content, comments, event handlers, style attributes, unknown
/// tags (their text is kept). URLs must be http(s), mailto (links) or relative. The output is
/// well-formed: every element it opens it closes, in order.
public enum HTMLSanitizer {
    /// Allowed elements and their allowed attributes; some tags are renamed (b → strong).
    static let allowed: [String: Set<String>] = [
        "p": [], "h2": [], "h3": [], "h4": [], "br": [], "hr": [],
        "ul": [], "ol": ["start"], "li": [],
        "table": [], "caption": [], "thead": [], "tbody": [], "tfoot": [], "tr": [],
        "th": ["colspan", "rowspan", "scope"], "td": ["colspan", "rowspan"],
        "strong": [], "em": [], "u": [], "sub": [], "sup": [], "blockquote": [],
        "a": ["href", "title"], "img": ["src", "alt", "width", "height"],
    ]
    static let renamed = ["b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"]
    static let void: Set<String> = ["br", "hr", "img"]
    /// Elements dropped together with everything inside them.
    static let dropWithContent: Set<String> = ["script", "style", "title", "textarea", "xmp", "iframe", "noscript", "noembed",
                                               "noframes", "template", "object", "embed", "applet", "svg", "math", "head", "select"]
    /// Elements that end a paragraph for the plain-text view.
    static let blocks: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "div", "table", "blockquote", "caption"]

    public static func sanitize(_ html: String) -> String {
        var out = ""
        var open: [String] = []
        for token in tokens(html) {
            switch token {
            case .text(let t):
                out += escapeText(t)
            case .start(let rawName, let attributes, _):
                let name = renamed[rawName] ?? rawName
                guard let allowedAttributes = allowed[name] else { continue }
                var kept: [(String, String)] = []
                for (k, v) in attributes where allowedAttributes.contains(k) {
                    if let clean = cleanAttribute(k, v, element: name) { kept.append((k, clean)) }
                }
                if name == "img" && !kept.contains(where: { $0.0 == "src" }) { continue }
                if name == "a" && kept.contains(where: { $0.0 == "href" }) { kept.append(("rel", "noopener noreferrer")) }
                out += "<" + name + kept.map { " \($0.0)=\"\(escapeAttribute($0.1))\"" }.joined() + ">"
                if !void.contains(name) { open.append(name) }
            case .end(let rawName):
                let name = renamed[rawName] ?? rawName
                guard let index = open.lastIndex(of: name) else { continue }
                while open.count > index { out += "</" + open.removeLast() + ">" }
            }
        }
        while let name = open.popLast() { out += "</" + name + ">" }
        return out
    }

    /// The readable text of (any) HTML, one line per block, for checks and search.
    public static func plainText(_ html: String) -> String {
        // In UTF-8 bytes (this runs for every body checked, indexed and shown as a search excerpt):
        // a block boundary starts a new line, then every line is trimmed of spaces and tabs and
        // empty lines are dropped. A line feed right after a carriage return is one character with
        // it ("\r\n") and so never ended a line when this worked on characters; it still does not.
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        for token in tokens(html) {
            switch token {
            case .text(let t): out.append(contentsOf: t.utf8)
            case .start(let name, _, _), .end(let name):
                if blocks.contains(name) && !out.isEmpty && !endsLine(out, at: out.count - 1) { out.append(0x0A) }
            }
        }
        var text: [UInt8] = []
        text.reserveCapacity(out.count)
        var lineStart = 0
        for i in 0...out.count where i == out.count || endsLine(out, at: i) {
            var from = lineStart, to = i
            while from < to, let (scalar, length) = scalar(in: out, at: from), isLineSpace(scalar) { from += length }
            while to > from, let (scalar, start) = scalar(in: out, endingAt: to), isLineSpace(scalar) { to = start }
            if from < to {
                if !text.isEmpty { text.append(0x0A) }
                text.append(contentsOf: out[from..<to])
            }
            lineStart = i + 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A line feed not preceded by a carriage return.
    static func endsLine(_ s: [UInt8], at i: Int) -> Bool {
        s[i] == 0x0A && (i == 0 || s[i - 1] != 0x0D)
    }

    /// The scalar starting at `i` and its length in bytes.
    static func scalar(in bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes[i...].makeIterator()
        guard case .valid(let encoded) = parser.parseScalar(from: &input) else { return nil }
        return (Unicode.UTF8.decode(encoded), encoded.count)
    }

    /// The scalar ending just before `end` and where it starts.
    static func scalar(in bytes: [UInt8], endingAt end: Int) -> (Unicode.Scalar, Int)? {
        var parser = Unicode.UTF8.ReverseParser()
        var input = bytes[..<end].reversed().makeIterator()
        guard case .valid(let encoded) = parser.parseScalar(from: &input) else { return nil }
        return (Unicode.UTF8.decode(encoded), end - encoded.count)
    }

    /// Foundation's `.whitespaces` (spaces and tab), trimmed from both ends of every line.
    static func isLineSpace(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? s.value == 0x20 || s.value == 0x09 : CharacterSet.whitespaces.contains(s)
    }

    static func cleanAttribute(_ key: String, _ value: String, element: String) -> String? {
        switch key {
        case "href":
            return safeURL(value, allowMailto: true)
        case "src":
            return safeURL(value, allowMailto: false)
        case "colspan", "rowspan", "start", "width", "height":
            let v = value.trimmingSpaces()
            guard !v.isEmpty, v.count <= 4, v.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return v
        case "scope":
            let v = value.trimmingSpaces().lowercased()
            return ["row", "col", "rowgroup", "colgroup"].contains(v) ? v : nil
        default:
            return String(value.prefix(500))
        }
    }

    /// http(s), mailto (links only) or a relative address; anything else (javascript:, data:,
    /// vbscript:) is dropped. Control characters and spaces that browsers ignore are removed first,
    /// so "java\tscript:" cannot slip through.
    public static func safeURL(_ raw: String, allowMailto: Bool) -> String? {
        let v = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard !v.isEmpty, v.count <= 2000 else { return nil }
        let lower = v.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return v }
        if allowMailto && lower.hasPrefix("mailto:") { return v }
        if lower.hasPrefix("//") { return nil }
        // Relative: no scheme before the first /, ? or #.
        let head = lower.prefix { !"/?#".contains($0) }
        return head.contains(":") ? nil : v
    }

    /// Text between tags: the markup characters escaped by scalar (see `HTMLText`), and no-break
    /// spaces kept visible as `&nbsp;`.
    static func escapeText(_ s: String) -> String {
        let escaped = HTMLText.escape(s)
        guard escaped.unicodeScalars.contains("\u{00A0}") else { return escaped }
        var out = String.UnicodeScalarView()
        for scalar in escaped.unicodeScalars {
            if scalar == "\u{00A0}" { out.append(contentsOf: "&nbsp;".unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    static func escapeAttribute(_ s: String) -> String {
        HTMLText.escape(s)
    }

    // MARK: - Tokenizer

    enum Token: Equatable {
        case text(String)
        case start(String, [(String, String)], selfClosing: Bool)
        case end(String)

        static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): return x == y
            case (.end(let x), .end(let y)): return x == y
            case (.start(let x, let ax, let sx), .start(let y, let ay, let sy)):
                return x == y && sx == sy && ax.map { $0.0 + "=" + $0.1 } == ay.map { $0.0 + "=" + $0.1 }
            default: return false
            }
        }
    }

    /// A forgiving tokenizer in the spirit of the HTML standard's: text with entities decoded,
    /// start tags with lower-cased names and decoded attribute values, end tags. Comments,
    /// doctypes, processing instructions and the content of script-like elements never appear.
    static func tokens(_ html: String) -> [Token] {
        var html = html
        return html.withUTF8 { bytes in
            var tokenizer = HTMLTokenizer(bytes)
            return tokenizer.run()
        }
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©", "reg": "®",
        "mdash": "—", "ndash": "–", "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        "middot": "·", "times": "×", "divide": "÷", "deg": "°", "plusmn": "±", "sect": "§", "yen": "¥",
    ]

    static func decodeEntities(_ s: String) -> String {
        // A byte scan: Foundation's contains(_:) is far slower, and most text has no entities.
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        // By scalar: "&lt;" followed by a combining mark is one Character ending in ";\u{…}" and
        // would not be recognised (found by fuzzing: sanitising twice then changed the text).
        let c = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            guard c[i] == "&", let semi = c[(i + 1)..<min(c.count, i + 12)].firstIndex(of: ";") else {
                out.append(c[i]); i += 1; continue
            }
            let body = String(String.UnicodeScalarView(c[(i + 1)..<semi]))
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                decoded = namedEntities[body]
            }
            if let d = decoded, d != "\u{0}" {
                out.append(contentsOf: d.unicodeScalars)
                i = semi + 1
            } else {
                out.append(c[i]); i += 1
            }
        }
        return String(out)
    }
}
