/// Hosts a government page must not link to (暗链 targets): gambling, adult and similar sites, by
/// top-level domain or by a word in a host label; the county adds its own (GONGKAI_MONITOR_BAD_HOSTS).
public struct SuspiciousHosts: Sendable, Equatable {
    public let entries: [String]

    /// Top-level domains and label words seen in 暗链 reports; whole labels or label prefixes, so
    /// "alphabet.com" is not caught by "bet".
    public static let defaults = [".bet", ".casino", ".poker", ".sex", ".sexy", ".porn", ".xxx", ".adult", ".lotto",
                                  "casino", "bocai", "dubo", "porn", "caipiao", "baijiale", "xxx"]

    public init(entries: [String] = SuspiciousHosts.defaults) {
        self.entries = entries.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The entry the host matches, if any: ".tld" entries by suffix, "a.b" entries by domain, plain
    /// words by a host label that is or starts with the word.
    public func match(_ host: String) -> String? {
        let h = host.lowercased()
        let labels = h.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        for e in entries {
            if e.hasPrefix(".") { if h.hasSuffix(e) { return e } }
            else if e.contains(".") { if h == e || h.hasSuffix("." + e) { return e } }
            else if labels.contains(where: { $0.hasPrefix(e) }) { return e }
        }
        return nil
    }
}
