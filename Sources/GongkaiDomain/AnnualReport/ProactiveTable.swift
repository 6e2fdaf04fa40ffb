/// Table 二 of the annual report (国办公开办函〔2021〕30号): 主动公开政府信息情况. The policy rows come
/// from the policy library; the rest are figures staff enter with their source.
public struct ProactiveTable: Sendable, Equatable {
    /// A 规章 or 行政规范性文件 as the library knows it.
    public struct PolicyRecord: Sendable {
        public let kind: InformationKind
        public let writtenOn: CivilDate
        /// The day it stopped being in force (废止 or 失效), if it has.
        public let endedOn: CivilDate?

        public init(kind: InformationKind, writtenOn: CivilDate, endedOn: CivilDate?) {
            self.kind = kind
            self.writtenOn = writtenOn
            self.endedOn = endedOn
        }
    }

    public struct PolicyRow: Sendable, Equatable {
        /// 本年制发件数
        public var issued = 0
        /// 本年废止件数
        public var repealed = 0
        /// 现行有效件数 (at the end of the year)
        public var inForce = 0
    }

    /// Figures the library cannot know: decisions counted by the licensing, penalty and enforcement
    /// systems, and fees collected (in 元; printed in 万元).
    public struct EnteredFigures: Sendable, Equatable, Codable {
        public var licensingDecisions = 0
        public var penaltyDecisions = 0
        public var enforcementDecisions = 0
        public var feesYuan = 0
        /// Where the figures come from (shown to reviewers, not printed).
        public var source = ""

        public init(licensingDecisions: Int = 0, penaltyDecisions: Int = 0, enforcementDecisions: Int = 0, feesYuan: Int = 0, source: String = "") {
            self.licensingDecisions = licensingDecisions
            self.penaltyDecisions = penaltyDecisions
            self.enforcementDecisions = enforcementDecisions
            self.feesYuan = feesYuan
            self.source = source
        }
    }

    public let year: Int
    public var regulations = PolicyRow()
    public var normativeDocuments = PolicyRow()
    public var entered: EnteredFigures

    public init(year: Int, policies: [PolicyRecord], entered: EnteredFigures) {
        self.year = year
        self.entered = entered
        let yearEnd = CivilDate(year: year, month: 12, day: 31)!
        for p in policies {
            var row = PolicyRow()
            if p.writtenOn.year == year { row.issued = 1 }
            if let e = p.endedOn, e.year == year { row.repealed = 1 }
            if p.writtenOn <= yearEnd && (p.endedOn.map { $0 > yearEnd } ?? true) { row.inForce = 1 }
            switch p.kind {
            case .regulation: regulations.add(row)
            case .normativeDocument: normativeDocuments.add(row)
            default: continue
            }
        }
    }

    /// 万元 with up to four decimals, as the format prints amounts ("0" for nothing).
    public static func wanYuan(_ yuan: Int) -> String {
        guard yuan != 0 else { return "0" }
        let whole = yuan / 10_000, rest = abs(yuan % 10_000)
        var decimals = String(rest)
        decimals = String(repeating: "0", count: 4 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return decimals.isEmpty ? "\(whole)" : "\(whole).\(decimals)"
    }

    /// The sum of several organisations' tables (consolidation).
    public static func sum(_ tables: [ProactiveTable], year: Int) -> ProactiveTable {
        var t = ProactiveTable(year: year, policies: [], entered: EnteredFigures())
        for x in tables {
            t.regulations.add(x.regulations)
            t.normativeDocuments.add(x.normativeDocuments)
            t.entered.licensingDecisions += x.entered.licensingDecisions
            t.entered.penaltyDecisions += x.entered.penaltyDecisions
            t.entered.enforcementDecisions += x.entered.enforcementDecisions
            t.entered.feesYuan += x.entered.feesYuan
        }
        return t
    }
}

extension ProactiveTable.PolicyRow {
    mutating func add(_ o: Self) {
        issued += o.issued
        repealed += o.repealed
        inForce += o.inForce
    }
}
