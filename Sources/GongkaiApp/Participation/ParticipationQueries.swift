import FluentKit
import Foundation
import GongkaiDomain

/// Read models of public participation, without HTTP (tested directly): the 参与 overview, one
/// consultation as the public sees it, a government's decision list, and the 预公开率.
enum ParticipationQueries {
    struct ConsultationRow: Sendable {
        let title: String
        let href: String
        let organisation: String
        let period: String
        let phase: String
        /// "还剩N天" while open.
        let daysLeft: String?
        let feedbackHref: String?
    }

    struct Overview: Sendable {
        let open: [ConsultationRow]
        let upcoming: [ConsultationRow]
        let closed: [ConsultationRow]
        let governments: [(name: String, href: String)]
    }

    static func period(_ c: Consultation) -> String {
        "\(c.opens.chinese(withYear: true))至\(c.closes.chinese(withYear: true))"
    }

    static func href(_ c: Consultation) -> String { "/participation/consultations/\(c.id?.uuidString ?? "")" }

    /// The published feedback item of a consultation, if it is public.
    static func publicFeedback(_ c: Consultation, on db: any Database) async throws -> InformationItem? {
        guard let id = c.feedbackItemID else { return nil }
        return try await ItemQueries.publicItems([id], on: db).first
    }

    static func itemHref(_ i: InformationItem) -> String { "/xxgk/\(i.organisationID)/content/\(i.id?.uuidString ?? "")" }

    static func rows(_ list: [Consultation], today: CivilDate, names: [Int: String], on db: any Database) async throws -> [ConsultationRow] {
        let feedbackIDs = list.compactMap(\.feedbackItemID)
        let published = try await ItemQueries.publicItems(feedbackIDs, on: db)
        return list.map { c in
            let phase = c.phase(on: today)
            let feedback = c.feedbackItemID.flatMap { id in published.first { $0.id == id } }
            return ConsultationRow(title: c.title, href: href(c), organisation: names[c.organisationID] ?? "", period: period(c),
                                   phase: phase.label,
                                   daysLeft: phase == .open ? "还剩\(ConsultationPhase.daysLeft(on: today, closesOn: c.closes))天" : nil,
                                   feedbackHref: feedback.map(itemHref))
        }
    }

    static func overview(_ services: AppServices, closedLimit: Int = 20) async throws -> Overview {
        let db = services.db
        let today = services.clock.today().description
        let orgs = try await Organisation.query(on: db).filter(\.$isActive == true).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let active = Set(names.keys)
        let current = try await Consultation.query(on: db).filter(\.$publishedAt != nil).filter(\.$closesOn >= today).sort(\.$closesOn).all()
            .filter { active.contains($0.organisationID) }
        let closed = try await Consultation.query(on: db).filter(\.$publishedAt != nil).filter(\.$closesOn < today).sort(\.$closesOn, .descending)
            .limit(closedLimit).all().filter { active.contains($0.organisationID) }
        let day = services.clock.today()
        let lists = try await DecisionList.query(on: db).filter(\.$publishedAt != nil).all()
        let governments = Set(lists.map(\.organisationID)).compactMap { id in names[id].map { (id, $0) } }
            .sorted { $0.0 < $1.0 }.map { (name: $0.1, href: "/xxgk/\($0.0)/decisions") }
        return Overview(open: try await rows(current.filter { $0.phase(on: day) == .open }, today: day, names: names, on: db),
                        upcoming: try await rows(current.filter { $0.phase(on: day) == .scheduled }, today: day, names: names, on: db),
                        closed: try await rows(closed, today: day, names: names, on: db),
                        governments: governments)
    }

    /// A consultation the public may see: its organisation is active and it has opened.
    static func publicConsultation(_ raw: String, services: AppServices) async throws -> Consultation? {
        guard let id = UUID(uuidString: raw), let c = try await Consultation.find(id, on: services.db),
              c.phase(on: services.clock.today()) != .scheduled,
              let org = try await Organisation.find(c.organisationID, on: services.db), org.isActive else { return nil }
        return c
    }

    /// Comments shown publicly: approved only, name and personal data masked.
    struct PublicComment: Sendable {
        let name: String
        let date: String
        let section: String?
        let text: String
    }

    static func publicComments(of c: Consultation, on db: any Database) async throws -> [PublicComment] {
        let approved = try await ConsultationComment.query(on: db).filter(\.$consultationID == c.requireID())
            .filter(\.$moderation == CommentModeration.approved.rawValue).sort(\.$submittedAt).all()
        return approved.map { m in
            let text = masked(m.text)
            return PublicComment(name: m.name.isEmpty ? "匿名" : Masking.name(m.name), date: SiteClock.day(of: m.submittedAt).chinese(withYear: true),
                                 section: m.sectionLabel, text: text)
        }
    }

    /// Public text with ID, mobile and bank card numbers masked.
    static func masked(_ text: String) -> String {
        ContentChecker.maskPersonalData(in: text, findings: PersonalDataScanner().scan(text, source: "意见"))
    }

    // MARK: Decisions

    /// 预公开率 of one government for a year, from its decisions (taken-off ones excluded): a decision
    /// was pre-published from its first published consultation or the publication of its linked
    /// 决策草案, whichever came first — entering the stage by hand alone proves nothing.
    static func prePublicationRate(organisationID: Int, year: Int, on db: any Database) async throws -> ParticipationRate<PrePublication.Decision> {
        let decisions = try await Decision.query(on: db).filter(\.$organisationID == organisationID).all().filter { $0.removedReason == nil }
        let ids = decisions.compactMap(\.id)
        let consultations = ids.isEmpty ? [] : try await Consultation.query(on: db).filter(\.$decisionID ~~ ids).filter(\.$publishedAt != nil).all()
        let drafts = ids.isEmpty ? [] : try await DecisionMaterial.query(on: db).filter(\.$decisionID ~~ ids)
            .filter(\.$role == DecisionMaterial.Role.draft.rawValue).all()
        let draftItems = try await ItemQueries.publicItems(drafts.map(\.itemID), on: db)
        let entries = decisions.map { d in
            let draftDays = drafts.filter { $0.decisionID == d.id }.compactMap { m in
                draftItems.first { $0.id == m.itemID }?.publishedAt.map(SiteClock.day(of:))
            }
            let opened = (consultations.filter { $0.decisionID == d.id }.map(\.opens) + draftDays).min()
            return PrePublication.Decision(title: d.title, commentOpenedOn: opened, deliberatedOn: d.enteredDays[.deliberation])
        }
        return PrePublication.rate(entries, year: year)
    }
}
