/// Finds every occurrence of any of many words in one pass (Aho–Corasick), so a list of thousands
/// of sensitive words costs about as much as one. In variant mode the text is normalised first:
/// full-width Latin letters and digits become half-width, Latin letters lower case, and up to two
/// filler characters between the characters of a word (spaces, zero-width characters, * # _ - · .)
/// are skipped, so "敏 感*词" matches "敏感词". Sentence punctuation (，。；) is never skipped, so
/// words are not found across sentence boundaries.
public struct WordListMatcher: Sendable {
    public struct Match: Sendable, Equatable {
        /// Index of the word in the list given to `init`.
        public let wordIndex: Int
        /// Character range in the original text (including any skipped fillers inside).
        public let range: Range<Int>
    }

    struct Node: Sendable {
        var next: [Character: Int] = [:]
        var fail = 0
        /// Words ending here: (index, length in normalised characters).
        var outputs: [(Int, Int)] = []
    }

    let nodes: [Node]
    public let words: [String]
    let variants: Bool

    public init(words: [String], variants: Bool) {
        self.words = words
        self.variants = variants
        var nodes = [Node()]
        for (index, word) in words.enumerated() {
            let normalised = Self.normalise(word, variants: variants).map(\.0)
            guard !normalised.isEmpty else { continue }
            var state = 0
            for c in normalised {
                if let n = nodes[state].next[c] {
                    state = n
                } else {
                    nodes.append(Node())
                    nodes[state].next[c] = nodes.count - 1
                    state = nodes.count - 1
                }
            }
            nodes[state].outputs.append((index, normalised.count))
        }
        // Breadth-first failure links.
        var queue: [Int] = Array(nodes[0].next.values)
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for (c, t) in nodes[s].next {
                queue.append(t)
                var f = nodes[s].fail
                while f != 0 && nodes[f].next[c] == nil { f = nodes[f].fail }
                let target = nodes[f].next[c] ?? 0
                nodes[t].fail = target == t ? 0 : target
                nodes[t].outputs += nodes[nodes[t].fail].outputs
            }
        }
        self.nodes = nodes
    }

    /// Fillers skipped between the characters of a word in variant mode.
    static func isFiller(_ c: Character) -> Bool {
        if c.isWhitespace { return true }
        // By scalar value: comparing Characters normalises both sides, and this runs for every
        // character of every checked text (issue 21's load profile). None of these has a canonical
        // equivalent, so a one-scalar comparison decides the same.
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return false }
        return fillerScalars.contains(s.value)
    }

    static let fillerScalars: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2A, 0x23, 0x5F, 0x2D, 0xB7, 0x2E, 0x2022,
                                             0xFF0A, 0xFF03, 0xFF0D, 0xFF5E, 0x7E]

    /// The characters that take part in matching, each with its index in the original text.
    static func normalise(_ text: String, variants: Bool) -> [(Character, Int)] {
        var out: [(Character, Int)] = []
        for (i, c) in text.enumerated() {
            guard variants else { out.append((c, i)); continue }
            if isFiller(c) { continue }
            var ch = c
            if c.unicodeScalars.count == 1, var v = c.unicodeScalars.first?.value {
                // Full-width to half-width, then ASCII upper to lower case, by scalar value.
                if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
                if (0x41...0x5A).contains(v) { v += 0x20 }
                if v != c.unicodeScalars.first?.value, let folded = Unicode.Scalar(v) { ch = Character(folded) }
            } else if ch.isASCII {
                ch = Character(ch.lowercased())  // "\r\n": one Character, two scalars
            }
            out.append((ch, i))
        }
        return out
    }

    public func matches(in text: String) -> [Match] {
        guard nodes.count > 1 else { return [] }
        let stream = Self.normalise(text, variants: variants)
        var found: [Match] = []
        var state = 0
        for (k, (c, _)) in stream.enumerated() {
            while state != 0 && nodes[state].next[c] == nil { state = nodes[state].fail }
            state = nodes[state].next[c] ?? 0
            for (index, length) in nodes[state].outputs {
                let first = k - length + 1
                let start = stream[first].1, end = stream[k].1 + 1
                // In variant mode at most two fillers may sit between two characters of the word.
                if variants {
                    var tooSpread = false
                    for m in first..<k where stream[m + 1].1 - stream[m].1 > 3 { tooSpread = true; break }
                    if tooSpread { continue }
                }
                found.append(Match(wordIndex: index, range: start..<end))
            }
        }
        return found.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }
}
