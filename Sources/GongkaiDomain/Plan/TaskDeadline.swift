/// The 时限要求 (or 工作计划) of a plan's task, read in the phrasings of the seeds: "年底前", "10月底前",
/// "2023 年 8 月底前完成…", "6月30日前", "上半年", "第三季度", "持续推进"/"长期坚持", "每季度"/"每月".
/// A month without a year belongs to the plan's year.
public enum TaskDeadline: Sendable, Equatable {
    /// Due on that day.
    case by(CivilDate)
    /// Ongoing work without a date (持续推进); checked at the 回头看.
    case continuous
    /// Recurring: every month or quarter, the first due at the end of the current period.
    case monthly
    case quarterly

    public var label: String {
        switch self {
        case .by(let d): return d.chinese(withYear: true) + "前"
        case .continuous: return "持续推进"
        case .monthly: return "每月"
        case .quarterly: return "每季度"
        }
    }

    /// The next day the task is due on or after `today` (nil for ongoing work).
    public func due(after today: CivilDate) -> CivilDate? {
        switch self {
        case .by(let d): return d
        case .continuous: return nil
        case .monthly:
            let next = today.month == 12 ? CivilDate(year: today.year + 1, month: 1, day: 1)! : CivilDate(year: today.year, month: today.month + 1, day: 1)!
            return next.adding(days: -1)
        case .quarterly:
            let endMonth = ((today.month - 1) / 3 + 1) * 3
            let next = endMonth == 12 ? CivilDate(year: today.year + 1, month: 1, day: 1)! : CivilDate(year: today.year, month: endMonth + 1, day: 1)!
            return next.adding(days: -1)
        }
    }

    /// nil when the text names no deadline the table can mean.
    public static func parse(_ cell: String, planYear: Int) -> TaskDeadline? {
        let t = String(cell.filter { !$0.isWhitespace })
        guard !t.isEmpty else { return nil }
        if ["持续推进", "长期坚持", "长期", "持续开展", "常态化"].contains(where: t.contains) { return .continuous }
        if t.contains("每季度") || t.contains("按季度") { return .quarterly }
        if t.contains("每月") || t.contains("按月") { return .monthly }
        let digits = Array(t.unicodeScalars)
        func number(at i: Int) -> (Int, Int)? {
            var j = i, v = 0
            while j < digits.count, (48...57).contains(digits[j].value), j - i < 4 { v = v * 10 + Int(digits[j].value - 48); j += 1 }
            return j == i ? nil : (v, j)
        }
        // "2023年8月底前", "8月底前", "6月30日前", "2023年9月30日前".
        var i = 0
        while i < digits.count {
            guard let (first, j) = number(at: i) else { i += 1; continue }
            var year = planYear, month: Int, k: Int
            if j < digits.count, digits[j] == "年", (2000...2100).contains(first), let (m, k2) = number(at: j + 1), k2 < digits.count, digits[k2] == "月" {
                year = first; month = m; k = k2
            } else if j < digits.count, digits[j] == "月" {
                month = first; k = j
            } else { i = j; continue }
            guard (1...12).contains(month) else { return nil }
            // "…月30日前": that day; "…月中旬": the 20th; otherwise ("底前", "前", "完成"): the month's last day.
            if let (day, e) = number(at: k + 1), e < digits.count, digits[e] == "日" {
                return CivilDate(year: year, month: month, day: day).map(TaskDeadline.by)
            }
            let after = String(String.UnicodeScalarView(digits[(k + 1)...]))
            if after.hasPrefix("上旬") { return .by(CivilDate(year: year, month: month, day: 10)!) }
            if after.hasPrefix("中旬") { return .by(CivilDate(year: year, month: month, day: 20)!) }
            return .by(CivilDate(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)!.adding(days: -1))
        }
        if t.contains("年底") || t.contains("年末") || t.contains("全年") { return .by(CivilDate(year: planYear, month: 12, day: 31)!) }
        if t.contains("上半年") { return .by(CivilDate(year: planYear, month: 6, day: 30)!) }
        if t.contains("下半年") { return .by(CivilDate(year: planYear, month: 12, day: 31)!) }
        for (name, month) in [("第一季度", 3), ("一季度", 3), ("第二季度", 6), ("二季度", 6), ("第三季度", 9), ("三季度", 9), ("第四季度", 12), ("四季度", 12)] where t.contains(name) {
            return .by(CivilDate(year: planYear, month: month, day: [3: 31, 6: 30, 9: 30, 12: 31][month]!)!)
        }
        return nil
    }
}
