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

    /// The automaton, flattened: node n's children are `childSymbols/childTargets[childStart[n]..<childStart[n+1]]`
    /// (sorted by symbol), the root's are also in the dense `rootNext`; its outputs (words ending
    /// here, own and by failure links) are `outWords/outLengths[outStart[n]..<outStart[n+1]]`.
    let rootNext: [Int32]
    let childStart: [Int32]
    let childSymbols: [Int32]
    let childTargets: [Int32]
    let fail: [Int32]
    let outStart: [Int32]
    let outWords: [Int32]
    let outLengths: [Int32]
    /// The alphabet: symbol of a key (a character's scalar value, see `CheckText`), dense below
    /// `bmpSymbols.count`; characters that are several scalars even in NFC by the characters themselves.
    let bmpSymbols: [Int32]
    let otherSymbols: [UInt32: Int32]
    let compoundSymbols: [Character: Int32]
    public let words: [String]
    let variants: Bool

    public init(words: [String], variants: Bool) {
        self.words = words
        self.variants = variants
        var symbolOfKey: [UInt32: Int32] = [:]
        var symbolOfCompound: [Character: Int32] = [:]
        // The trie, with dictionaries while it is built.
        var next: [[Int32: Int32]] = [[:]]
        var outputs: [[(Int32, Int32)]] = [[]]
        for (index, word) in words.enumerated() {
            let keys = Self.stream(CheckText(word), variants: variants)
            guard !keys.isEmpty else { continue }
            var state: Int32 = 0
            for (key, _, character) in keys {
                let symbol: Int32
                if key == CheckText.compound, let c = character {
                    if let s = symbolOfCompound[c] { symbol = s } else {
                        symbol = Int32(symbolOfKey.count + symbolOfCompound.count); symbolOfCompound[c] = symbol
                    }
                } else if let s = symbolOfKey[key] {
                    symbol = s
                } else {
                    symbol = Int32(symbolOfKey.count + symbolOfCompound.count); symbolOfKey[key] = symbol
                }
                if let n = next[Int(state)][symbol] {
                    state = n
                } else {
                    next.append([:]); outputs.append([])
                    next[Int(state)][symbol] = Int32(next.count - 1)
                    state = Int32(next.count - 1)
                }
            }
            outputs[Int(state)].append((Int32(index), Int32(keys.count)))
        }
        // Breadth-first failure links.
        var fail = Array(repeating: Int32(0), count: next.count)
        var queue: [Int32] = Array(next[0].values)
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for (symbol, t) in next[Int(s)] {
                queue.append(t)
                var f = fail[Int(s)]
                while f != 0 && next[Int(f)][symbol] == nil { f = fail[Int(f)] }
                let target = next[Int(f)][symbol] ?? 0
                fail[Int(t)] = target == t ? 0 : target
                outputs[Int(t)] += outputs[Int(fail[Int(t)])]
            }
        }
        let alphabet = symbolOfKey.count + symbolOfCompound.count
        var rootNext = Array(repeating: Int32(-1), count: alphabet)
        for (symbol, t) in next[0] { rootNext[Int(symbol)] = t }
        var childStart: [Int32] = [], childSymbols: [Int32] = [], childTargets: [Int32] = []
        var outStart: [Int32] = [], outWords: [Int32] = [], outLengths: [Int32] = []
        for n in next.indices {
            childStart.append(Int32(childSymbols.count))
            for (symbol, t) in next[n].sorted(by: { $0.key < $1.key }) { childSymbols.append(symbol); childTargets.append(t) }
            outStart.append(Int32(outWords.count))
            for (w, l) in outputs[n] { outWords.append(w); outLengths.append(l) }
        }
        childStart.append(Int32(childSymbols.count))
        outStart.append(Int32(outWords.count))
        let bmpLimit = Int(symbolOfKey.keys.filter { $0 <= 0xFFFF }.max().map { $0 + 1 } ?? 0)
        var bmp = Array(repeating: Int32(-1), count: bmpLimit)
        var other: [UInt32: Int32] = [:]
        for (key, symbol) in symbolOfKey {
            if key <= 0xFFFF { bmp[Int(key)] = symbol } else { other[key] = symbol }
        }
        self.rootNext = rootNext
        self.childStart = childStart
        self.childSymbols = childSymbols
        self.childTargets = childTargets
        self.fail = fail
        self.outStart = outStart
        self.outWords = outWords
        self.outLengths = outLengths
        bmpSymbols = bmp
        otherSymbols = other
        compoundSymbols = symbolOfCompound
    }

    /// Fillers skipped between the characters of a word in variant mode, by scalar value.
    static func isFiller(_ v: UInt32) -> Bool {
        CheckText.isWhitespace(v) || fillerScalars.contains(v)
    }

    static let fillerScalars: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2A, 0x23, 0x5F, 0x2D, 0xB7, 0x2E, 0x2022,
                                             0xFF0A, 0xFF03, 0xFF0D, 0xFF5E, 0x7E]

    /// Full-width to half-width, then ASCII upper to lower case, by scalar value.
    static func fold(_ value: UInt32) -> UInt32 {
        var v = value
        if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
        if (0x41...0x5A).contains(v) { v += 0x20 }
        return v
    }

    /// The characters that take part in matching, in order: each one's canonical key (see
    /// `CheckText.canonicalKey`), its position in the text and, for a compound key, the character.
    /// In variant mode fillers are left out and letters folded. The general path (any text);
    /// `matches` has a faster one for texts of standalone scalars.
    static func stream(_ text: CheckText, variants: Bool) -> [(key: UInt32, position: Int, character: Character?)] {
        var out: [(key: UInt32, position: Int, character: Character?)] = []
        for (k, raw) in text.keys.enumerated() {
            if !text.complex {
                if variants && isFiller(raw) { continue }
                out.append((variants ? fold(raw) : raw, k, nil))
                continue
            }
            var c = text.characters[k]
            if variants {
                if c.isWhitespace { continue }
                if c.unicodeScalars.count == 1 {
                    let v = c.unicodeScalars.first!.value
                    if fillerScalars.contains(v) { continue }
                    let folded = fold(v)
                    if folded != v { c = Character(Unicode.Scalar(folded)!) }
                } else if c.isASCII {
                    c = Character(c.lowercased())  // "\r\n": one Character, two scalars
                }
            }
            let key = CheckText.canonicalKey(c)
            out.append((key, k, key == CheckText.compound ? c : nil))
        }
        return out
    }

    /// The symbol of a canonical key other than `compound`, or -1 when no word has it.
    @inline(__always)
    func symbol(_ key: UInt32) -> Int32 {
        if key < UInt32(bmpSymbols.count) { return bmpSymbols[Int(key)] }
        if key <= 0xFFFF { return -1 }
        return otherSymbols[key] ?? -1
    }

    @inline(__always)
    func child(_ state: Int32, _ symbol: Int32) -> Int32 {
        if state == 0 { return rootNext[Int(symbol)] }
        var i = Int(childStart[Int(state)])
        let end = Int(childStart[Int(state) + 1])
        while i < end {
            let s = childSymbols[i]
            if s == symbol { return childTargets[i] }
            if s > symbol { break }
            i += 1
        }
        return -1
    }

    public func matches(in text: String) -> [Match] {
        matches(in: CheckText(text))
    }

    public func matches(in text: CheckText) -> [Match] {
        guard !rootNext.isEmpty else { return [] }
        // Symbols (-1: in no word) with each one's character position.
        var symbols: [Int32] = []
        var positions: [Int32] = []
        symbols.reserveCapacity(text.count)
        if text.complex {
            for e in Self.stream(text, variants: variants) {
                symbols.append(e.character.map { compoundSymbols[$0] ?? -1 } ?? symbol(e.key))
                positions.append(Int32(e.position))
            }
        } else if variants {
            positions.reserveCapacity(text.count)
            for (k, key) in text.keys.enumerated() where !Self.isFiller(key) {
                symbols.append(symbol(Self.fold(key))); positions.append(Int32(k))
            }
        } else {
            for key in text.keys { symbols.append(symbol(key)) }
        }
        let positioned = text.complex || variants
        var found: [Match] = []
        var state: Int32 = 0
        for (k, s) in symbols.enumerated() {
            if s < 0 { state = 0; continue }
            while true {
                let t = child(state, s)
                if t >= 0 { state = t; break }
                if state == 0 { break }
                state = fail[Int(state)]
            }
            let from = Int(outStart[Int(state)]), to = Int(outStart[Int(state) + 1])
            guard from < to else { continue }
            for o in from..<to {
                let length = Int(outLengths[o])
                let first = k - length + 1
                if positioned {
                    // At most two fillers may sit between two characters of the word.
                    var tooSpread = false
                    if variants { for m in first..<k where positions[m + 1] - positions[m] > 3 { tooSpread = true; break } }
                    if tooSpread { continue }
                    found.append(Match(wordIndex: Int(outWords[o]), range: Int(positions[first])..<Int(positions[k]) + 1))
                } else {
                    found.append(Match(wordIndex: Int(outWords[o]), range: first..<k + 1))
                }
            }
        }
        return found.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }
}
