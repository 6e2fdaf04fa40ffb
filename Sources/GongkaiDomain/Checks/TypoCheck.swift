/// Common wrong → right spellings; ships with a starter list an administrator extends.
public struct TypoCheck: Sendable, TextCheck {
    public struct Pair: Sendable, Equatable {
        public let wrong: String
        public let right: String

        public init(wrong: String, right: String) {
            self.wrong = wrong
            self.right = right
        }
    }

    let pairs: [Pair]
    let matcher: WordListMatcher

    public init(pairs: [Pair]) {
        self.pairs = pairs.filter { !$0.wrong.isEmpty && $0.wrong != $0.right }
        matcher = WordListMatcher(words: self.pairs.map(\.wrong), variants: false)
    }

    public func scan(_ text: CheckText, source: String) -> [Finding] {
        let found = matcher.matches(in: text)
        guard !found.isEmpty else { return [] }
        let chars = text.characters
        return found.map { m in
            let p = pairs[m.wordIndex]
            return Finding(kind: .typo, source: source, range: m.range, match: p.wrong, context: Finding.context(chars, m.range),
                           message: "疑似错别字：“\(p.wrong)”应为“\(p.right)”", suggestion: p.right)
        }
    }

    /// Frequent mistakes in official writing (our own selection of well-known cases).
    public static let starterList: [Pair] = [
        ("按装", "安装"), ("即然", "既然"), ("再接再励", "再接再厉"), ("迫不急待", "迫不及待"), ("一股作气", "一鼓作气"),
        ("默守成规", "墨守成规"), ("谈笑风声", "谈笑风生"), ("变本加利", "变本加厉"), ("出奇不意", "出其不意"),
        ("走头无路", "走投无路"), ("甘败下风", "甘拜下风"), ("自抱自弃", "自暴自弃"), ("针贬时弊", "针砭时弊"),
        ("穿流不息", "川流不息"), ("美仑美奂", "美轮美奂"), ("金榜提名", "金榜题名"), ("入场卷", "入场券"),
        ("一愁莫展", "一筹莫展"), ("食不裹腹", "食不果腹"), ("重迭", "重叠"), ("渡假村", "度假村"), ("幅射", "辐射"),
        ("松驰", "松弛"), ("精萃", "精粹"), ("布署", "部署"), ("做为", "作为"), ("帐号", "账号"), ("帐户", "账户"),
        ("建全", "健全"), ("宣染", "渲染"), ("凑和", "凑合"), ("防碍", "妨碍"), ("九宵", "九霄"), ("追朔", "追溯"), ("发韧", "发轫"),
        ("滥芋充数", "滥竽充数"), ("不径而走", "不胫而走"), ("既使", "即使"), ("急燥", "急躁"), ("暄嚣", "喧嚣"),
    ].map { Pair(wrong: $0.0, right: $0.1) }
}
