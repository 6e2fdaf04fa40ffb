/// Similarity of two short Chinese texts without a segmentation dictionary: the Jaccard index of their
/// overlapping character bigrams (letters and digits folded to lower case, punctuation and spaces ignored).
public enum TextSimilarity {
    public static func bigrams(_ s: String) -> Set<String> {
        let chars = s.lowercased().filter { $0.isLetter || $0.isNumber }
        let a = Array(chars)
        guard a.count >= 2 else { return a.isEmpty ? [] : [String(a)] }
        return Set((0..<(a.count - 1)).map { String(a[$0...($0 + 1)]) })
    }

    /// 0 (nothing shared) … 1 (same bigrams).
    public static func jaccard(_ x: String, _ y: String) -> Double {
        let a = bigrams(x), b = bigrams(y)
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }
}
