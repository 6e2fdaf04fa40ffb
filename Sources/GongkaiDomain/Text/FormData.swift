import Foundation

/// Fields of an `application/x-www-form-urlencoded` body (or a query string), keeping repeats.
public struct FormData: Sendable {
    public private(set) var fields: [String: [String]] = [:]

    public init() {}

    public init(fields: [String: [String]]) {
        self.fields = fields
    }

    public init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[key, default: []].append(value)
        }
    }

    public static func decode(_ s: Substring) -> String {
        let plusFixed = s.replacingOccurrences(of: "+", with: " ")
        return plusFixed.removingPercentEncoding ?? plusFixed
    }

    /// The first value, trimmed of surrounding white space (full-width spaces included).
    public subscript(_ key: String) -> String {
        (fields[key]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}")))
    }

    /// The first value exactly as sent (for passwords).
    public func raw(_ key: String) -> String { fields[key]?.first ?? "" }

    public func all(_ key: String) -> [String] { fields[key] ?? [] }

    public func has(_ key: String) -> Bool { fields[key] != nil }
}
