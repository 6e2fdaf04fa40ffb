import Foundation

/// 站点可用性 from the monitor's probes of a home page: a probe fails when the page did not open
/// within the limit (15 s in the indicators). Over the last 7 days, a failure rate ≥ 5 % of at least
/// 20 spaced probes a day is the 站点无法访问 veto; ≥ 1 % costs points (the weight is UNVERIFIED).
public struct SiteAvailability: Sendable, Equatable {
    public struct Probe: Sendable, Equatable {
        public let at: Date
        public let ok: Bool
        public init(at: Date, ok: Bool) { self.at = at; self.ok = ok }
    }

    public struct Day: Sendable, Equatable {
        public let date: CivilDate
        public let probes: Int
        public let failures: Int
    }

    public let days: [Day]
    public let probes: Int
    public let failures: Int
    /// Failed probes of the window, newest first.
    public let failedAt: [Date]

    public static let vetoRate = 0.05
    public static let deductionRate = 0.01
    public static let probesPerDay = 20

    /// The 7 local days ending with `today` (days are counted in the site's time zone, so a probe at
    /// 23:59 and one at 00:01 fall on different days).
    public init(probes all: [Probe], today: CivilDate, utcOffsetSeconds: Int = 8 * 3600) {
        let first = today.adding(days: -6)
        func day(_ d: Date) -> CivilDate {
            CivilDate(dayNumber: Int(floor((d.timeIntervalSince1970 + Double(utcOffsetSeconds)) / 86_400)) + CivilDate(year: 1970, month: 1, day: 1)!.dayNumber)
        }
        var counts: [CivilDate: (Int, Int)] = [:]
        var failed: [Date] = []
        for p in all {
            let d = day(p.at)
            guard d >= first && d <= today else { continue }
            var c = counts[d] ?? (0, 0)
            c.0 += 1
            if !p.ok { c.1 += 1; failed.append(p.at) }
            counts[d] = c
        }
        days = (0..<7).map { k in
            let d = first.adding(days: k)
            return Day(date: d, probes: counts[d]?.0 ?? 0, failures: counts[d]?.1 ?? 0)
        }
        probes = days.reduce(0) { $0 + $1.probes }
        failures = days.reduce(0) { $0 + $1.failures }
        failedAt = failed.sorted(by: >)
    }

    public var failureRate: Double { probes == 0 ? 0 : Double(failures) / Double(probes) }
    /// Every finished day of the window had the probes the indicators ask for (today is still running).
    public var isFullyMonitored: Bool { days.dropLast().allSatisfy { $0.probes >= Self.probesPerDay } }
    public var isVeto: Bool { probes > 0 && failureRate >= Self.vetoRate }
    public var isDeduction: Bool { !isVeto && probes > 0 && failureRate >= Self.deductionRate }

    /// "3.2%" with one decimal.
    public var rateText: String { String(format: "%.1f%%", failureRate * 100) }
}
