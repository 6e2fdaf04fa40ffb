/// What someone typed in the search box: words and "quoted phrases", all required. Each becomes a
/// sequence of index terms that must appear next to each other in that order.
public struct SearchQuery: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public let text: String
        public let terms: [String]
        public let quoted: Bool

        /// A part made of one CJK character (or only of words) is looked up in the unigram column;
        /// anything with a CJK pair in the bigram column.
        var singleCJK: Bool { terms.count == 1 && terms[0].count == 1 && terms[0].unicodeScalars.allSatisfy(SearchTokenizer.isCJK) }
        public var column: String { singleCJK ? "uni" : "bi" }
    }

    public let parts: [Part]

    public static let maxLength = 100

    public init(_ raw: String) {
        let text = String(raw.prefix(Self.maxLength))
        var parts: [Part] = []
        var buffer = ""
        var inQuote = false
        func flush(quoted: Bool) {
            let t = buffer.trimmingSpaces()
            buffer = ""
            guard !t.isEmpty else { return }
            if quoted {
                let terms = SearchTokenizer.queryTerms(t)
                if !terms.isEmpty { parts.append(Part(text: t, terms: terms, quoted: true)) }
            } else {
                for word in t.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) {
                    let terms = SearchTokenizer.queryTerms(String(word))
                    if !terms.isEmpty { parts.append(Part(text: String(word), terms: terms, quoted: false)) }
                }
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

    /// An FTS5 MATCH expression: each part a phrase of its terms in its column (`bi : "社会 会保"`),
    /// all parts required. Terms contain only letters, digits and CJK, so quoting is safe.
    public var fts5Expression: String {
        parts.map { "\($0.column) : \"" + $0.terms.joined(separator: " ") + "\"" }.joined(separator: " AND ")
    }

    /// The PostgreSQL tsquery for the same terms: phrase parts with <-> (followed by), AND between parts.
    public var tsquery: String {
        parts.map { "(" + $0.terms.map { "'\($0)'" }.joined(separator: " <-> ") + ")" }.joined(separator: " & ")
    }
}
