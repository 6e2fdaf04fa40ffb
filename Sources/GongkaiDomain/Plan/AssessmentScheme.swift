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
