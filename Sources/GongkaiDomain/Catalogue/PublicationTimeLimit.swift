/// 公开时限 of a catalogue item, structured where the wording allows, the original always kept.
public struct PublicationTimeLimit: Sendable, Equatable, Codable {
    public enum Rule: Sendable, Equatable, Codable {
        /// N working days from the day the information is formed or changed (条例 Art. 26 style).
        case workingDays(Int)
        /// N calendar days.
        case days(Int)
        case monthly
        case quarterly
        case yearly
        /// 实时公开
        case realTime
        /// 及时公开
        case timely
        /// Wording the parser does not understand: kept, shown, not computed.
        case unstructured
    }

    public let original: String
    public let rule: Rule

    public init(_ original: String) {
        self.original = original
        self.rule = Self.parse(original)
    }

    static func parse(_ raw: String) -> Rule {
        let s = raw.replacingOccurrences(of: " ", with: "")
        if s.contains("实时") { return .realTime }
        if let n = number(before: "个工作日", in: s) ?? number(before: "工作日", in: s) { return .workingDays(n) }
        if let n = number(before: "日内", in: s) ?? number(before: "天内", in: s) ?? number(before: "个自然日", in: s) { return .days(n) }
        if s.contains("每月") || s.contains("按月") || s.contains("月度") { return .monthly }
        if s.contains("每季度") || s.contains("按季度") || s.contains("季度") { return .quarterly }
        if s.contains("每年") || s.contains("按年") || s.contains("年度") { return .yearly }
        if s.contains("及时") { return .timely }
        return .unstructured
    }

    /// The Arabic or simple Chinese number right before `marker` ("20个工作日", "十个工作日").
    static func number(before marker: String, in s: String) -> Int? {
        guard let r = s.range(of: marker) else { return nil }
        let head = s[..<r.lowerBound]
        let digits = String(head.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        if let n = Int(digits), n > 0 { return n }
        let chinese: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
        let tail = String(head.reversed().prefix { chinese[$0] != nil }.reversed())
        guard !tail.isEmpty else { return nil }
        // 十, 二十, 十五, 二十五
        if let ten = tail.firstIndex(of: "十") {
            let tens = tail[..<ten].isEmpty ? 1 : (chinese[tail[tail.startIndex]] ?? 1)
            let units = tail[tail.index(after: ten)...].first.flatMap { chinese[$0] } ?? 0
            return tens * 10 + units
        }
        return tail.count == 1 ? chinese[tail.first!] : nil
    }

    /// For periodic rules, the date by which the next publication is expected after `last`.
    public func nextDue(after last: CivilDate) -> CivilDate? {
        switch rule {
        case .monthly: return last.addingMonths(1)
        case .quarterly: return last.addingMonths(3)
        case .yearly: return last.addingMonths(12)
        default: return nil
        }
    }
}

extension CivilDate {
    /// The same day `n` months later, clamped to the month's last day.
    public func addingMonths(_ n: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        var d = day
        while CivilDate(year: y, month: m, day: d) == nil { d -= 1 }
        return CivilDate(year: y, month: m, day: d)!
    }
}
