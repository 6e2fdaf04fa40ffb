/// Masks personal data for lists and public pages.
public enum Masking {
    /// 138****1234 for an 11-digit mobile number; other numbers keep first 3 and last 2 characters.
    public static func phone(_ s: String) -> String {
        let c = Array(s)
        if c.count == 11 { return String(c[0..<3]) + "****" + String(c[7...]) }
        if c.count <= 5 { return String(repeating: "*", count: c.count) }
        return String(c.prefix(3)) + String(repeating: "*", count: c.count - 5) + String(c.suffix(2))
    }

    /// a***@example.cn: keeps the first character of the local part and the domain.
    public static func email(_ s: String) -> String {
        guard let at = s.firstIndex(of: "@") else { return phone(s) }
        let local = s[..<at]
        guard let first = local.first else { return s }
        return String(first) + "***" + s[at...]
    }

    /// 张* for two characters, 欧*锋 for three or more; organisations' names are not personal data.
    public static func name(_ s: String, isOrganisation: Bool = false) -> String {
        if isOrganisation { return s }
        let c = Array(s)
        switch c.count {
        case 0, 1: return s
        case 2: return String(c[0]) + "*"
        default: return String(c[0]) + String(repeating: "*", count: c.count - 2) + String(c[c.count - 1])
        }
    }
}
