/// Turns Chinese government text into index terms without a segmentation dictionary: every CJK
/// character on its own and every pair of neighbouring CJK characters (overlapping bigrams), plus
/// Latin words and numbers as whole tokens (also used to find snippets). Full-width letters and digits are folded to half-width
/// and Latin letters to lower case, so "ＧＤＰ" finds "gdp". The same function serves the index and
/// the query, so a phrase of n characters becomes n−1 bigrams that must appear in order.
public enum SearchTokenizer {
    public struct Token: Sendable, Equatable {
        public let text: String
        /// Character offset in the original text where the token starts.
        public let offset: Int
    }

    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Full-width ASCII → half-width, Latin → lower case; everything else as it is.
    public static func fold(_ c: Character) -> Character {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return c }
        var v = s.value
        if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
        guard let folded = Unicode.Scalar(v) else { return c }
        let ch = Character(folded)
        return ch.isASCII ? Character(ch.lowercased()) : ch
    }

    /// Runs of text: CJK runs and word runs (letters/digits), in order with their offsets.
    static func runs(_ text: String) -> [(cjk: Bool, chars: [Character], offset: Int)] {
        var out: [(cjk: Bool, chars: [Character], offset: Int)] = []
        var current: [Character] = []
        var currentCJK = false
        var start = 0
        func flush() {
            if !current.isEmpty { out.append((currentCJK, current, start)) }
            current = []
        }
        for (i, raw) in text.enumerated() {
            let c = fold(raw)
            let scalar = c.unicodeScalars.first!
            let cjk = c.unicodeScalars.count == 1 && isCJK(scalar)
            let word = !cjk && (c.isLetter || c.isNumber)
            if cjk || word {
                if current.isEmpty || currentCJK != cjk { flush(); start = i; currentCJK = cjk }
                current.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Index terms: unigrams and bigrams of CJK runs, whole word runs.
    public static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        for run in runs(text) {
            if run.cjk {
                for (k, c) in run.chars.enumerated() {
                    out.append(Token(text: String(c), offset: run.offset + k))
                    if k + 1 < run.chars.count { out.append(Token(text: String(c) + String(run.chars[k + 1]), offset: run.offset + k)) }
                }
            } else {
                out.append(Token(text: String(run.chars), offset: run.offset))
            }
        }
        return out
    }

    /// The terms a query word must match in order: a single CJK character is itself, longer CJK runs
    /// are their bigrams; words are themselves.
    public static func queryTerms(_ text: String) -> [String] {
        runs(text).flatMap { run -> [String] in
            guard run.cjk else { return [String(run.chars)] }
            guard run.chars.count > 1 else { return [String(run.chars)] }
            return (0..<(run.chars.count - 1)).map { String(run.chars[$0]) + String(run.chars[$0 + 1]) }
        }
    }

    /// The two index columns for `text`, each a space-separated term string whose positions follow
    /// the text: single CJK characters (with words), and CJK bigrams (with words). Keeping them apart
    /// keeps the bigrams of a phrase next to each other, so phrase queries work.
    public static func indexColumns(_ text: String) -> (unigrams: String, bigrams: String) {
        var uni: [String] = []
        var bi: [String] = []
        for run in runs(text) {
            if run.cjk {
                uni += run.chars.map { String($0) }
                if run.chars.count > 1 {
                    bi += (0..<(run.chars.count - 1)).map { String(run.chars[$0]) + String(run.chars[$0 + 1]) }
                }
            } else {
                let word = String(run.chars)
                uni.append(word)
                bi.append(word)
            }
        }
        return (uni.joined(separator: " "), bi.joined(separator: " "))
    }
}
