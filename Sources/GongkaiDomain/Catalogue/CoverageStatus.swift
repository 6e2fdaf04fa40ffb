/// Whether a 主动 catalogue item is really published: 正常 / 即将到期 / 超期未公开 / 从未公开.
public enum CoverageStatus: String, Sendable, CaseIterable, Codable {
    case ok = "ok"
    case dueSoon = "due_soon"
    case overdue = "overdue"
    case never = "never"

    public var label: String {
        switch self {
        case .ok: return "正常"
        case .dueSoon: return "即将到期"
        case .overdue: return "超期未公开"
        case .never: return "从未公开"
        }
    }

    public struct Assessment: Sendable, Equatable {
        public let status: CoverageStatus
        public let lastPublished: CivilDate?
        /// For periodic items: the date the next publication is expected.
        public let nextDue: CivilDate?
        /// Linked publications that came after their Art. 26 limit.
        public let latePublications: Int
    }

    /// `publications`: dates of the public items linked to the catalogue item, with whether each
    /// was late against its own limit. Periodic items are due again a period after the last one;
    /// event-driven ones (N working days from formation, 及时, 实时) are judged by their history.
    public static func assess(_ limit: PublicationTimeLimit, publications: [(published: CivilDate, late: Bool)],
                              today: CivilDate, soonDays: Int = 7) -> Assessment {
        let last = publications.map(\.published).max()
        let late = publications.filter(\.late).count
        guard let l = last else { return Assessment(status: .never, lastPublished: nil, nextDue: nil, latePublications: 0) }
        if let due = limit.nextDue(after: l) {
            let status: CoverageStatus = today > due ? .overdue : today.adding(days: soonDays) >= due ? .dueSoon : .ok
            return Assessment(status: status, lastPublished: l, nextDue: due, latePublications: late)
        }
        return Assessment(status: .ok, lastPublished: l, nextDue: nil, latePublications: late)
    }
}
