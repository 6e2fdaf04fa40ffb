/// A service place's opening hours, written as lines:
///
///     工作日 09:00-12:00 14:00-17:30
///     周六 09:00-12:00
///
/// "工作日" follows the holiday calendar (open on 调休 Saturdays and Sundays, closed on statutory
/// holidays); "周六" / "周日" are extra hours on those days when they are not working days and not
/// holidays (a place open on Saturdays is closed on a Saturday within 国庆). Days not named are closed.
public struct OpeningHours: Sendable, Equatable, Codable {
    public struct Span: Sendable, Equatable, Codable, CustomStringConvertible {
        public let from: Int   // minutes after midnight
        public let to: Int
        public var description: String { "\(fromText)-\(toText)" }
        public var fromText: String { Self.clock(from) }
        public var toText: String { Self.clock(to) }
        static func clock(_ m: Int) -> String { (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)" }
    }

    public var workingDays: [Span] = []
    public var saturday: [Span] = []
    public var sunday: [Span] = []

    public init() {}

    public var text: String {
        [("工作日", workingDays), ("周六", saturday), ("周日", sunday)].filter { !$0.1.isEmpty }
            .map { "\($0.0) " + $0.1.map(\.description).joined(separator: " ") }.joined(separator: "\n")
    }

    public static func parse(_ raw: String) -> (OpeningHours?, [String]) {
        var h = OpeningHours()
        var errors: [String] = []
        let lines = raw.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return (nil, ["请填写开放时间，如“工作日 09:00-12:00 14:00-17:30”"]) }
        for (n, line) in lines.enumerated() {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "　" || $0 == "，" || $0 == "," }).map(String.init)
            guard let day = parts.first, ["工作日", "周六", "周日"].contains(day), parts.count >= 2 else {
                errors.append("开放时间第\(n + 1)行：应以“工作日”“周六”或“周日”开头，后接时段，如“工作日 09:00-12:00”"); continue
            }
            var spans: [Span] = []
            for p in parts.dropFirst() {
                guard let s = span(p) else { errors.append("开放时间第\(n + 1)行：时段“\(p.prefix(20))”应写成“09:00-12:00”"); continue }
                if let last = spans.last, s.from < last.to { errors.append("开放时间第\(n + 1)行：时段应按先后顺序且不重叠"); continue }
                spans.append(s)
            }
            switch day {
            case "工作日": h.workingDays = spans
            case "周六": h.saturday = spans
            default: h.sunday = spans
            }
        }
        return errors.isEmpty ? (h, []) : (nil, errors)
    }

    static func span(_ raw: String) -> Span? {
        let ends = raw.replacingOccurrences(of: "—", with: "-").replacingOccurrences(of: "–", with: "-").split(separator: "-")
        guard ends.count == 2, let a = minutes(String(ends[0])), let b = minutes(String(ends[1])), a < b else { return nil }
        return Span(from: a, to: b)
    }

    static func minutes(_ raw: String) -> Int? {
        let hm = raw.replacingOccurrences(of: "：", with: ":").split(separator: ":")
        guard hm.count == 2, hm[0].count <= 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0...59).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    /// The spans open on `day`: working-day hours on working days (调休 weekend days included);
    /// Saturday or Sunday hours on an ordinary weekend day; nothing on a holiday.
    public func spans(on day: CivilDate, calendar: WorkingCalendar) -> [Span] {
        if calendar.isWorkingDay(day) { return workingDays }
        if calendar.schedule.entries[day]?.kind == .holiday { return [] }
        switch day.weekday {
        case 6: return saturday
        case 7: return sunday
        default: return []
        }
    }

    public enum Today: Equatable, Sendable {
        case openNow(until: Span)
        case opensLater(Span)
        case closedForTheDay
        case closedToday(holiday: String?)
    }

    /// "今日是否开放" at `minute` (after midnight) on `day`.
    public func today(_ day: CivilDate, minute: Int, calendar: WorkingCalendar) -> Today {
        let spans = self.spans(on: day, calendar: calendar)
        guard !spans.isEmpty else {
            let entry = calendar.schedule.entries[day]
            return .closedToday(holiday: entry?.kind == .holiday ? entry?.name : nil)
        }
        if let s = spans.first(where: { $0.from <= minute && minute < $0.to }) { return .openNow(until: s) }
        if let s = spans.first(where: { $0.from > minute }) { return .opensLater(s) }
        return .closedForTheDay
    }
}
