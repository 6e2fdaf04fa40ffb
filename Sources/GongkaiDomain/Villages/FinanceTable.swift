import Foundation

/// A village's 财务公开 table for a month or quarter: opening balance, income and expense lines,
/// closing balance — checked to add up before it can be published.
public struct FinanceTable: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public let item: String
        public let amount: Money

        public init(item: String, amount: Money) {
            self.item = item
            self.amount = amount
        }
    }

    public enum Period: Equatable, Sendable {
        case month(year: Int, month: Int)
        case quarter(year: Int, quarter: Int)

        public var label: String {
            switch self {
            case .month(let y, let m): return "\(y)年\(m)月"
            case .quarter(let y, let q): return "\(y)年第\(["一", "二", "三", "四"][q - 1])季度"
            }
        }

        /// "2026-Q3" or "2026-09".
        public var key: String {
            switch self {
            case .month(let y, let m): return String(format: "%04d-%02d", y, m)
            case .quarter(let y, let q): return "\(y)-Q\(q)"
            }
        }

        public init?(key: String) {
            let parts = key.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), (2000...2100).contains(y) else { return nil }
            if parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q) { self = .quarter(year: y, quarter: q); return }
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            self = .month(year: y, month: m)
        }
    }

    public let period: Period
    public let opening: Money
    public let income: [Line]
    public let expense: [Line]
    public let closing: Money

    public init(period: Period, opening: Money, income: [Line], expense: [Line], closing: Money) {
        self.period = period
        self.opening = opening
        self.income = income
        self.expense = expense
        self.closing = closing
    }

    public var totalIncome: Money { income.map(\.amount).reduce(.zero, +) }
    public var totalExpense: Money { expense.map(\.amount).reduce(.zero, +) }
    /// What the closing balance should be.
    public var computedClosing: Money { opening + totalIncome - totalExpense }

    /// Lines written one per row as "项目 金额" or "项目 | 金额" (the last field is the amount).
    public static func parseLines(_ text: String, label: String) -> Result<[Line], Problem> {
        var out: [Line] = []
        for (n, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let row = raw.trimmingCharacters(in: .whitespaces)
            guard !row.isEmpty else { continue }
            let cut = row.lastIndex(where: { $0 == "|" || $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
            guard let cut else { return .failure(Problem(field: label, message: "第\(n + 1)行应为“项目 金额”，如“上级转移支付 50000.00”")) }
            let item = row[..<cut].trimmingCharacters(in: CharacterSet(charactersIn: " |\u{3000}\t"))
            guard !item.isEmpty, item.count <= 60 else { return .failure(Problem(field: label, message: "第\(n + 1)行的项目名称应为1至60个字")) }
            guard let amount = Money(parsing: String(row[row.index(after: cut)...])), amount.fen >= 0 else {
                return .failure(Problem(field: label, message: "第\(n + 1)行的金额应为不小于0的数字，最多两位小数"))
            }
            out.append(Line(item: item, amount: amount))
        }
        guard out.count <= 100 else { return .failure(Problem(field: label, message: "最多100行")) }
        return .success(out)
    }

    public struct Problem: Error, Equatable, Sendable {
        public let field: String
        public let message: String
    }

    /// The table from the form's fields, or the problems by field (Chinese). The balances must add up.
    public static func parse(period: String, opening: String, income: String, expense: String, closing: String) -> (FinanceTable?, [String: String]) {
        var e: [String: String] = [:]
        let p = Period(key: period.trimmingCharacters(in: .whitespaces))
        if p == nil { e["period"] = "请选择公开期间（月度或季度）" }
        let o = Money(parsing: opening)
        if o == nil { e["opening"] = "请填写期初余额，如 12345.67" }
        let c = Money(parsing: closing)
        if c == nil { e["closing"] = "请填写期末余额，如 12345.67" }
        var inc: [Line] = [], exp: [Line] = []
        switch parseLines(income, label: "income") { case .success(let l): inc = l; case .failure(let f): e["income"] = f.message }
        switch parseLines(expense, label: "expense") { case .success(let l): exp = l; case .failure(let f): e["expense"] = f.message }
        if inc.isEmpty && exp.isEmpty && e["income"] == nil && e["expense"] == nil { e["income"] = "请至少填写一行收入或支出（没有发生也请写“无 0”）" }
        guard e.isEmpty, let p, let o, let c else { return (nil, e) }
        let table = FinanceTable(period: p, opening: o, income: inc, expense: exp, closing: c)
        if table.computedClosing != c {
            e["closing"] = "收支不平：期初\(o)元＋收入\(table.totalIncome)元－支出\(table.totalExpense)元＝\(table.computedClosing)元，与填写的期末余额\(c)元不符"
            return (nil, e)
        }
        return (table, [:])
    }

    /// The published table: escaped HTML, amounts right-aligned, totals and the check line.
    public var html: String {
        func esc(_ s: String) -> String { HTMLText.escape(s) }
        var out = "<table><caption>\(esc(period.label))村级财务收支公开表（单位：元）</caption>"
        out += "<thead><tr><th scope=\"col\">项目</th><th scope=\"col\">金额</th></tr></thead><tbody>"
        out += "<tr><th scope=\"row\">期初余额</th><td>\(opening)</td></tr>"
        out += "<tr><th scope=\"row\" colspan=\"2\">一、收入</th></tr>"
        for l in income { out += "<tr><td>\(esc(l.item))</td><td>\(l.amount)</td></tr>" }
        out += "<tr><th scope=\"row\">收入合计</th><td>\(totalIncome)</td></tr>"
        out += "<tr><th scope=\"row\" colspan=\"2\">二、支出</th></tr>"
        for l in expense { out += "<tr><td>\(esc(l.item))</td><td>\(l.amount)</td></tr>" }
        out += "<tr><th scope=\"row\">支出合计</th><td>\(totalExpense)</td></tr>"
        out += "<tr><th scope=\"row\">期末余额</th><td>\(closing)</td></tr></tbody></table>"
        return out
    }
}
