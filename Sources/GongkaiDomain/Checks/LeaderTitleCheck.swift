/// Leaders' names with their current titles: a known name next to another leader title is flagged
/// ("张三副县长" when 张三 is 县长).
public struct LeaderTitleCheck: Sendable, TextCheck {
    public struct Leader: Sendable, Equatable {
        public let name: String
        public let titles: [String]

        public init(name: String, titles: [String]) {
            self.name = name
            self.titles = titles
        }
    }

    let leaders: [Leader]
    let names: WordListMatcher
    /// Every title of every leader, longest first, so "副县长" is not read as "县长".
    let allTitles: [String]

    public init(leaders: [Leader]) {
        self.leaders = leaders.filter { !$0.name.isEmpty && !$0.titles.isEmpty }
        names = WordListMatcher(words: self.leaders.map(\.name), variants: false)
        allTitles = Array(Set(self.leaders.flatMap(\.titles) + Self.commonTitles)).sorted { $0.count > $1.count }
    }

    /// Titles recognised next to a name even when no listed leader holds them, so "副县长张伟" is
    /// caught when 张伟 is listed only as 县长.
    static let commonTitles = ["县长", "副县长", "常务副县长", "县委书记", "县委副书记", "书记", "副书记", "局长", "副局长",
                               "主任", "副主任", "镇长", "副镇长", "乡长", "副乡长", "主席", "副主席", "部长", "副部长",
                               "秘书长", "副秘书长", "党组书记", "院长", "副院长", "检察长", "副检察长", "政委", "所长", "副所长"]

    public func scan(_ text: CheckText, source: String) -> [Finding] {
        let found = names.matches(in: text)
        guard !found.isEmpty else { return [] }
        let chars = text.characters
        var findings: [Finding] = []
        for m in found {
            let leader = leaders[m.wordIndex]
            // The title written right before ("县长张三") or right after ("张三县长", "张三同志任县长" is not checked).
            let before = String(chars[max(0, m.range.lowerBound - 12)..<m.range.lowerBound])
            let after = String(chars[m.range.upperBound..<min(chars.count, m.range.upperBound + 12)])
            let written = allTitles.first { after.hasPrefix($0) } ?? allTitles.first { before.hasSuffix($0) }
            guard let title = written, !leader.titles.contains(title) else { continue }
            // A longer title of this leader that contains the one found ("常务副县长" vs "副县长") is fine.
            if leader.titles.contains(where: { $0.hasSuffix(title) && (after.hasPrefix($0) || before.hasSuffix($0)) }) { continue }
            findings.append(Finding(kind: .leaderTitle, source: source, range: m.range, match: leader.name,
                                    context: Finding.context(chars, m.range),
                                    message: "“\(leader.name)”的职务写作“\(title)”，名单中为“\(leader.titles.joined(separator: "、"))”",
                                    suggestion: nil))
        }
        return findings
    }
}
