import FluentKit
import Foundation
import GongkaiDomain

/// Read-side queries over applications, independent of HTTP.
enum ApplicationQueries {
    struct CaseDeadline: Sendable {
        let application: InformationApplication
        let deadline: ReplyDeadline?
        /// The clock the case runs against now (reply, 补正, consultation, payment or confirmation).
        let clock: CaseClock?
        /// Working days left after today until the clock's due date (negative past it); nil without one.
        let workingDaysLeft: Int?
    }

    /// Applications to, or assigned to, the given organisations, newest first, each with its deadline
    /// as of `today`.
    static func cases(organisationIDs orgIDs: [Int], openOnly: Bool, services: AppServices,
                      today: CivilDate? = nil, limit: Int = 500) async throws -> [CaseDeadline] {
        let today = today ?? services.clock.today()
        let db = services.db
        var q = InformationApplication.query(on: db).group(.or) {
            $0.filter(\.$organisationID ~~ orgIDs).filter(\.$handlingOrganisationID ~~ orgIDs)
        }
        if openOnly { q = q.filter(\.$status ~~ ApplicationStatus.allCases.filter(\.isOpen).map(\.rawValue)) }
        let apps = try await q.sort(\.$submittedAt, .descending).limit(limit).all()
        let ids = apps.compactMap(\.id)
        let events = try await ApplicationEvent.query(on: db).filter(\.$applicationID ~~ ids).sort(\.$sequence).all()
        let byCase = Dictionary(grouping: events, by: \.applicationID)
        let calendar = try await CalendarStore(services: services).calendar()
        return apps.map { a in
            let evs = byCase[a.id!] ?? []
            let d = try? ReplyDeadline.derive(events: ApplicationDesk.deadlineEvents(evs), calendar: calendar, today: today)
            let clock = ApplicationDesk.clock(of: a, deadline: d, events: evs, calendar: calendar)
            var left: Int?
            if let due = clock?.dueDate {
                left = due >= today ? calendar.workingDays(after: today, through: due).count
                    : -calendar.workingDays(after: due, through: today).count
            }
            return CaseDeadline(application: a, deadline: d, clock: clock, workingDaysLeft: left)
        }
    }

    /// The due-soon and overdue lists (per organisation, and for the county for those who cover it).
    enum DueFilter: String, Sendable {
        case soon, overdue

        static let soonWorkingDays = 5

        func matches(_ c: CaseDeadline, today: CivilDate) -> Bool {
            guard c.application.statusValue.isOpen, let due = c.clock?.dueDate, let left = c.workingDaysLeft else { return false }
            switch self {
            case .overdue: return due < today
            case .soon: return due >= today && left <= Self.soonWorkingDays
            }
        }

        var label: String { self == .soon ? "\(Self.soonWorkingDays)个工作日内到期" : "已超期" }
    }

    struct Related: Sendable {
        let application: InformationApplication
        let similarity: Double
    }

    /// Earlier applications by the same applicant (same identity document) to organisations the viewer
    /// covers, most similar first: helps spot repeats (（五）2, Art. 36(六)) and bulk applications (Art. 35).
    static func related(to a: InformationApplication, visibleTo policy: AccessPolicy, roles: Set<StaffRole>,
                        on db: any Database, limit: Int = 10) async throws -> [Related] {
        let orgIDs = try await OrganisationQueries.tree(visibleTo: policy, roles: roles, on: db).compactMap { $0.node.id }
        let others = try await InformationApplication.query(on: db).filter(\.$idNumber == a.idNumber)
            .group(.or) { $0.filter(\.$organisationID ~~ orgIDs).filter(\.$handlingOrganisationID ~~ orgIDs) }
            .filter(\.$id != a.id!).all()
        return others.filter { $0.submittedAt <= a.submittedAt }
            .map { Related(application: $0, similarity: TextSimilarity.jaccard($0.description, a.description)) }
            .sorted { $0.similarity > $1.similarity }
            .prefix(limit).map { $0 }
    }

    /// The case records of organisations for the annual report's table 三 (confirmed receipts only).
    static func tableRecords(organisationIDs: [Int], on db: any Database) async throws -> [ApplicationTable.CaseRecord] {
        try await InformationApplication.query(on: db).filter(\.$organisationID ~~ organisationIDs).all().compactMap { a in
            guard let received = a.receiptDate.flatMap(CivilDate.init(iso:)) else { return nil }
            return ApplicationTable.CaseRecord(applicantKind: a.kindValue, received: received,
                                               decided: a.decidedOn.flatMap(CivilDate.init(iso:)),
                                               outcome: a.outcome.flatMap(ReplyOutcome.init(rawValue:)))
        }
    }

    /// The 复议/诉讼 records of organisations' cases for the annual report's table 四.
    static func reviewRecords(organisationIDs: [Int], on db: any Database) async throws -> [ReviewTable.Record] {
        let ids = try await InformationApplication.query(on: db).filter(\.$organisationID ~~ organisationIDs).all().compactMap(\.id)
        return try await ReviewProceeding.query(on: db).filter(\.$applicationID ~~ ids).all().compactMap(\.record)
    }
}
