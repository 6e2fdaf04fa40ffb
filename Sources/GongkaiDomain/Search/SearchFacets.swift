/// Filter values (organisation, kind, 主题, validity, year) stored in the index as terms of their own
/// column, so a filtered search is one index lookup instead of a check of every match against the
/// items table. Terms are short ASCII words that the FTS tokenizers keep whole; free-text values are
/// hashed (FNV-1a) so any 主题 name becomes one term.
public enum SearchFacets {
    public static func organisation(_ id: Int) -> String { "o\(id)" }
    public static func kind(_ kind: String) -> String { "k" + hash(kind) }
    public static func topic(_ topic: String) -> String { "t" + hash(topic) }
    public static func validity(_ validity: String) -> String { "v" + hash(validity) }
    public static func year(_ year: Int) -> String { "y\(year)" }

    /// The facet terms of one item. A 主题 "a/b" also counts under "a", as the filter matches a
    /// first-level 主题 with all its second levels.
    public static func terms(organisationID: Int, kind: String, topic: String, validity: String, writtenOn: String) -> String {
        var out = [organisation(organisationID), kind.isEmpty ? nil : self.kind(kind), validity.isEmpty ? nil : self.validity(validity)].compactMap { $0 }
        if !topic.isEmpty {
            let levels = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for n in 1...levels.count { out.append(self.topic(levels[0..<n].joined(separator: "/"))) }
        }
        if let y = Int(writtenOn.prefix(4)), writtenOn.count >= 4 { out.append(year(y)) }
        return out.joined(separator: " ")
    }

    /// A filter as groups of alternatives: every group must match one of its terms.
    public struct Selection: Sendable, Equatable {
        public var organisationID: Int?
        public var kind: String?
        public var topic: String?
        public var validity: String?
        public var years: ClosedRange<Int>?

        public init(organisationID: Int? = nil, kind: String? = nil, topic: String? = nil, validity: String? = nil, years: ClosedRange<Int>? = nil) {
            self.organisationID = organisationID
            self.kind = kind
            self.topic = topic
            self.validity = validity
            self.years = years
        }

        public var groups: [[String]] {
            var g: [[String]] = []
            if let o = organisationID { g.append([organisation(o)]) }
            if let k = kind { g.append([SearchFacets.kind(k)]) }
            if let t = topic { g.append([SearchFacets.topic(t)]) }
            if let v = validity { g.append([SearchFacets.validity(v)]) }
            if let y = years { g.append(y.map(year)) }
            return g
        }

        /// `meta : o3 AND meta : (y2024 OR y2025)`, or nil without filters.
        public func fts5Expression(column: String) -> String? {
            let g = groups
            guard !g.isEmpty else { return nil }
            return g.map { "\(column) : " + ($0.count == 1 ? $0[0] : "(" + $0.joined(separator: " OR ") + ")") }.joined(separator: " AND ")
        }

        /// `o3 & (y2024 | y2025)`, or nil without filters.
        public var tsquery: String? {
            let g = groups
            guard !g.isEmpty else { return nil }
            return g.map { "(" + $0.joined(separator: " | ") + ")" }.joined(separator: " & ")
        }
    }

    static func hash(_ s: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(h, radix: 36)
    }
}
