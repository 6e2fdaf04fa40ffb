/// A year's 考核 scheme for 政务公开 (every seed ends with it): items with points, each scored from an
/// indicator or by hand with evidence, plus deductions and bonus items; and the scheme's weight in
/// the overall 绩效考核, which the plans require to be at least 4 %.
public struct AssessmentScheme: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// Full points at `fullAt` (percent, or a count) and none at `zeroAt`, linear between.
        /// For indicators where lower is better `fullAt` < `zeroAt`.
        case indicator(PlanIndicator, fullAt: Double, zeroAt: Double)
        /// Scored by the office from evidence.
        case manual
    }

    public struct Item: Sendable, Equatable {
        public let name: String
        public let points: Double
        public let rule: Rule
        public init(name: String, points: Double, rule: Rule) {
            self.name = name
            self.points = points
            self.rule = rule
        }
    }

    public static let minimumPerformanceWeight = 4.0
    public static let totalPoints = 100.0
    public static let maxBonus = 10.0

    public let items: [Item]
    /// Percent of the overall 绩效考核.
    public let performanceWeight: Double

    public init(items: [Item], performanceWeight: Double) {
        self.items = items
        self.performanceWeight = performanceWeight
    }

    /// What is wrong with the scheme, in Chinese; empty when it can be used.
    public func problems() -> [String] {
        var out: [String] = []
        if !(performanceWeight >= Self.minimumPerformanceWeight && performanceWeight <= 100) {
            out.append("政务公开在绩效考核中的权重应不低于4%（当前\(Self.format(performanceWeight))%）")
        }
        if items.isEmpty { out.append("考核方案至少要有一个评分项") }
        let sum = items.reduce(0) { $0 + $1.points }
        if !items.isEmpty && abs(sum - Self.totalPoints) > 0.001 { out.append("评分项分值合计应为100分（当前\(Self.format(sum))分）") }
        for item in items {
            if item.points <= 0 { out.append("“\(item.name)”的分值应大于0") }
            if case .indicator(_, let full, let zero) = item.rule, full == zero { out.append("“\(item.name)”的满分线和零分线不能相同") }
        }
        return out
    }

    /// Points for one item from an indicator value; nil when the indicator has no data (the office
    /// then scores the item by hand, or it is left out of the ranking).
    public static func score(_ item: Item, value: IndicatorValue) -> Double? {
        guard case .indicator(_, let full, let zero) = item.rule, let v = value.number else { return nil }
        let fraction = (v - zero) / (full - zero)
        return item.points * min(max(fraction, 0), 1)
    }

    /// The total: item points, minus deductions, plus bonus points capped at `maxBonus`, never below 0.
    public static func total(itemPoints: [Double], deductions: [Double], bonuses: [Double]) -> Double {
        let bonus = min(bonuses.reduce(0, +), maxBonus)
        return max(itemPoints.reduce(0, +) - deductions.reduce(0, +) + bonus, 0)
    }

    /// Competition ranking (1, 2, 2, 4) by total, highest first; totals equal to 0.01 tie.
    public static func ranks(_ totals: [Double]) -> [Int] {
        let rounded = totals.map { ($0 * 100).rounded() }
        return rounded.map { t in rounded.filter { $0 > t }.count + 1 }
    }

    public static func format(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        let whole = hundredths / 100, frac = abs(hundredths % 100)
        if frac == 0 { return String(whole) }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}

extension AssessmentScheme {
    /// Reads the scheme's items, one per line: "名称，分值，依据[，满分线，零分线]", where 依据 is an
    /// indicator (its name or key) or "人工" (scored by hand from evidence). For an indicator without
    /// lines given, full points at 100 % and none at 60 % (for counts where fewer is better: full at
    /// 0, none at 20). Problems are given by line.
    public static func parseItems(_ text: String) -> (items: [Item], problems: [String]) {
        var items: [Item] = [], problems: [String] = []
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count <= 50 else { return ([], ["评分项不超过50项"]) }
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let n = i + 1
            let parts = line.split(whereSeparator: { $0 == "," || $0 == "，" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 || parts.count == 5 else {
                problems.append("第\(n)行：应为“名称，分值，依据”或“名称，分值，指标，满分线，零分线”"); continue
            }
            let name = parts[0]
            guard (1...50).contains(name.count) else { problems.append("第\(n)行：名称应为1–50字"); continue }
            guard let points = Double(parts[1]), points > 0, points <= 100 else { problems.append("第\(n)行：分值应为0–100之间的数"); continue }
            if parts[2] == "人工" {
                guard parts.count == 3 else { problems.append("第\(n)行：人工评分项不需要满分线和零分线"); continue }
                items.append(Item(name: name, points: points, rule: .manual)); continue
            }
            guard let indicator = PlanIndicator.allCases.first(where: { $0.rawValue == parts[2] || $0.label == parts[2] }) else {
                problems.append("第\(n)行：找不到指标“\(parts[2].prefix(30))”（可写指标名称或“人工”）"); continue
            }
            var full = indicator.higherIsBetter ? 100.0 : 0, zero = indicator.higherIsBetter ? 60.0 : 20
            if parts.count == 5 {
                guard let f = Double(parts[3]), let z = Double(parts[4]), (0...100_000).contains(f), (0...100_000).contains(z), f != z else {
                    problems.append("第\(n)行：满分线和零分线应为不同的非负数"); continue
                }
                full = f; zero = z
            }
            items.append(Item(name: name, points: points, rule: .indicator(indicator, fullAt: full, zeroAt: zero)))
        }
        return (items, problems)
    }

    /// The line `parseItems` reads back to the same item.
    public static func line(_ item: Item) -> String {
        switch item.rule {
        case .manual: return "\(item.name)，\(format(item.points))，人工"
        case .indicator(let i, let full, let zero): return "\(item.name)，\(format(item.points))，\(i.label)，\(format(full))，\(format(zero))"
        }
    }
}

/// Satisfaction from a questionnaire's answers (社会评议 reusing the participation questionnaires):
/// a respondent counts as satisfied when an answer is 满意/基本满意/比较满意/非常满意 and none is
/// 不满意; respondents who chose neither are not counted.
public enum SatisfactionTally {
    public static func count(_ responses: [[String]]) -> (satisfied: Int, counted: Int) {
        var satisfied = 0, counted = 0
        for answers in responses {
            let unhappy = answers.contains { $0.contains("不满意") }
            let happy = answers.contains { $0.contains("满意") && !$0.contains("不满意") }
            guard happy || unhappy else { continue }
            counted += 1
            if happy && !unhappy { satisfied += 1 }
        }
        return (satisfied, counted)
    }
}
