/// Where a site (or one organisation's part of it) stands against the indicators: the 单项否决
/// items that fire, then the deductions with their counts. Thresholds are those of practice.md §3.2;
/// the deduction weights are UNVERIFIED there and so configurable (`Weights`).
public struct InspectionVerdict: Sendable, Equatable {
    public struct Weights: Sendable, Equatable {
        /// Per dead link on the home page, and elsewhere.
        public var homepageDeadLink = 1.0
        public var deadLink = 0.1
        public var typo = 0.2
        public var staleColumn = 1.0
        public var blankColumn = 1.0
        public var availability = 5.0
        public init() {}

        /// "dead_link=0.1,typo=0.5": unknown keys and numbers outside 0…100 are refused.
        public static func parse(_ text: String) -> Weights? {
            var w = Weights()
            for part in text.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                let kv = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = Double(kv[1]), v >= 0, v <= 100 else { return nil }
                switch kv[0] {
                case "homepage_dead_link": w.homepageDeadLink = v
                case "dead_link": w.deadLink = v
                case "typo": w.typo = v
                case "stale_column": w.staleColumn = v
                case "blank_column": w.blankColumn = v
                case "availability": w.availability = v
                default: return nil
                }
            }
            return w
        }
    }

    public struct Counts: Sendable, Equatable {
        public var byKind: [InspectionProblemKind: Int] = [:]
        /// Dead links found on a home page (a subset of the dead links).
        public var homepageDeadLinks = 0
        /// Stale columns of the 动态要闻 and 通知公告/政策文件 classes (the first veto test counts them together).
        public var staleColumns = 0
        public var blankColumns = 0
        public var availability: SiteAvailability?
        public init() {}
        public subscript(_ k: InspectionProblemKind) -> Int { byKind[k] ?? 0 }
    }

    public struct Veto: Sendable, Equatable {
        public let item: String
        public let reason: String
    }

    public struct Deduction: Sendable, Equatable {
        public let label: String
        public let count: Int
        public let points: Double
    }

    public let vetoes: [Veto]
    public let deductions: [Deduction]

    public init(_ c: Counts, weights: Weights = Weights()) {
        var v: [Veto] = []
        if let a = c.availability, a.isVeto {
            v.append(Veto(item: "站点无法访问", reason: "近一周首页访问失败\(a.failures)次，占\(a.rateText)，达到5%"))
        }
        if c[.homepageStale] > 0 { v.append(Veto(item: "首页不更新", reason: "首页超过2周未更新")) }
        var serious: [String] = []
        if c[.seriousWording] > 0 { serious.append("严重表述错误\(c[.seriousWording])处") }
        if c[.hiddenLink] > 0 { serious.append("暗链\(c[.hiddenLink])个") }
        if c[.privacyLeak] > 0 { serious.append("隐私泄露\(c[.privacyLeak])处") }
        if !serious.isEmpty { v.append(Veto(item: "安全、泄密事故等严重问题", reason: serious.joined(separator: "、"))) }
        if c.staleColumns >= 5 || c.blankColumns >= 5 {
            var r: [String] = []
            if c.staleColumns >= 5 { r.append("应更新未更新栏目\(c.staleColumns)个（达到5个）") }
            if c.blankColumns >= 5 { r.append("空白栏目\(c.blankColumns)个（达到5个）") }
            v.append(Veto(item: "栏目不更新", reason: r.joined(separator: "、")))
        }
        if c[.unansweredMessage] > 0 { v.append(Veto(item: "互动回应差", reason: "咨询类留言超过3个月未答复\(c[.unansweredMessage])条")) }
        if c[.guideIncomplete] > 0 { v.append(Veto(item: "服务不实用", reason: "办事指南要素缺失\(c[.guideIncomplete])项")) }
        vetoes = v

        var d: [Deduction] = []
        let otherDead = c[.deadLink] - c.homepageDeadLinks
        if c.homepageDeadLinks > 0 { d.append(Deduction(label: "首页不可用链接", count: c.homepageDeadLinks, points: Double(c.homepageDeadLinks) * weights.homepageDeadLink)) }
        if otherDead > 0 { d.append(Deduction(label: "其他页面不可用链接", count: otherDead, points: Double(otherDead) * weights.deadLink)) }
        if c[.typo] > 0 { d.append(Deduction(label: "一般错别字", count: c[.typo], points: Double(c[.typo]) * weights.typo)) }
        if c.staleColumns > 0 && c.staleColumns < 5 { d.append(Deduction(label: "栏目更新不及时", count: c.staleColumns, points: Double(c.staleColumns) * weights.staleColumn)) }
        if c.blankColumns > 0 && c.blankColumns < 5 { d.append(Deduction(label: "空白栏目", count: c.blankColumns, points: Double(c.blankColumns) * weights.blankColumn)) }
        if let a = c.availability, a.isDeduction { d.append(Deduction(label: "首页可用性（失败率\(a.rateText)）", count: a.failures, points: weights.availability)) }
        deductions = d
    }

    public var isVetoed: Bool { !vetoes.isEmpty }
    /// 100 minus the deductions, not below 0; nil when a veto makes the site 不合格 outright.
    public var score: Double? { isVetoed ? nil : max(0, 100 - deductions.reduce(0) { $0 + $1.points }) }
    /// 合格 needs no veto and 60 points or more.
    public var passes: Bool { score.map { $0 >= 60 } ?? false }
}
