/// The county's reply periods per kind, in working days on the holiday calendar, and the clocks
/// that follow from them: the due date, "due soon", and the national inspection's three-month limit
/// for an unanswered message (国办秘函〔2019〕19号 "互动回应差", law.md §5).
public struct LetterPeriods: Sendable, Equatable {
    public private(set) var days: [LetterKind: Int]

    public static let standard = LetterPeriods(days: Dictionary(uniqueKeysWithValues: LetterKind.allCases.map { ($0, $0.defaultWorkingDays) }))

    public init(days: [LetterKind: Int]) {
        var d = days
        for k in LetterKind.allCases where d[k] == nil { d[k] = k.defaultWorkingDays }
        self.days = d
    }

    public func workingDays(for kind: LetterKind) -> Int { days[kind] ?? kind.defaultWorkingDays }

    /// "咨询=5,建议=15": the kinds named by their Chinese label, 1–60 working days each; the others keep
    /// their defaults. Errors in Chinese.
    public static func parse(_ raw: String) -> Result<LetterPeriods, LetterPeriodsError> {
        var d: [LetterKind: Int] = [:]
        for part in raw.split(whereSeparator: { $0 == "," || $0 == "，" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pair.count == 2, let kind = LetterKind.allCases.first(where: { $0.label == pair[0] }) else {
                return .failure(.init(message: "无法识别“\(part.prefix(20))”：应写成“咨询=5,建议=15”，类别为咨询、政策咨询、建议、投诉、求助"))
            }
            guard pair[1].count <= 2, pair[1].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(pair[1]), (1...60).contains(n) else {
                return .failure(.init(message: "“\(kind.label)”的答复期限应为1到60个工作日"))
            }
            d[kind] = n
        }
        return .success(LetterPeriods(days: d))
    }

    /// The day a letter received on `receivedOn` must be answered by.
    public func due(_ kind: LetterKind, receivedOn: CivilDate, calendar: WorkingCalendar) -> WorkingCalendar.Reckoning {
        calendar.addingWorkingDays(workingDays(for: kind), after: receivedOn)
    }

    /// The inspection's limit: three calendar months after receipt (the same day number, or the
    /// month's last day when it has none).
    public static func inspectionLimit(receivedOn: CivilDate) -> CivilDate {
        var y = receivedOn.year, m = receivedOn.month + 3
        if m > 12 { m -= 12; y += 1 }
        var d = receivedOn.day
        while CivilDate(year: y, month: m, day: d) == nil { d -= 1 }
        return CivilDate(year: y, month: m, day: d)!
    }

    /// Where an unanswered letter stands against the inspection's limit on `today`.
    public enum Watch: Sendable, Equatable {
        case clear
        /// Within `daysLeft` calendar days of the limit (the county watch list).
        case approaching(daysLeft: Int)
        case exceeded(days: Int)
    }

    public static func watch(receivedOn: CivilDate, today: CivilDate, warnDays: Int = 30) -> Watch {
        let limit = inspectionLimit(receivedOn: receivedOn)
        let left = limit.dayNumber - today.dayNumber
        if left < 0 { return .exceeded(days: -left) }
        return left <= warnDays ? .approaching(daysLeft: left) : .clear
    }
}

public struct LetterPeriodsError: Error, Sendable, Equatable {
    public let message: String
}
