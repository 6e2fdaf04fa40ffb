/// A short excerpt of a text around the first place a query matches, split into plain and
/// highlighted pieces (the page escapes and marks them; no HTML is built here).
public enum SearchSnippet {
    public struct Piece: Sendable, Equatable {
        public let text: String
        public let highlighted: Bool
    }

    /// Up to `radius` characters either side of the first match; the start of the text when none.
    public static func make(_ text: String, query: SearchQuery, radius: Int = 40) -> [Piece] {
        SimpleText(text, query: query)?.pieces(radius: radius) ?? byCharacters(text, query: query, radius: radius)
    }

    /// `make` over the text's characters (graphemes, compared with canonical equivalence): the
    /// general way, for any text.
    static func byCharacters(_ text: String, query: SearchQuery, radius: Int) -> [Piece] {
        let chars = Array(text)
        let needles = query.parts.map { part in Array(part.text.filter { !$0.isWhitespace }).map(SearchTokenizer.fold) }
        return pieces(chars.map(SearchTokenizer.fold), needles: needles, radius: radius) { String(chars[$0]) }
    }

    /// The excerpt's steps on a folded text and folded needles of any unit (characters, or scalars
    /// for `SimpleText`); `text` gives the original text of a range of units.
    static func pieces<Unit: Equatable>(_ folded: [Unit], needles: [[Unit]], radius: Int, text: (Range<Int>) -> String) -> [Piece] {
        // Every place a needle occurs.
        var hits: [Range<Int>] = []
        // Hits past the window of the earliest hit so far cannot be shown: the scan stops there.
        var stop = Int.max
        for needle in needles {
            guard !needle.isEmpty, needle.count <= folded.count else { continue }
            var i = 0
            // Compared in place: this runs for every result on every search page.
            while i + needle.count <= folded.count, i < stop {
                var k = 0
                while k < needle.count && folded[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    hits.append(i..<(i + needle.count))
                    stop = min(stop, i + needle.count + radius)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        hits.sort { $0.lowerBound < $1.lowerBound }
        guard let first = hits.first else {
            let end = min(folded.count, radius * 2)
            return end == 0 ? [] : [Piece(text: text(0..<end) + (end < folded.count ? "…" : ""), highlighted: false)]
        }
        let from = max(0, first.lowerBound - radius), to = min(folded.count, first.upperBound + radius)
        var pieces: [Piece] = []
        var cursor = from
        for h in hits where h.lowerBound >= cursor && h.upperBound <= to {
            if h.lowerBound > cursor { pieces.append(Piece(text: text(cursor..<h.lowerBound), highlighted: false)) }
            pieces.append(Piece(text: text(h), highlighted: true))
            cursor = h.upperBound
        }
        if cursor < to { pieces.append(Piece(text: text(cursor..<to), highlighted: false)) }
        if from > 0 { pieces.insert(Piece(text: "…", highlighted: false), at: 0) }
        if to < folded.count { pieces.append(Piece(text: "…", highlighted: false)) }
        return pieces
    }

    /// A text, and the query's needles, made only of scalars that are each a character of their
    /// own with no other canonically equivalent scalar (ASCII but CR and controls, Latin-1, CJK
    /// ideographs and punctuation, full-width forms): there characters are scalars, so `make` can
    /// match and cut scalar arrays instead of breaking the text into graphemes, which was most of a
    /// search page's excerpt work (issue 21). `SearchSnippetScalarTests` holds the two ways to each other.
    struct SimpleText {
        let scalars: [Unicode.Scalar]
        let folded: [UInt32]
        let needles: [[UInt32]]

        static func isSimple(_ v: UInt32) -> Bool {
            switch v {
            case 0x09, 0x0A, 0x20...0x7E, 0xA0...0xFF: return true
            case 0x2010...0x2027, 0x2030...0x205E: return true
            // Not 0x302A–0x302F (combining tone marks).
            case 0x3000...0x3029, 0x3030...0x303F: return true
            // CJK ideographs without decompositions (not the compatibility block F900–FAFF).
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
            case 0xFF01...0xFF5E: return true
            default: return false
            }
        }

        init?(_ text: String, query: SearchQuery) {
            var scalars: [Unicode.Scalar] = []
            var folded: [UInt32] = []
            scalars.reserveCapacity(text.utf8.count)
            folded.reserveCapacity(text.utf8.count)
            for s in text.unicodeScalars {
                guard Self.isSimple(s.value) else { return nil }
                scalars.append(s)
                folded.append(SearchTokenizer.fold(s).value)
            }
            var needles: [[UInt32]] = []
            for part in query.parts {
                var needle: [UInt32] = []
                for c in part.text where !c.isWhitespace {
                    guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first, Self.isSimple(s.value) else { return nil }
                    needle.append(SearchTokenizer.fold(s).value)
                }
                needles.append(needle)
            }
            self.scalars = scalars
            self.folded = folded
            self.needles = needles
        }

        func text(_ r: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[r])
            return String(out)
        }

        /// The same steps as `byCharacters`, on scalars.
        func pieces(radius: Int) -> [Piece] {
            SearchSnippet.pieces(folded, needles: needles, radius: radius, text: text)
        }
    }
}
