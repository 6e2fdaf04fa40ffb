import FluentKit
import Foundation
import GongkaiDomain

/// A month or a whole year; figures are taken through its last day or today, whichever is earlier.
struct IndicatorPeriod: Sendable, Equatable {
    let year: Int
    let month: Int?

    var start: CivilDate { CivilDate(year: year, month: month ?? 1, day: 1)! }
    var end: CivilDate {
        guard let month, month < 12 else { return CivilDate(year: year, month: 12, day: 31)! }
        return CivilDate(year: year, month: month + 1, day: 1)!.adding(days: -1)
    }
    func contains(_ d: CivilDate) -> Bool { d >= start && d <= end }
    var label: String { month.map { "\(year)年\($0)月" } ?? "\(year)年" }
}

/// One record behind an indicator: what was counted and whether it counts in the numerator.
struct IndicatorRecord: Sendable {
    let organisationID: Int
    let label: String
    let date: String
    /// nil for counts (every record counts).
    let met: Bool?
    let note: String
}

struct IndicatorResult: Sendable {
    let indicator: PlanIndicator
    let value: IndicatorValue
    let records: [IndicatorRecord]

    static func rate(_ indicator: PlanIndicator, _ records: [IndicatorRecord]) -> IndicatorResult {
        IndicatorResult(indicator: indicator, value: .ratio(records.filter { $0.met == true }.count, of: records.count), records: records)
    }
}

/// One query function per indicator, for a set of organisations and a period, each with the list
/// behind the number (issue 20). Each reads the records of the capability that owns them.
enum IndicatorQueries {
    static func compute(_ indicator: PlanIndicator, _ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        switch indicator {
        case .interpretation: return try await interpretation(s, organisations: organisations, period: period)
        case .preDisclosure: return try await preDisclosure(s, organisations: organisations, period: period)
        case .meetingOpenness: return try await meetingOpenness(s, organisations: organisations, period: period)
        case .applicationsOnTime: return try await applicationsOnTime(s, organisations: organisations, period: period)
        case .reviewCorrection: return try await reviewCorrection(s, organisations: organisations, period: period)
        case .lettersOnTime: return try await letters(s, organisations: organisations, period: period).onTime
        case .letterSatisfaction: return try await letters(s, organisations: organisations, period: period).satisfaction
        case .catalogueCoverage: return try await catalogueCoverage(s, organisations: organisations, period: period)
        case .catalogueTimeliness: return try await catalogueTimeliness(s, organisations: organisations, period: period)
        case .keyAreas: return try await keyAreas(s, organisations: organisations, period: period)
        case .openDays: return try await openDays(s, organisations: organisations, period: period)
        case .monitoringOpen: return try await monitoringOpen(s, organisations: organisations, period: period)
        }
    }

    static func through(_ s: AppServices, _ period: IndicatorPeriod) -> CivilDate { min(period.end, s.clock.today()) }

    /// The start of a day in China.
    static func midnight(_ day: CivilDate) -> Date { SiteClock.instant(day, hour: 0, minute: 0)! }

    /// Policies marked as needing interpretation, published in the period: interpreted on time when
    /// the interpretation was published no later than `interpretationWorkingDays` after the policy.
    static let interpretationWorkingDays = 3

    static func interpretation(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let calendar = try await CalendarStore(services: s).calendar()
        let policies = try await ItemQueries.publicItems(on: s.db).filter(\.$organisationID ~~ organisations).filter(\.$needsInterpretation == true).all()
            .filter { $0.publishedAt.map { period.contains(SiteClock.day(of: $0)) } ?? false }
        let ids = policies.compactMap(\.id)
        let interpretations = ids.isEmpty ? [] : try await InformationItem.query(on: s.db).filter(\.$interpretsID ~~ ids).filter(\.$status == "published").all()
        let limit = through(s, period)
        return .rate(.interpretation, policies.map { p in
            let day = SiteClock.day(of: p.publishedAt!)
            let due = calendar.addingWorkingDays(interpretationWorkingDays, after: day).date
            let first = interpretations.filter { $0.interpretsID == p.id }.compactMap { $0.publishedAt.map(SiteClock.day(of:)) }.min()
            let met = first.map { $0 <= due } ?? false
            let note = first.map { "解读发布于\($0)" } ?? (limit > due ? "无解读" : "解读期限未到（\(due)）")
            return IndicatorRecord(organisationID: p.organisationID, label: p.title, date: day.description, met: met, note: note)
        })
    }

    static func preDisclosure(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        var records: [IndicatorRecord] = []
        for org in organisations {
            let rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: period.year, on: s.db)
            for d in rate.counted where d.deliberatedOn.map(period.contains) ?? false {
                let met = rate.met.contains(d)
                records.append(IndicatorRecord(organisationID: org, label: d.title, date: d.deliberatedOn?.description ?? "", met: met,
                                               note: d.commentOpenedOn.map { "\($0)公开征求意见" } ?? "审议前未公开征求意见"))
            }
        }
        return .rate(.preDisclosure, records)
    }

    static func meetingOpenness(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        var records: [IndicatorRecord] = []
        for org in organisations {
            let rate = try await EventQueries.meetingRate(organisationID: org, year: period.year, through: through(s, period), on: s.db)
            for m in rate.counted where period.contains(m.heldOn) {
                let met = rate.met.contains(m)
                records.append(IndicatorRecord(organisationID: org, label: m.title, date: m.heldOn.description, met: met,
                                               note: met ? (m.streamed ? "直播" : "邀请列席") : "未公开会议过程"))
            }
        }
        return .rate(.meetingOpenness, records)
    }

    /// Applications decided in the period: on time when decided by the statutory due day.
    static func applicationsOnTime(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let desk = ApplicationDesk(services: s)
        var records: [IndicatorRecord] = []
        for a in try await InformationApplication.query(on: s.db).filter(\.$organisationID ~~ organisations)
            .filter(\.$decidedOn >= period.start.description).filter(\.$decidedOn <= period.end.description).all() {
            guard let decided = a.decidedOn.flatMap(CivilDate.init(iso:)) else { continue }
            let due = try await desk.dueDateBeforeDecision(for: a, events: try await desk.events(of: a))
            let met = due.map { decided <= $0 } ?? true
            records.append(IndicatorRecord(organisationID: a.organisationID, label: a.registrationNumber, date: decided.description, met: met,
                                           note: due.map { "答复期限\($0)" } ?? ""))
        }
        return .rate(.applicationsOnTime, records.sorted { $0.date < $1.date })
    }

    /// Reviews and lawsuits about applications concluded in the period; "met" here means corrected.
    static func reviewCorrection(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let apps = try await InformationApplication.query(on: s.db).filter(\.$organisationID ~~ organisations).all()
        let byID = Dictionary(uniqueKeysWithValues: apps.compactMap { a in a.id.map { ($0, a) } })
        guard !byID.isEmpty else { return .rate(.reviewCorrection, []) }
        let proceedings = try await ReviewProceeding.query(on: s.db).filter(\.$applicationID ~~ Array(byID.keys)).all()
            .filter { p in p.concludedOn.flatMap(CivilDate.init(iso:)).map(period.contains) ?? false }
        return .rate(.reviewCorrection, proceedings.compactMap { p in
            guard let a = byID[p.applicationID] else { return nil }
            let kind = ProceedingKind(rawValue: p.kind)?.label ?? p.kind
            return IndicatorRecord(organisationID: a.organisationID, label: "\(a.registrationNumber)（\(kind)）", date: p.concludedOn ?? "",
                                   met: p.result == "corrected", note: p.result == "corrected" ? "被纠错" : "未纠错")
        })
    }

    /// Letters received in the period: on time when replied by the due day (open letters past it
    /// count as late); satisfaction over the rated replies.
    static func letters(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> (onTime: IndicatorResult, satisfaction: IndicatorResult) {
        let letters = try await LetterQueries.letters(organisationIDs: organisations, year: period.year, month: period.month, on: s.db)
        let today = through(s, period)
        var timely: [IndicatorRecord] = [], rated: [IndicatorRecord] = []
        for l in letters {
            let replied = l.repliedOn.flatMap(CivilDate.init(iso:))
            if let replied {
                timely.append(IndicatorRecord(organisationID: l.handlingID, label: "\(l.number) \(l.subject)", date: l.receivedOn, met: replied <= l.due,
                                              note: "\(replied)答复，期限\(l.due)"))
            } else if l.stateValue.awaitsReply && l.due < today {
                timely.append(IndicatorRecord(organisationID: l.handlingID, label: "\(l.number) \(l.subject)", date: l.receivedOn, met: false,
                                              note: "逾期未答复，期限\(l.due)"))
            }
            if let r = l.ratingValue {
                rated.append(IndicatorRecord(organisationID: l.handlingID, label: "\(l.number) \(l.subject)", date: l.receivedOn,
                                             met: r.countsAsSatisfied, note: r.label))
            }
        }
        return (.rate(.lettersOnTime, timely), .rate(.letterSatisfaction, rated))
    }

    /// The 主动 rows of the units' standard catalogues as of the period's end: covered when
    /// something was ever published under them.
    static func catalogueCoverage(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let orgs = try await Organisation.query(on: s.db).filter(\.$id ~~ organisations).all()
        var records: [IndicatorRecord] = []
        for (orgID, rows) in try await CoverageQueries.coverage(organisations: orgs, services: s, today: through(s, period)) {
            for r in rows {
                records.append(IndicatorRecord(organisationID: orgID, label: "\(r.row.level1)／\(r.row.level2)：\(r.row.content.prefix(40))",
                                               date: r.assessment.lastPublished?.description ?? "", met: r.assessment.status != .never,
                                               note: r.assessment.status.label))
            }
        }
        return .rate(.catalogueCoverage, records.sorted { ($0.organisationID, $0.label) < ($1.organisationID, $1.label) })
    }

    /// 主动 items published in the period: on time within 20 working days of being formed (Art. 26).
    static func catalogueTimeliness(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let calendar = try await CalendarStore(services: s).calendar()
        let items = try await ItemQueries.publicItems(on: s.db).filter(\.$organisationID ~~ organisations)
            .filter(\.$publishedAt >= midnight(period.start)).filter(\.$publishedAt < midnight(period.end.adding(days: 1))).all()
        return .rate(.catalogueTimeliness, items.map { i in
            let late = PublishingAdminRoutes.isLate(i, calendar)
            return IndicatorRecord(organisationID: i.organisationID, label: i.title, date: SiteClock.day(of: i.publishedAt!).description,
                                   met: !late, note: "形成于\(i.formedOn)" + (late ? "，超过20个工作日" : ""))
        })
    }

    /// The 重点领域 of the 条例第二十条 columns: budgets, major projects, procurement, livelihood
    /// policies, emergencies, supervision, fees and plans.
    static let keyAreaColumns: Set<String> = ["czyjs", "zdxm", "zfcg", "msxx", "yjgl", "jdjc", "xzsf", "ghxx"]

    /// Items of the key areas formed in the period: public once published.
    static func keyAreas(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let items = try await InformationItem.query(on: s.db).filter(\.$organisationID ~~ organisations).filter(\.$columns != "")
            .filter(\.$formedOn >= period.start.description).filter(\.$formedOn <= period.end.description)
            .filter(\.$status != "withdrawn").all()
            .filter { $0.attributeValue == .proactive && !keyAreaColumns.isDisjoint(with: $0.columnKeys) }
        return .rate(.keyAreas, items.map { i in
            IndicatorRecord(organisationID: i.organisationID, label: i.title, date: i.formedOn, met: i.isPublic,
                            note: i.isPublic ? "已公开" : "未公开（\(i.state.label)）")
        })
    }

    static func openDays(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let last = through(s, period)
        let events = try await ParticipationEvent.query(on: s.db).filter(\.$organisationID ~~ organisations)
            .filter(\.$kind == EventKind.openDay.rawValue).filter(\.$publishedAt != nil)
            .filter(\.$startsOn >= period.start.description).filter(\.$startsOn <= period.end.description).all()
            .filter { $0.day <= last }
        let records = events.map { IndicatorRecord(organisationID: $0.organisationID, label: $0.title, date: $0.startsOn, met: nil, note: "") }
        return IndicatorResult(indicator: .openDays, value: .count(records.count), records: records)
    }

    /// Problems found by the site monitoring and not resolved by the period's end.
    static func monitoringOpen(_ s: AppServices, organisations: [Int], period: IndicatorPeriod) async throws -> IndicatorResult {
        let endOfPeriod = midnight(through(s, period).adding(days: 1))
        let problems = try await MonitorProblem.query(on: s.db).filter(\.$organisationID ~~ organisations)
            .filter(\.$firstSeenAt < endOfPeriod).all()
            .filter { p in p.resolvedAt.map { $0 >= endOfPeriod } ?? (p.status != "resolved") }
        let records = problems.map { p in
            IndicatorRecord(organisationID: p.organisationID, label: (InspectionProblemKind(rawValue: p.kind)?.label ?? p.kind) + "：" + (p.detail.isEmpty ? p.target : p.detail),
                            date: SiteClock.day(of: p.firstSeenAt).description, met: nil, note: p.pageURL)
        }
        return IndicatorResult(indicator: .monitoringOpen, value: .count(records.count), records: records)
    }
}
