/// When a unit's annual report for `year` is due (条例 Art. 49). Departments of a county government:
/// 1月31日 of the next year. The county government's report (published by its office): 3月31日.
/// Townships and 街道办事处 are not named in Art. 49: the county sets their date, so it is a setting
/// (`townshipDue`, default 3月31日), the same for both — a 街道 is the county's agency for an area,
/// like a township, not a functional department.
public struct AnnualReportDeadline: Sendable, Equatable {
    public var townshipMonth: Int
    public var townshipDay: Int

    public init(townshipMonth: Int = 3, townshipDay: Int = 31) {
        self.townshipMonth = townshipMonth
        self.townshipDay = townshipDay
    }

    /// "MM-DD", e.g. "02-20"; nil when it is not a date of a non-leap year.
    public init?(townshipDue text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let m = Int(parts[0]), let d = Int(parts[1]), CivilDate(year: 2025, month: m, day: d) != nil else { return nil }
        self.init(townshipMonth: m, townshipDay: d)
    }

    public func due(for kind: OrganisationKind, year: Int) -> CivilDate {
        switch kind {
        case .countyGovernment: return CivilDate(year: year + 1, month: 3, day: 31)!
        case .townshipGovernment, .subdistrictOffice: return CivilDate(year: year + 1, month: townshipMonth, day: townshipDay)!
        default: return CivilDate(year: year + 1, month: 1, day: 31)!
        }
    }
}
