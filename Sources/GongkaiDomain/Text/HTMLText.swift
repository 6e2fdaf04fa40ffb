/// Escaping for HTML text and attribute values, by Unicode scalar.
///
/// Not by `Character`: Swift joins a combining mark to the character before it, so `"` followed by
/// U+0307 is one `Character` that equals neither `"` nor anything else in a replacement table, and an
/// escaper that walks characters lets the quote through. Browsers tokenise code points: the quote
/// ends the attribute value and the rest of the input becomes attributes (an event handler). Found by
/// the HTML fuzz target; swift-mustache's own escaper walks characters, so templates use this one.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        // Most text needs no escaping: check the bytes first.
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
