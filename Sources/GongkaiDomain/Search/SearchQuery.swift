/// What someone typed in the search box: words and "quoted phrases", all required. Each becomes a
/// sequence of index terms that must appear next to each other in that order (the last one possibly
/// as a prefix, see `SearchTokenizer.phrase`).
public struct SearchQuery: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public let text: String
        public let terms: [String]
        /// The last term is a prefix (the part ends with a single CJK character).
        public let prefix: Bool
        public let quoted: Bool
    }

    public let parts: [Part]

    public static let maxLength = 100

    public init(_ raw: String) {
        let text = String(raw.prefix(Self.maxLength))
        var parts: [Part] = []
        var buffer = ""
        var inQuote = false
        func add(_ t: String, quoted: Bool) {
            let p = SearchTokenizer.phrase(t)
            if !p.terms.isEmpty { parts.append(Part(text: t, terms: p.terms, prefix: p.prefix, quoted: quoted)) }
        }
        func flush(quoted: Bool) {
            let t = buffer.trimmingSpaces()
            buffer = ""
            guard !t.isEmpty else { return }
            if quoted {
                add(t, quoted: true)
            } else {
                for word in t.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) { add(String(word), quoted: false) }
            }
        }
        for c in text {
            if c == "\"" || c == "“" || c == "”" {
                flush(quoted: inQuote)
                inQuote.toggle()
            } else {
                buffer.append(c)
            }
        }
        flush(quoted: inQuote)
        self.parts = parts
    }

    public var isEmpty: Bool { parts.isEmpty }

    /// The FTS5 MATCH expression over the given columns: each part a phrase of its terms
    /// (`{title text} : "社会 会保" *`), all parts required. Terms hold only letters, digits and
    /// CJK, so quoting them is safe: nothing typed reaches FTS5 as syntax.
    public func fts5Expression(columns: String) -> String {
        parts.map { "\(columns) : \"" + $0.terms.joined(separator: " ") + "\"" + ($0.prefix ? " *" : "") }.joined(separator: " AND ")
    }

    /// The PostgreSQL tsquery for the same terms: phrase parts with <-> (followed by), `:*` for a
    /// prefix, AND between parts.
    public var tsquery: String {
        parts.map { p in
            "(" + p.terms.enumerated().map { k, t in "'\(t)'" + (p.prefix && k == p.terms.count - 1 ? ":*" : "") }.joined(separator: " <-> ") + ")"
        }.joined(separator: " & ")
    }
}
