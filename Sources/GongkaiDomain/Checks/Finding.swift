/// One thing a pre-publication check found, with where it is and what to do about it.
public struct Finding: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case idNumber = "id_number"
        case mobileNumber = "mobile"
        case bankCard = "bank_card"
        case sensitiveWord = "sensitive_word"
        case typo
        case leaderTitle = "leader_title"
        case link

        public var label: String {
            switch self {
            case .idNumber: return "身份证号"
            case .mobileNumber: return "手机号码"
            case .bankCard: return "银行卡号"
            case .sensitiveWord: return "敏感词"
            case .typo: return "错别字"
            case .leaderTitle: return "领导职务"
            case .link: return "链接"
            }
        }

        /// Personal data and sensitive words block publication until fixed or overridden by a
        /// 保密审查员 with a reason; the rest are advice.
        public var isSevere: Bool { isPersonalData || self == .sensitiveWord }

        /// Personal data that one-click masking replaces (ID numbers, mobiles, bank cards).
        public var isPersonalData: Bool { [.idNumber, .mobileNumber, .bankCard].contains(self) }
    }

    public let kind: Kind
    /// Where the text came from: "标题", "正文", "附件：名单.xlsx" …
    public let source: String
    /// Character offsets (in Swift `Character`s) of the match within that source's text.
    public let range: Range<Int>
    /// The text found.
    public let match: String
    /// A few characters either side, so the reviewer can find it.
    public let context: String
    public let message: String
    /// The replacement the check proposes (masked form, correct word); nil when there is none.
    public let suggestion: String?

    public init(kind: Kind, source: String, range: Range<Int>, match: String, context: String, message: String, suggestion: String?) {
        self.kind = kind
        self.source = source
        self.range = range
        self.match = match
        self.context = context
        self.message = message
        self.suggestion = suggestion
    }

    public var isSevere: Bool { kind.isSevere }

    /// Up to `width` characters either side of `range` in `chars`, with the match in 【】.
    static func context(_ chars: [Character], _ range: Range<Int>, width: Int = 12) -> String {
        let from = max(0, range.lowerBound - width), to = min(chars.count, range.upperBound + width)
        return (from > 0 ? "…" : "") + String(chars[from..<range.lowerBound]) + "【" + String(chars[range]) + "】"
            + String(chars[range.upperBound..<to]) + (to < chars.count ? "…" : "")
    }
}

extension Array where Element == Finding {
    /// Applies every finding's suggestion to `text` (the findings must come from that text), last
    /// first so earlier offsets stay valid. Overlapping findings: the earlier-starting one wins.
    public func applyingSuggestions(to text: String, kinds: Set<Finding.Kind>) -> String {
        var chars = [Character](text)
        var lastStart = Int.max
        for f in self.filter({ kinds.contains($0.kind) && $0.suggestion != nil })
            .sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            guard f.range.upperBound <= lastStart, f.range.upperBound <= chars.count,
                  String(chars[f.range]) == f.match else { continue }
            chars.replaceSubrange(f.range, with: [Character](f.suggestion!))
            lastStart = f.range.lowerBound
        }
        return String(chars)
    }
}
