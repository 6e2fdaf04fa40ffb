import FluentKit
import Foundation
import GongkaiDomain

/// Read models of 政民互动 without HTTP: the public list, a public letter, the staff list with its
/// clocks, and the figures per organisation.
enum LetterQueries {
    /// The mailbox's public name: 县长信箱 for the county government, 镇长信箱 for a township, else the
    /// organisation's short name + 信箱.
    static func mailboxName(_ o: Organisation) -> String {
        switch o.kind {
        case .countyGovernment: return "县长信箱"
        case .townshipGovernment: return "\(o.shortName)长信箱"
        case .subdistrictOffice: return "\(o.shortName)主任信箱"
        default: return "\(o.shortName)信箱"
        }
    }

    struct PublicRow: Sendable {
        let number: String
        let subject: String
        let href: String
        let note: String
    }

    /// Published replies of public letters, newest first.
    static func publicLetters(_ services: AppServices, limit: Int) async throws -> [PublicRow] {
        let names = try await OrganisationQueries.activeNames(services)
        return try await Letter.query(on: services.db).filter(\.$isPublic == true).filter(\.$repliedOn != nil)
            .sort(\.$repliedOn, .descending).limit(limit).all()
            .filter { $0.isShownPublicly && names[$0.mailboxID] != nil }
            .map { l in
                PublicRow(number: l.number, subject: l.subject, href: "/hudong/letters/\(l.number)",
                          note: "\(l.kindValue.label) · \(names[l.handlingID] ?? "") · 答复于\(l.repliedOn ?? "")")
            }
    }

    /// A letter the public may read.
    static func publicLetter(_ number: String, on db: any Database) async throws -> Letter? {
        guard number.count <= 40, let l = try await Letter.query(on: db).filter(\.$number == number).first(), l.isShownPublicly,
              let org = try await Organisation.find(l.mailboxID, on: db), org.isActive else { return nil }
        return l
    }

    /// Figures for letters to or handled by `organisationIDs` received in `year`.
    struct Figures: Sendable, Equatable {
        let received: Int
        let replied: Int
        let repliedOnTime: Int
        let averageWorkingDays: String
        let rated: Int
        let satisfied: Int
        let open: Int
        /// Open letters by age: received within a month, one to three months ago, more than three months ago.
        let openWithinMonth: Int
        let openOneToThreeMonths: Int
        let overThreeMonths: Int
    }

    /// For the year, or one month of it when `month` is given (the dashboard's and the assessment's figures).
    static func figures(organisationIDs: [Int], year: Int, month: Int? = nil, today: CivilDate, calendar: WorkingCalendar,
                        on db: any Database) async throws -> Figures {
        figures(of: try await letters(organisationIDs: organisationIDs, year: year, month: month, on: db), today: today, calendar: calendar)
    }

    static func letters(organisationIDs: [Int], year: Int, month: Int?, on db: any Database) async throws -> [Letter] {
        guard !organisationIDs.isEmpty else { return [] }
        let from = CivilDate(year: year, month: month ?? 1, day: 1) ?? CivilDate(year: year, month: 1, day: 1)!
        let to = month == nil || month == 12 ? CivilDate(year: year + 1, month: 1, day: 1)! : CivilDate(year: year, month: from.month + 1, day: 1)!
        return try await Letter.query(on: db).group(.or) { $0.filter(\.$handlingID ~~ organisationIDs).filter(\.$mailboxID ~~ organisationIDs) }
            .filter(\.$receivedOn >= from.description).filter(\.$receivedOn < to.description).all()
    }

    static func figures(of letters: [Letter], today: CivilDate, calendar: WorkingCalendar) -> Figures {
        let replied = letters.filter { $0.repliedOn != nil }
        let onTime = replied.filter { ($0.repliedOn.flatMap(CivilDate.init(iso:)) ?? today) <= $0.due }
        let days = replied.compactMap { l in l.repliedOn.flatMap(CivilDate.init(iso:)).map { calendar.workingDays(after: l.received, through: $0).count } }
        let rated = letters.compactMap(\.ratingValue)
        let open = letters.filter { $0.stateValue.awaitsReply }
        let over = open.filter { if case .exceeded = LetterPeriods.watch(receivedOn: $0.received, today: today) { return true }; return false }
        let recent = open.filter { $0.received.adding(days: 30) >= today }
        let average = days.isEmpty ? "—" : String(format: "%.1f", Double(days.reduce(0, +)) / Double(days.count))
        return Figures(received: letters.count, replied: replied.count, repliedOnTime: onTime.count, averageWorkingDays: average,
                       rated: rated.count, satisfied: rated.filter(\.countsAsSatisfied).count, open: open.count,
                       openWithinMonth: recent.count, openOneToThreeMonths: open.count - recent.count - over.count, overThreeMonths: over.count)
    }
}

extension LetterQueries {
    /// Policies in force whose title matches the words, for a 政策咨询 to name the policy it asks about.
    static func policyChoices(_ query: SearchQuery, today: CivilDate, limit: Int, on db: any Database) async throws -> [InformationItem] {
        guard !query.isEmpty else { return [] }
        let all = try await ItemQueries.publicItems(on: db).filter(\.$kind ~~ InformationKind.allCases.filter(\.isPolicy).map(\.rawValue))
            .sort(\.$writtenOn, .descending).limit(5000).all()
        return Array(all.lazy.filter { !$0.currentValidity(today: today).isEnded }
            .filter { ParticipationSearch.matches(.init(title: $0.title, text: "", href: "", note: ""), query) }.prefix(limit))
    }

    /// The policy a letter may name: public, a policy, in force today.
    static func policy(_ raw: String, today: CivilDate, on db: any Database) async throws -> InformationItem? {
        guard let id = UUID(uuidString: raw), let i = try await ItemQueries.publicItems([id], on: db).first,
              i.kindValue.isPolicy, !i.currentValidity(today: today).isEnded else { return nil }
        return i
    }
}
