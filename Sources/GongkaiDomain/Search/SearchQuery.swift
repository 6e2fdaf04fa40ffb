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

        /// Whether the part's terms follow each other in `terms` (index terms joined by single
        /// spaces, as `SearchTokenizer.indexTerms` makes them), the last as a prefix when `prefix`:
        /// what an FTS5 phrase asks of one column.
        public func occurs(inTerms terms: String) -> Bool {
            var needle = Array(self.terms.joined(separator: " ").utf8)
            if !prefix { needle.append(0x20) }
            var hay = terms
            return hay.withUTF8 { h in
                guard needle.count <= h.count + (prefix ? 0 : 1) else { return false }
                var start = 0
                while start + needle.count <= h.count + (prefix ? 0 : 1) {
                    // Tried at each term's start; unless a prefix, the match ends a term too
                    // (the needle's last space meets a space or the end).
                    var k = 0
                    while k < needle.count {
                        let i = start + k
                        let byte: UInt8 = i < h.count ? h[i] : 0x20
                        if byte != needle[k] { break }
                        k += 1
                    }
                    if k == needle.count { return true }
                    var next = start
                    while next < h.count && h[next] != 0x20 { next += 1 }
                    start = next + 1
                }
                return false
            }
        }
    }

    public let parts: [Part]
    /// Parts typed with a leading minus ("-图解"): results must not contain them.
    public let excluded: [Part]

    public static let maxLength = 100

    init(parts: [Part], excluded: [Part]) {
        self.parts = parts
        self.excluded = excluded
    }

    public init(_ raw: String) {
        let text = String(raw.prefix(Self.maxLength))
        var parts: [Part] = []
        var excluded: [Part] = []
        var buffer = ""
        var inQuote = false
        func add(_ t: String, quoted: Bool) {
            var text = t
            var negated = false
            if !quoted, let first = text.first, first == "-" || first == "－", text.count > 1 {
                negated = true
                text.removeFirst()
            }
            let p = SearchTokenizer.phrase(text)
            guard !p.terms.isEmpty else { return }
            let part = Part(text: text, terms: p.terms, prefix: p.prefix, quoted: quoted)
            if negated { excluded.append(part) } else { parts.append(part) }
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
        // Only exclusions and nothing to look for finds nothing useful: treated as empty.
        self.excluded = parts.isEmpty ? [] : excluded
    }

    public var isEmpty: Bool { parts.isEmpty }

    /// Words people add to a question that documents do not contain ("怎么申请临时救助").
    static let questionWords = ["怎么样", "怎么", "怎样", "如何", "什么", "哪些", "哪里", "哪儿", "请问", "我要", "我想", "想要", "需要", "可以", "吗", "呢"]

    /// The same query with only `kept` of its parts (exclusions stay).
    public func keeping(_ kept: [Part]) -> SearchQuery {
        SearchQuery(parts: parts.filter { kept.contains($0) }, excluded: excluded)
    }

    /// The same query without its exclusions.
    public var requiredOnly: SearchQuery { SearchQuery(parts: parts, excluded: []) }

    /// Each required part as a query of its own.
    public var eachPart: [SearchQuery] { parts.map { SearchQuery(parts: [$0], excluded: []) } }

    /// A looser query for when this one finds nothing: each unquoted run of three or more Chinese
    /// characters, without question words, becomes two-character words that may appear apart
    /// ("低保标准" → 低保 标准; "临时救助办法" → 临时 救助 办法). nil when nothing would change.
    public func relaxed() -> SearchQuery? {
        var out: [Part] = []
        var changed = false
        for p in parts {
            let cjkOnly = p.text.unicodeScalars.allSatisfy(SearchTokenizer.isCJK)
            guard !p.quoted, cjkOnly, p.text.count >= 3 else { out.append(p); continue }
            var text = p.text
            for w in Self.questionWords { text = text.replacingOccurrences(of: w, with: " ") }
            for run in text.split(separator: " ") {
                let chars = Array(run)
                var words: [String] = []
                var i = 0
                while i < chars.count {
                    // An odd character left at the end joins the last word.
                    let end = chars.count - i == 3 ? chars.count : min(chars.count, i + 2)
                    words.append(String(chars[i..<end]))
                    i = end
                }
                for w in words {
                    let ph = SearchTokenizer.phrase(w)
                    if !ph.terms.isEmpty { out.append(Part(text: w, terms: ph.terms, prefix: ph.prefix, quoted: false)) }
                }
            }
            changed = true
        }
        guard changed, !out.isEmpty, out != parts else { return nil }
        return SearchQuery(parts: out, excluded: excluded)
    }

    /// The query with every part that ends in a single character after other terms cut before that
    /// character ("2024年" → "2024"); nil when no part does. It finds everything this query finds;
    /// `Part.occurs(inTerms:)` checks the cut parts on what it finds. A trailing character stands
    /// for every term starting with it, and FTS5 merges all their lists before the phrase check:
    /// 550 ms for `2024年` at a million documents, where the cut query and the check take a
    /// fraction of that (issue 21).
    public var withoutTrailingCharacters: SearchQuery? {
        guard !cutParts.isEmpty else { return nil }
        return SearchQuery(parts: parts.map { p in
            guard p.prefix, p.terms.count > 1 else { return p }
            return Part(text: p.text, terms: Array(p.terms.dropLast()), prefix: false, quoted: p.quoted)
        }, excluded: excluded)
    }

    /// The required parts `withoutTrailingCharacters` cuts.
    public var cutParts: [Part] { parts.filter { $0.prefix && $0.terms.count > 1 } }

    /// The FTS5 MATCH expression over the given columns: each part a phrase of its terms
    /// (`{title text} : "社会 会保" *`), all parts required. Terms hold only letters, digits and
    /// CJK, so quoting them is safe: nothing typed reaches FTS5 as syntax.
    public func fts5Expression(columns: String) -> String {
        func phrase(_ p: Part) -> String { "\(columns) : \"" + p.terms.joined(separator: " ") + "\"" + (p.prefix ? " *" : "") }
        let required = parts.map(phrase).joined(separator: " AND ")
        return excluded.isEmpty ? required : "(\(required))" + excluded.map { " NOT " + phrase($0) }.joined()
    }

    /// The PostgreSQL tsquery for the same terms: phrase parts with <-> (followed by), `:*` for a
    /// prefix, AND between parts.
    public var tsquery: String {
        func phrase(_ p: Part) -> String {
            "(" + p.terms.enumerated().map { k, t in "'\(t)'" + (p.prefix && k == p.terms.count - 1 ? ":*" : "") }.joined(separator: " <-> ") + ")"
        }
        return (parts.map(phrase) + excluded.map { "!" + phrase($0) }).joined(separator: " & ")
    }

    /// The terms of the required parts, in any order and place (`'社会' & '会保'`): what a GIN
    /// index answers from its posting lists alone. Every match of `tsquery` matches it; when
    /// `needsPositions`, not the other way round, and `tsquery` is checked on the rows found.
    /// A trailing prefix after other terms is left to that check: `年:*` in `2024年` stands for
    /// every term starting with 年, and merging all their lists cost more than the check.
    public var tsqueryTerms: String {
        parts.flatMap { p in
            p.terms.enumerated().compactMap { k, t in
                let last = k == p.terms.count - 1
                if p.prefix && last && p.terms.count > 1 { return nil }
                return "'\(t)'" + (p.prefix && last ? ":*" : "")
            }
        }.joined(separator: " & ")
    }

    /// Whether `tsquery` asks more than `tsqueryTerms`: a part of several terms (they must follow
    /// each other) or an exclusion.
    public var needsPositions: Bool {
        !excluded.isEmpty || parts.contains { $0.terms.count > 1 }
    }
}
