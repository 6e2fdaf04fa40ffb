/// Text and attribute values for the XML the app writes (Word, Excel, Atom, sitemap).
public enum XMLText {
    /// Escapes the markup characters and drops the control characters XML 1.0 does not allow
    /// (a CR is dropped too: parsers would turn it into a line feed anyway).
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
