/// The rules of a site's robots.txt that apply to our monitor: the group for its user agent, or
/// the `*` group; the longest matching Allow/Disallow prefix wins (RFC 9309), `*` and `$` in paths.
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable { let allow: Bool; let pattern: String }
    let rules: [Rule]
    /// Seconds between requests the site asks for (Crawl-delay), if any, at most 60.
    public let crawlDelay: Double?

    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Reads at most 512 KB and 2,000 lines (RFC 9309 asks parsers to handle at least 500 KiB).
    public static func parse(_ text: String, userAgent: String) -> RobotsRules {
        let agent = userAgent.lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var current: (agents: [String], rules: [Rule], delay: Double?)?
        var lastWasAgent = false
        for raw in text.prefix(512 * 1024).split(whereSeparator: \.isNewline).prefix(2000) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased(), value = parts[1]
            switch key {
            case "user-agent":
                if lastWasAgent, current != nil { current!.agents.append(value.lowercased()) } else {
                    if let c = current { groups.append(c) }
                    current = ([value.lowercased()], [], nil)
                }
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard current != nil else { continue }
                // An empty Disallow allows everything: no rule.
                if !value.isEmpty { current!.rules.append(Rule(allow: key == "allow", pattern: value)) }
            case "crawl-delay":
                lastWasAgent = false
                if current != nil, let d = Double(value), d >= 0 { current!.delay = min(d, 60) }
            default:
                lastWasAgent = false
            }
        }
        if let c = current { groups.append(c) }
        let own = groups.filter { $0.agents.contains { $0 != "*" && agent.contains($0) } }
        let chosen = own.isEmpty ? groups.filter { $0.agents.contains("*") } : own
        return RobotsRules(rules: chosen.flatMap(\.rules), crawlDelay: chosen.compactMap(\.delay).max())
    }

    /// Whether the path (with its query) may be fetched.
    public func allows(_ pathAndQuery: String) -> Bool {
        var best: (length: Int, allow: Bool)?
        for r in rules where Self.matches(r.pattern, pathAndQuery) {
            let length = r.pattern.count
            if best == nil || length > best!.length || (length == best!.length && r.allow) { best = (length, r.allow) }
        }
        return best?.allow ?? true
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let p = Array(anchored ? pattern.dropLast() : Substring(pattern))
        let s = Array(path)
        // Glob with `*`, matching a prefix unless anchored; iterative with backtracking on the last star.
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi == p.count { if !anchored { return true } }
            if pi < p.count && p[pi] == "*" { star = pi; mark = si; pi += 1; continue }
            if pi < p.count && p[pi] == s[si] { pi += 1; si += 1; continue }
            if star >= 0 { pi = star + 1; mark += 1; si = mark; continue }
            return false
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
