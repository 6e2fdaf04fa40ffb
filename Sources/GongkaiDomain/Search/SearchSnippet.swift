/// A short excerpt of a text around the first place a query matches, split into plain and
/// highlighted pieces (the page escapes and marks them; no HTML is built here).
public enum SearchSnippet {
    public struct Piece: Sendable, Equatable {
        public let text: String
        public let highlighted: Bool
    }

    /// Up to `radius` characters either side of the first match; the start of the text when none.
    public static func make(_ text: String, query: SearchQuery, radius: Int = 40) -> [Piece] {
        let chars = Array(text)
        let folded = chars.map(SearchTokenizer.fold)
        // Every place a query part (its folded text without spaces) occurs.
        var hits: [Range<Int>] = []
        // Hits past the window of the earliest hit so far cannot be shown: the scan stops there.
        var stop = Int.max
        for part in query.parts {
            let needle = Array(part.text.filter { !$0.isWhitespace }).map(SearchTokenizer.fold)
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
            let end = min(chars.count, radius * 2)
            return end == 0 ? [] : [Piece(text: String(chars[0..<end]) + (end < chars.count ? "…" : ""), highlighted: false)]
        }
        let from = max(0, first.lowerBound - radius), to = min(chars.count, first.upperBound + radius)
        var pieces: [Piece] = []
        var cursor = from
        for h in hits where h.lowerBound >= cursor && h.upperBound <= to {
            if h.lowerBound > cursor { pieces.append(Piece(text: String(chars[cursor..<h.lowerBound]), highlighted: false)) }
            pieces.append(Piece(text: String(chars[h]), highlighted: true))
            cursor = h.upperBound
        }
        if cursor < to { pieces.append(Piece(text: String(chars[cursor..<to]), highlighted: false)) }
        if from > 0 { pieces.insert(Piece(text: "…", highlighted: false), at: 0) }
        if to < chars.count { pieces.append(Piece(text: "…", highlighted: false)) }
        return pieces
    }
}
