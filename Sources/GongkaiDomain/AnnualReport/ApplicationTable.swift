/// Table 三 of the annual report (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号), computed
/// from case records: one column per applicant kind plus 总计; rows 一, 二, every outcome leaf row,
/// （七）总计 and 四.
public struct ApplicationTable: Sendable, Equatable {
    /// What the table needs of one case.
    public struct CaseRecord: Sendable {
        public let applicantKind: ApplicantKind
        /// Receipt date (Art. 31); cases never confirmed as received are not counted.
        public let received: CivilDate
        public let decided: CivilDate?
        public let outcome: ReplyOutcome?

        public init(applicantKind: ApplicantKind, received: CivilDate, decided: CivilDate?, outcome: ReplyOutcome?) {
            self.applicantKind = applicantKind
            self.received = received
            self.decided = decided
            self.outcome = outcome
        }
    }

    public enum Row: Hashable, Sendable {
        case newThisYear
        case carriedOver
        case outcome(ReplyOutcome)
        case decidedTotal
        case carriedForward

        public var label: String {
            switch self {
            case .newThisYear: return "一、本年新收政府信息公开申请数量"
            case .carriedOver: return "二、上年结转政府信息公开申请数量"
            case .outcome(let o): return o.rowLabel
            case .decidedTotal: return "（七）总计"
            case .carriedForward: return "四、结转下年度继续办理"
            }
        }

        /// All rows in the order the national format prints them.
        public static let all: [Row] = [.newThisYear, .carriedOver] + ReplyOutcome.allCases.map { .outcome($0) }
            + [.decidedTotal, .carriedForward]
    }

    public let year: Int
    /// counts[row][kind]; the 总计 column is `total(_:)`.
    public private(set) var counts: [Row: [ApplicantKind: Int]] = [:]

    public func count(_ row: Row, _ kind: ApplicantKind) -> Int { counts[row]?[kind] ?? 0 }
    public func total(_ row: Row) -> Int { ApplicantKind.allCases.reduce(0) { $0 + count(row, $1) } }

    /// Builds the table; cases decided in a later year, or not yet decided, are carried forward.
    public init(year: Int, cases: [CaseRecord]) {
        self.year = year
        func add(_ row: Row, _ kind: ApplicantKind) { counts[row, default: [:]][kind, default: 0] += 1 }
        for c in cases {
            let receivedBefore = c.received.year < year
            let receivedThisYear = c.received.year == year
            let decidedYear = c.decided?.year
            guard receivedBefore || receivedThisYear else { continue }
            // Decided before this year: belongs to an earlier report only.
            if let y = decidedYear, y < year { continue }
            if receivedThisYear { add(.newThisYear, c.applicantKind) } else { add(.carriedOver, c.applicantKind) }
            if decidedYear == year, let o = c.outcome {
                add(.outcome(o), c.applicantKind)
                add(.decidedTotal, c.applicantKind)
            } else {
                add(.carriedForward, c.applicantKind)
            }
        }
    }

    /// Changes one cell (tests of the checks only).
    mutating func tamper(_ row: Row, _ kind: ApplicantKind, by n: Int) { counts[row, default: [:]][kind, default: 0] += n }

    /// The cell-by-cell sum of several organisations' tables (consolidation).
    public static func sum(_ tables: [ApplicationTable], year: Int) -> ApplicationTable {
        var t = ApplicationTable(year: year, cases: [])
        for x in tables {
            for (row, byKind) in x.counts { for (kind, n) in byKind { t.counts[row, default: [:]][kind, default: 0] += n } }
        }
        return t
    }

    /// 四 of last year's report should equal 二 of this one, column by column; the differences, in Chinese.
    public func carryOverProblems(lastYear: ApplicationTable) -> [String] {
        ApplicantKind.allCases.compactMap { k in
            let before = lastYear.count(.carriedForward, k), now = count(.carriedOver, k)
            return before == now ? nil : "“\(k.label)”列：上年报告“四、结转下年度继续办理”为\(before)，本年“二、上年结转”为\(now)，请说明差异"
        }
    }

    /// Every column must satisfy 一 + 二 = 三(七) + 四 (printed in the format's header), and (七) must
    /// be the sum of the outcome rows above it.
    public var balanceProblems: [String] {
        let sums: [String] = ApplicantKind.allCases.compactMap { k in
            let rows = ReplyOutcome.allCases.reduce(0) { $0 + count(.outcome($1), k) }
            return rows == count(.decidedTotal, k) ? nil : "“\(k.label)”列：（七）总计（\(count(.decidedTotal, k))）不等于（一）至（六）各行之和（\(rows)）"
        }
        return sums + ApplicantKind.allCases.compactMap { k in
            let lhs = count(.newThisYear, k) + count(.carriedOver, k)
            let rhs = count(.decidedTotal, k) + count(.carriedForward, k)
            return lhs == rhs ? nil : "“\(k.label)”列：一（\(count(.newThisYear, k))）+ 二（\(count(.carriedOver, k))）不等于 三（七）（\(count(.decidedTotal, k))）+ 四（\(count(.carriedForward, k))）"
        }
    }
}
