/// Administrative review (行政复议) and litigation (行政诉讼) over disclosure decisions, and table 四
/// of the annual report built from them.
public enum ProceedingKind: String, CaseIterable, Codable, Sendable {
    case administrativeReview = "review"
    case litigationDirect = "litigation_direct"
    case litigationAfterReview = "litigation_after_review"

    public var label: String {
        switch self {
        case .administrativeReview: return "行政复议"
        case .litigationDirect: return "行政诉讼（未经复议直接起诉）"
        case .litigationAfterReview: return "行政诉讼（复议后起诉）"
        }
    }
}

public enum ProceedingResult: String, CaseIterable, Codable, Sendable {
    case upheld, corrected, other, pending

    public var label: String {
        switch self {
        case .upheld: return "结果维持"
        case .corrected: return "结果纠正"
        case .other: return "其他结果"
        case .pending: return "尚未审结"
        }
    }
}

public struct ReviewTable: Sendable, Equatable {
    public struct Record: Sendable {
        public let kind: ProceedingKind
        public let filed: CivilDate
        public let concluded: CivilDate?
        /// The result once concluded (never `.pending`).
        public let result: ProceedingResult?

        public init(kind: ProceedingKind, filed: CivilDate, concluded: CivilDate?, result: ProceedingResult?) {
            self.kind = kind
            self.filed = filed
            self.concluded = concluded
            self.result = result
        }
    }

    public let year: Int
    private var cells: [ProceedingKind: [ProceedingResult: Int]] = [:]

    /// Counts proceedings filed in `year`, with their result as it stood at the year's end: one
    /// concluded later is 尚未审结. (How reports count cases filed in earlier years is not settled by
    /// the format; this reading is Gongkai's and is stated on the report page.)
    public init(year: Int, records: [Record]) {
        self.year = year
        for r in records where r.filed.year == year {
            let result: ProceedingResult
            if let c = r.concluded, c.year == year, let res = r.result, res != .pending { result = res } else { result = .pending }
            cells[r.kind, default: [:]][result, default: 0] += 1
        }
    }

    public func count(_ kind: ProceedingKind, _ result: ProceedingResult) -> Int { cells[kind]?[result] ?? 0 }

    /// The cell-by-cell sum of several organisations' tables (consolidation).
    public static func sum(_ tables: [ReviewTable], year: Int) -> ReviewTable {
        var t = ReviewTable(year: year, records: [])
        for x in tables {
            for (kind, byResult) in x.cells { for (r, n) in byResult { t.cells[kind, default: [:]][r, default: 0] += n } }
        }
        return t
    }
    public func total(_ kind: ProceedingKind) -> Int { ProceedingResult.allCases.reduce(0) { $0 + count(kind, $1) } }
}
