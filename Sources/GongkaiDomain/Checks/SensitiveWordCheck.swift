/// Words an administrator has listed as not to be published (with variant matching).
public struct SensitiveWordCheck: Sendable, TextCheck {
    let matcher: WordListMatcher

    public init(words: [String]) {
        matcher = WordListMatcher(words: words.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }, variants: true)
    }

    public func scan(_ text: CheckText, source: String) -> [Finding] {
        let found = matcher.matches(in: text)
        guard !found.isEmpty else { return [] }
        let chars = text.characters
        return found.map { m in
            Finding(kind: .sensitiveWord, source: source, range: m.range, match: String(chars[m.range]),
                    context: Finding.context(chars, m.range), message: "含敏感词“\(matcher.words[m.wordIndex])”，请删改",
                    suggestion: nil)
        }
    }
}
