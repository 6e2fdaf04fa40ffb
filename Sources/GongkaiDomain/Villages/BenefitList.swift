import Foundation

/// A 惠农补贴 or 救助 list: who receives how much and on what basis, by village. Names and ID numbers
/// are masked on the way in, so the full data is never stored in the public list; a township's
/// list "to villages" shows each village its own rows.
public struct BenefitList: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The village's short name as written (matched to the village sections).
        public let village: String
        public let name: String
        public let idNumber: String
        public let amount: Money
        public let basis: String
    }

    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public var total: Money { rows.map(\.amount).reduce(.zero, +) }

    /// The rows of one village, in order.
    public func rows(of village: String) -> [Row] { rows.filter { $0.village == village } }

    public var villages: [String] {
        var seen = Set<String>()
        return rows.map(\.village).filter { seen.insert($0).inserted }
    }

    /// One row per line: "村 | 姓名 | 身份证号 | 金额 | 依据" (the ID number may be empty). Names and
    /// numbers are masked here; a number that is not a valid 身份证号 is refused rather than shown.
    public static func parse(_ text: String, villages: Set<String>, preset: IDMaskPreset) -> Result<BenefitList, Problem> {
        var out: [Row] = []
        for (n, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 5 else { return .failure(Problem(message: "第\(n + 1)行应有5项，用“|”分隔：村 | 姓名 | 身份证号 | 金额 | 依据")) }
            guard villages.contains(f[0]) else {
                return .failure(Problem(message: "第\(n + 1)行的“\(f[0].prefix(20))”不是本乡镇的村（社区）：\(villages.sorted().joined(separator: "、"))"))
            }
            guard !f[1].isEmpty, f[1].count <= 20 else { return .failure(Problem(message: "第\(n + 1)行的姓名应为1至20个字")) }
            var id = ""
            if !f[2].isEmpty {
                guard let number = try? ResidentIDNumber(validating: f[2]) else { return .failure(Problem(message: "第\(n + 1)行的身份证号不正确")) }
                id = number.masked(preset)
            }
            guard let amount = Money(parsing: f[3]), amount.fen > 0 else { return .failure(Problem(message: "第\(n + 1)行的金额应为大于0的数字，最多两位小数")) }
            guard !f[4].isEmpty, f[4].count <= 100 else { return .failure(Problem(message: "第\(n + 1)行请写明发放依据（100字以内）")) }
            out.append(Row(village: f[0], name: Masking.name(f[1]), idNumber: id, amount: amount, basis: f[4]))
        }
        guard !out.isEmpty else { return .failure(Problem(message: "请至少填写一行")) }
        guard out.count <= 2000 else { return .failure(Problem(message: "一份名单最多2000行")) }
        return .success(BenefitList(rows: out))
    }

    public struct Problem: Error, Equatable, Sendable {
        public let message: String
    }

    /// The stored form: one masked row per line, the same "|" format.
    public var stored: String {
        rows.map { [$0.village, $0.name, $0.idNumber, $0.amount.description.replacingOccurrences(of: ",", with: ""), $0.basis].joined(separator: " | ") }
            .joined(separator: "\n")
    }

    public init?(stored: String) {
        var out: [Row] = []
        for line in stored.split(whereSeparator: \.isNewline) {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 5, let amount = Money(parsing: f[3]) else { return nil }
            out.append(Row(village: f[0], name: f[1], idNumber: f[2], amount: amount, basis: f[4]))
        }
        rows = out
    }

    /// The rows as an escaped HTML table (for one village, or all with the village column).
    public func html(village: String? = nil) -> String {
        let shown = village.map(rows(of:)) ?? rows
        var out = "<table><thead><tr>" + (village == nil ? "<th scope=\"col\">村（社区）</th>" : "")
            + "<th scope=\"col\">姓名</th><th scope=\"col\">身份证号</th><th scope=\"col\">金额（元）</th><th scope=\"col\">依据</th></tr></thead><tbody>"
        for r in shown {
            out += "<tr>" + (village == nil ? "<td>\(HTMLText.escape(r.village))</td>" : "")
                + "<td>\(HTMLText.escape(r.name))</td><td>\(HTMLText.escape(r.idNumber))</td><td>\(r.amount)</td><td>\(HTMLText.escape(r.basis))</td></tr>"
        }
        let sum = shown.map(\.amount).reduce(.zero, +)
        out += "<tr><th scope=\"row\" colspan=\"\(village == nil ? 3 : 2)\">合计（\(shown.count)户）</th><td>\(sum)</td><td></td></tr></tbody></table>"
        return out
    }
}
