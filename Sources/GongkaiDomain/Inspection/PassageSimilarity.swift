/// Passages of one text that closely repeat passages of another (an annual report copied from
/// another unit's or from last year's): texts are cut into sentences, and each pair of sentences is
/// compared by character-bigram Jaccard (`TextSimilarity`). Short sentences (fewer than
/// `minimumLength` letters and digits) are left out: "无。" repeats without being copied.
public struct PassageSimilarity: Sendable {
    public var threshold: Double
    public var minimumLength: Int

    public init(threshold: Double = 0.6, minimumLength: Int = 20) {
        self.threshold = threshold
        self.minimumLength = minimumLength
    }

    public struct Match: Sendable, Equatable {
        public let ours: String
        public let theirs: String
        public let similarity: Double
    }

    /// Sentences ended by 。！？； or a line break, trimmed.
    public static func sentences(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text {
            if "。！？；!?;\n".contains(ch) {
                if !"\n".contains(ch) { current.append(ch) }
                let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !t.isEmpty { out.append(t) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty { out.append(t) }
        return out
    }

    /// For each of our sentences, the most similar of theirs at or above the threshold.
    public func matches(_ ours: String, against theirs: String) -> [Match] {
        let mine = Self.sentences(ours).filter(long)
        let other = Self.sentences(theirs).filter(long).map { ($0, TextSimilarity.bigrams($0)) }
        guard !other.isEmpty else { return [] }
        var out: [Match] = []
        for s in mine {
            let b = TextSimilarity.bigrams(s)
            var best: (String, Double)?
            for (t, tb) in other {
                let union = b.union(tb).count
                guard union > 0 else { continue }
                let j = Double(b.intersection(tb).count) / Double(union)
                if j >= threshold && (best == nil || j > best!.1) { best = (t, j) }
            }
            if let best { out.append(Match(ours: s, theirs: best.0, similarity: best.1)) }
        }
        return out
    }

    /// The whole texts' similarity (for the county's table of report pairs).
    public static func overall(_ a: String, _ b: String) -> Double { TextSimilarity.jaccard(a, b) }

    func long(_ s: String) -> Bool { s.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count >= minimumLength }
}
