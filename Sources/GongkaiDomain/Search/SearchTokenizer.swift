/// Turns Chinese government text into index terms without a segmentation dictionary. A run of CJK
/// characters becomes its overlapping bigrams followed by its last character on its own ("社会保障"
/// → 社会 会保 保障 障); a lone CJK character is itself; Latin words and numbers are whole tokens.
/// Every occurrence of a character is therefore the start of exactly one term (a bigram or the run's
/// last character), which is what makes single-character and prefix lookups complete while the
/// index holds about one term per character. Full-width letters and digits are folded to half-width
/// and Latin letters to lower case, so "ＧＤＰ" finds "gdp". The index and the query use the same
/// rules, so a phrase of n characters is n−1 bigrams that must appear in order.
public enum SearchTokenizer {
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Full-width ASCII → half-width, Latin → lower case; everything else as it is.
    public static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        var v = s.value
        if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
        if (0x41...0x5A).contains(v) { v += 0x20 }
        return Unicode.Scalar(v) ?? s
    }

    public static func fold(_ c: Character) -> Character {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return c }
        return Character(fold(s))
    }

    /// Letters and digits outside CJK form words.
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x61...0x7A: return true
        case 0...0x7F: return false
        // Chinese text's own punctuation (、。〃 brackets, dashes, quotes), answered without the
        // property tables (SearchTokenizerTests compares every scalar with them).
        case 0x2010...0x2027, 0x2030...0x205E, 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F: return false
        default: return s.properties.isAlphabetic || s.properties.numericType != nil
        }
    }

    struct Run {
        var cjk: Bool
        var scalars: [Unicode.Scalar]
    }

    /// CJK runs and word runs, in order; everything else separates them.
    static func runs(_ text: String) -> [Run] {
        var out: [Run] = []
        var current = Run(cjk: false, scalars: [])
        for raw in text.unicodeScalars {
            let s = fold(raw)
            let cjk = isCJK(s)
            if cjk || isWord(s) {
                if !current.scalars.isEmpty && current.cjk != cjk { out.append(current); current.scalars = [] }
                current.cjk = cjk
                current.scalars.append(s)
            } else if !current.scalars.isEmpty {
                out.append(current)
                current.scalars = []
            }
        }
        if !current.scalars.isEmpty { out.append(current) }
        return out
    }

    /// The index terms of `text`, space-separated, positions following the text. Written straight
    /// into one string: this runs for every document at load time.
    public static func indexTerms(_ text: String) -> String {
        // Into UTF-8 bytes: appending scalars to a String's scalar view re-checks its storage on
        // every append, and this runs over every imported document's text.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2 + 8)
        var previousCJK: Unicode.Scalar?
        var inWord = false
        for raw in text.unicodeScalars {
            let s = fold(raw)
            if isCJK(s) {
                inWord = false
                if let p = previousCJK {
                    if !out.isEmpty { out.append(0x20) }
                    append(p, to: &out)
                    append(s, to: &out)
                }
                previousCJK = s
                continue
            }
            if let p = previousCJK {
                if !out.isEmpty { out.append(0x20) }
                append(p, to: &out)
                previousCJK = nil
            }
            if isWord(s) {
                if !inWord, !out.isEmpty { out.append(0x20) }
                inWord = true
                append(s, to: &out)
            } else {
                inWord = false
            }
        }
        if let p = previousCJK {
            if !out.isEmpty { out.append(0x20) }
            append(p, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` in UTF-8.
    @inline(__always)
    static func append(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// The terms a query phrase must match in order. Runs inside the phrase give the same terms as in
    /// the index; the last run may continue in the text, so a CJK run there gives only its bigrams,
    /// and a single CJK character at the end is a prefix (it starts a bigram or is a run's end).
    public static func phrase(_ text: String) -> (terms: [String], prefix: Bool) {
        let all = runs(text)
        var terms: [String] = []
        var prefix = false
        for (k, run) in all.enumerated() {
            let last = k == all.count - 1
            guard run.cjk else {
                var w = String.UnicodeScalarView()
                w.append(contentsOf: run.scalars)
                terms.append(String(w))
                continue
            }
            let chars = run.scalars.map { String(Character($0)) }
            if chars.count == 1 {
                terms.append(chars[0])
                prefix = last
                continue
            }
            for i in 0..<(chars.count - 1) { terms.append(chars[i] + chars[i + 1]) }
            if !last { terms.append(chars[chars.count - 1]) }
        }
        return (terms, prefix)
    }
}
