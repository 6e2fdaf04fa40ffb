/// 政策解读日 (seed 003, 定远): each month a plan of themes made by the end of the month before,
/// each theme interpreted by the department that drafted the policy ("谁起草谁解读"), with its
/// audience, form, channel and date; citizens and enterprises propose themes and support them (点菜).
public enum InterpretationDay {
    public struct Theme: Sendable, Equatable {
        public var title = ""
        /// The drafting department that interprets it.
        public var interpreter = ""
        public var audience = ""
        public var form = ""
        public var channel = ""
        public var heldOn = CivilDate(year: 2000, month: 1, day: 1)!

        public init() {}
    }

    public static let forms = ["现场解读", "线上直播", "政策宣讲会", "新闻发布会", "入企入村解读", "访谈节目"]

    /// The plan for a month is due by the last day of the month before.
    public static func planDeadline(year: Int, month: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: 1)!.adding(days: -1)
    }

    /// Whether a plan published on `day` was in time for its month.
    public static func isOnTime(publishedOn day: CivilDate, year: Int, month: Int) -> Bool {
        day <= planDeadline(year: year, month: month)
    }

    /// What keeps a month's plan from being published (Chinese), given the themes entered.
    public static func problems(_ themes: [Theme], year: Int, month: Int, minimumThemes: Int) -> [String] {
        var out: [String] = []
        if themes.count < minimumThemes { out.append("每月应安排\(minimumThemes)个解读主题，目前\(themes.count)个") }
        for t in themes where t.heldOn.year != year || t.heldOn.month != month {
            out.append("“\(t.title)”的解读日期不在\(year)年\(month)月")
        }
        return out
    }

    public static func parseTheme(_ value: (String) -> String, year: Int, month: Int) -> (Theme, [String: String]) {
        var t = Theme()
        var e: [String: String] = [:]
        t.title = value("title").trimmingSpaces()
        if t.title.isEmpty { e["title"] = "请填写解读主题" } else if t.title.count > 100 { e["title"] = "主题不能超过100个字" }
        t.interpreter = value("interpreter").trimmingSpaces()
        if t.interpreter.isEmpty { e["interpreter"] = "请填写解读单位（谁起草谁解读）" } else if t.interpreter.count > 100 { e["interpreter"] = "解读单位不能超过100个字" }
        t.audience = value("audience").trimmingSpaces()
        if t.audience.isEmpty { e["audience"] = "请填写面向对象，如“企业”“老年人”" } else if t.audience.count > 100 { e["audience"] = "面向对象不能超过100个字" }
        t.form = value("form").trimmingSpaces()
        if !forms.contains(t.form) { e["form"] = "请选择解读形式" }
        t.channel = value("channel").trimmingSpaces()
        if t.channel.isEmpty { e["channel"] = "请填写解读渠道或地点" } else if t.channel.count > 200 { e["channel"] = "渠道不能超过200个字" }
        if let d = CivilDate(iso: value("held_on").trimmingSpaces()) {
            t.heldOn = d
            if d.year != year || d.month != month { e["held_on"] = "解读日期应在\(year)年\(month)月" }
        } else {
            e["held_on"] = "请填写解读日期，格式如 2026-11-18"
        }
        return (t, e)
    }
}
