/// The State Council's holiday arrangements: statutory days off and the weekend days declared
/// working days (调休), for the years it covers.
public struct HolidaySchedule: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case holiday
        case workday
    }

    public struct Entry: Sendable, Equatable {
        public let date: CivilDate
        public let kind: Kind
        /// The festival, e.g. 春节, 国庆节.
        public let name: String

        public init(date: CivilDate, kind: Kind, name: String) {
            self.date = date
            self.kind = kind
            self.name = name
        }
    }

    public private(set) var entries: [CivilDate: Entry] = [:]
    /// Years whose arrangements are known; outside them only weekends are known.
    public private(set) var years: Set<Int> = []

    public init() {}

    public init(entries: [Entry]) {
        for e in entries { add(e) }
    }

    public mutating func add(_ e: Entry) {
        entries[e.date] = e
        years.insert(e.date.year)
    }

    /// Adds (or replaces) a whole year.
    public mutating func replaceYear(_ year: Int, with newEntries: [Entry]) {
        entries = entries.filter { $0.key.year != year }
        years.remove(year)
        for e in newEntries where e.date.year == year { add(e) }
        years.insert(year)
    }

    public struct ParseProblem: Equatable, Sendable {
        public let line: Int
        public let message: String
    }

    public struct ParseFailure: Error, Equatable, Sendable {
        public let problems: [ParseProblem]
    }

    /// Parses `date,kind,name` lines (header optional). Kinds: holiday/workday or 休/班.
    /// Every problem is reported with its line number, in Chinese; nothing is accepted if any line is bad.
    public static func parseCSV(_ text: String) -> Result<HolidaySchedule, ParseFailure> {
        var problems: [ParseProblem] = []
        var entries: [Entry] = []
        var seen: Set<CivilDate> = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (i, raw) in lines.enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || (i == 0 && line.lowercased().hasPrefix("date")) { continue }
            let cols = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard cols.count >= 2 else {
                problems.append(.init(line: i + 1, message: "第\(i + 1)行：应为“日期,类型,名称”三列"))
                continue
            }
            guard let date = CivilDate(iso: cols[0]) else {
                problems.append(.init(line: i + 1, message: "第\(i + 1)行：日期“\(cols[0])”无效，应为如 2027-01-01 的格式"))
                continue
            }
            let kind: Kind
            switch cols[1].lowercased() {
            case "holiday", "休", "放假": kind = .holiday
            case "workday", "班", "上班", "调休上班": kind = .workday
            default:
                problems.append(.init(line: i + 1, message: "第\(i + 1)行：类型“\(cols[1])”无效，应为 holiday（放假）或 workday（调休上班）"))
                continue
            }
            if kind == .workday && !date.isWeekend {
                problems.append(.init(line: i + 1, message: "第\(i + 1)行：\(date) 本来就是工作日，不能登记为调休上班日"))
                continue
            }
            if !seen.insert(date).inserted {
                problems.append(.init(line: i + 1, message: "第\(i + 1)行：日期 \(date) 重复"))
                continue
            }
            entries.append(Entry(date: date, kind: kind, name: cols.count > 2 ? cols[2] : ""))
        }
        return problems.isEmpty ? .success(HolidaySchedule(entries: entries)) : .failure(ParseFailure(problems: problems))
    }
}
