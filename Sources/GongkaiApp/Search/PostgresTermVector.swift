import GongkaiDomain

/// The text form of PostgreSQL's `to_tsvector('simple', terms)` for our index terms, made here
/// instead of by the database. Profiled loading 20,000 documents into PostgreSQL, `to_tsvector`
/// was half of the server's CPU (its parser decoding every character, the dictionary lower-casing
/// every token, a sort of every occurrence); reading a ready vector (`'term':1,5 …`) is a small
/// part of that, and the server is what a load waits for.
///
/// Only for terms whose tokens PostgreSQL's parser reads as exactly that term in every locale:
/// CJK characters and ASCII lower-case letters and digits (what `SearchTokenizer` makes of
/// Chinese text and Latin words). A term with any other character (Greek, ①, accented Latin,
/// which the parser treats by the database's locale), or too long to be indexed, gives nil, and
/// the caller lets the database make the vector as before.
///
/// PostgreSQL's limits are kept as `to_tsvector` keeps them: a position above 16,383 counts as
/// 16,383, a lexeme keeps at most 255 positions, and a position is not repeated.
enum PostgresTermVector {
    /// `MAXENTRYPOS - 1`.
    static let lastPosition = 16_383
    /// `MAXNUMPOS - 1`.
    static let positionsPerLexeme = 255
    /// A vector's lexeme holds at most 2,046 bytes (the parser skips tokens of 2,048 and more; the
    /// test found 2,047 refused by the vector's reader).
    static let longestTerm = 2_046

    static func text(_ terms: String) -> String? {
        var index: [Substring: Int] = [:]
        var lexemes: [Substring] = []
        var positions: [[Int]] = []
        var position = 0
        for term in terms.split(separator: " ", omittingEmptySubsequences: true) {
            guard isPlain(term) else { return nil }
            position += 1
            let p = min(position, lastPosition)
            if let k = index[term] {
                if positions[k].count < positionsPerLexeme, positions[k].last != p { positions[k].append(p) }
            } else {
                index[term] = lexemes.count
                lexemes.append(term)
                positions.append([p])
            }
        }
        // PostgreSQL keeps lexemes in byte order (it sorts them again when it reads the text; in
        // order, that sort only checks).
        let order = lexemes.indices.sorted { lexemes[$0].utf8.lexicographicallyPrecedes(lexemes[$1].utf8) }
        var out = ""
        out.reserveCapacity(terms.utf8.count * 2)
        for k in order {
            if !out.isEmpty { out += " " }
            out += "'"
            out += lexemes[k]
            out += "':"
            for (n, p) in positions[k].enumerated() {
                if n > 0 { out += "," }
                out += String(p)
            }
        }
        return out
    }

    /// CJK characters only, or ASCII lower-case letters and digits only, and short enough.
    static func isPlain(_ term: Substring) -> Bool {
        guard term.utf8.count <= longestTerm, let first = term.unicodeScalars.first else { return false }
        if SearchTokenizer.isCJK(first) {
            return term.unicodeScalars.allSatisfy(SearchTokenizer.isCJK)
        }
        return term.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }
}
