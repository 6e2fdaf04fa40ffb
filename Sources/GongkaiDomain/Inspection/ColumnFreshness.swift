/// Whether a column is kept up to date, by its class (2017 普查 classes, 2019 thresholds):
/// 动态要闻类 within 2 weeks, 通知公告、政策文件类 within 6 months; other columns are only checked for
/// being blank (no content since they opened). The limits are configurable.
public struct ColumnFreshness: Sendable, Equatable {
    public enum ColumnClass: String, Sendable, CaseIterable {
        case news, notices, other

        public var label: String {
            switch self {
            case .news: return "动态要闻类"
            case .notices: return "通知公告、政策文件类"
            case .other: return "其他栏目"
            }
        }
    }

    public var newsDays: Int
    public var noticeDays: Int

    public init(newsDays: Int = 14, noticeDays: Int = 183) {
        self.newsDays = newsDays
        self.noticeDays = noticeDays
    }

    /// The class of a column from its name (本地要闻, 部门动态, 工作进展 … / 通知公告, 公示公告, 政策, 规范性文件 …).
    public static func classify(_ name: String) -> ColumnClass {
        if ["要闻", "动态", "工作进展", "新闻"].contains(where: name.contains) { return .news }
        if ["通知", "公告", "公示", "政策", "规范性文件", "文件"].contains(where: name.contains) { return .notices }
        return .other
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let lastPublished: CivilDate?
        public init(name: String, lastPublished: CivilDate?) {
            self.name = name
            self.lastPublished = lastPublished
        }
    }

    public enum Verdict: Sendable, Equatable {
        case fresh
        case blank
        /// Last update and the allowed days.
        case stale(CivilDate, Int)
    }

    public func verdict(_ c: Column, today: CivilDate) -> Verdict {
        guard let last = c.lastPublished else { return .blank }
        let limit: Int
        switch Self.classify(c.name) {
        case .news: limit = newsDays
        case .notices: limit = noticeDays
        case .other: return .fresh
        }
        return today.dayNumber - last.dayNumber > limit ? .stale(last, limit) : .fresh
    }

    /// The home page is not updated when nothing on it is newer than the news limit (2 weeks); a
    /// home page without any date counts as not updated.
    public func homepageIsStale(newest: CivilDate?, today: CivilDate) -> Bool {
        guard let newest else { return true }
        return today.dayNumber - newest.dayNumber > newsDays
    }

    /// Dates written in a page's text (2026-11-30, 2026/11/30, 2026年11月30日), at most `limit` read;
    /// dates after `today` are ignored (a future date proves nothing).
    public static func dates(in text: String, today: CivilDate, limit: Int = 500) -> [CivilDate] {
        var out: [CivilDate] = []
        let s = Array(text.unicodeScalars)
        var i = 0
        func number(_ from: Int, _ maxLen: Int) -> (Int, Int)? {
            var j = from, v = 0
            while j < s.count, j - from < maxLen, (48...57).contains(s[j].value) { v = v * 10 + Int(s[j].value - 48); j += 1 }
            return j == from ? nil : (v, j)
        }
        while i < s.count && out.count < limit {
            guard let (y, j) = number(i, 4), j - i == 4, (2000...2100).contains(y), j < s.count,
                  ["-", "/", ".", "年"].contains(s[j]) else { i += 1; continue }
            let sep = s[j]
            guard let (m, k) = number(j + 1, 2), k < s.count, s[k] == (sep == "年" ? "月" : sep),
                  let (d, e) = number(k + 1, 2), let date = CivilDate(year: y, month: m, day: d) else { i = j; continue }
            if date <= today { out.append(date) }
            i = e
        }
        return out
    }
}
