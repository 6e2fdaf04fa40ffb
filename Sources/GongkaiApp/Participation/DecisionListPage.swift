import FluentKit
import Foundation
import GongkaiDomain

/// A government's 重大行政决策事项目录 for a year as the public sees it (column section
/// 重大行政决策): the approved list, each matter's stage and materials, the change log and the
/// 预公开率 with the decisions behind it.
struct DecisionListPage: Sendable {
    struct Link: Sendable {
        let title: String
        let href: String
        let note: String
    }

    struct Row: Sendable {
        let anchor: String
        let position: Int
        let title: String
        let kind: String
        let undertaker: String
        let planned: String
        let methods: String
        let stage: String
        let stageSince: String?
        let removedReason: String?
        let links: [Link]
        let hasLinks: Bool
        let adoptionNote: String?
    }

    struct RateLine: Sendable {
        let title: String
        let met: Bool
        let note: String
    }

    let year: Int
    let years: [OptionItem]
    let isPublished: Bool
    let approval: String?
    let rows: [Row]
    let changes: [Link]
    let hasChanges: Bool
    let rate: String
    let rateCounted: Int
    let rateMet: Int
    let rateLines: [RateLine]
    let hasRateLines: Bool
    let notApplicable: Bool
    var matters: [MatterRow] = []
    var hasMatters = false

    struct MatterRow: Sendable {
        let matter: String
        let scope: String
        let methods: String
        let channels: String
        let timing: String
    }

    /// The years a list or events page offers: five back, this one and the next.
    static func yearOptions(thisYear: Int, selected year: Int) -> [OptionItem] {
        (max(2019, thisYear - 5)...thisYear + 1).reversed().map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) }
    }

    /// The decisions behind a 预公开率, each with its 审议 and comment dates.
    static func rateLines(_ rate: ParticipationRate<PrePublication.Decision>) -> [RateLine] {
        rate.counted.map { d in
            RateLine(title: d.title, met: rate.met.contains(d),
                     note: "审议：\(d.deliberatedOn?.chinese(withYear: true) ?? "")；"
                        + (d.commentOpenedOn.map { "公开征求意见：\($0.chinese(withYear: true))" } ?? "未公开征求意见"))
        }
    }

    static func matterRows(_ rows: [ParticipationMatter]) -> [MatterRow] {
        rows.map { MatterRow(matter: $0.matter, scope: $0.scope, methods: $0.methodLabels, channels: $0.channels, timing: $0.timing) }
    }

    static func build(_ services: AppServices, org: Organisation, year: Int) async throws -> DecisionListPage {
        var page = try await buildList(services, org: org, year: year)
        page.matters = matterRows(try await DecisionDesk(services: services).matters(of: org.requireID(), year: year, publishedOnly: true))
        page.hasMatters = !page.matters.isEmpty
        return page
    }

    static func buildList(_ services: AppServices, org: Organisation, year: Int) async throws -> DecisionListPage {
        let db = services.db
        let orgID = try org.requireID()
        let thisYear = services.clock.today().year
        let years = yearOptions(thisYear: thisYear, selected: year)
        let desk = DecisionDesk(services: services)
        guard let list = try await desk.list(of: orgID, year: year), list.isPublished else {
            return DecisionListPage(year: year, years: years, isPublished: false, approval: nil, rows: [], changes: [], hasChanges: false,
                                    rate: "—", rateCounted: 0, rateMet: 0, rateLines: [], hasRateLines: false, notApplicable: !org.kind.isAdministrativeOrgan)
        }
        let decisions = try await desk.decisions(in: list)
        let ids = decisions.compactMap(\.id)
        let materials = ids.isEmpty ? [] : try await DecisionMaterial.query(on: db).filter(\.$decisionID ~~ ids).all()
        let items = try await ItemQueries.publicItems(materials.map(\.itemID), on: db)
        let consultations = ids.isEmpty ? [] : try await Consultation.query(on: db).filter(\.$decisionID ~~ ids).filter(\.$publishedAt != nil).sort(\.$opensOn).all()
        // The hearings, 座谈会 and other events, and questionnaires held on the decision (announced ones).
        let events = ids.isEmpty ? [] : try await ParticipationEvent.query(on: db).filter(\.$decisionID ~~ ids).filter(\.$publishedAt != nil).sort(\.$startsOn).all()
        let surveys = ids.isEmpty ? [] : try await Survey.query(on: db).filter(\.$decisionID ~~ ids).filter(\.$publishedAt != nil).sort(\.$opensOn).all()
        let today = services.clock.today()
        var feedback: [UUID: InformationItem] = [:]
        for f in try await ItemQueries.publicItems(consultations.compactMap(\.feedbackItemID), on: db) { feedback[f.id!] = f }
        let rows = decisions.map { d -> Row in
            var links: [Link] = []
            for c in consultations where c.decisionID == d.id && c.phase(on: today) != .scheduled {
                links.append(Link(title: c.title, href: ParticipationQueries.href(c), note: "公开征求意见（\(ParticipationQueries.period(c))）"))
                if let f = c.feedbackItemID.flatMap({ feedback[$0] }) {
                    links.append(Link(title: f.title, href: ParticipationQueries.itemHref(f), note: "意见采纳情况反馈"))
                }
            }
            for e in events where e.decisionID == d.id {
                links.append(Link(title: e.title, href: EventPage.href(e), note: "\(e.kindValue.label)（\(e.day.chinese(withYear: true))）"))
            }
            for s in surveys where s.decisionID == d.id && (CivilDate(iso: s.opensOn).map { $0 <= today } ?? false) {
                links.append(Link(title: s.title, href: "/participation/surveys/\(s.id!.uuidString)", note: "问卷调查"))
            }
            for role in DecisionMaterial.Role.allCases {
                for m in materials where m.decisionID == d.id && m.role == role.rawValue {
                    if let i = items.first(where: { $0.id == m.itemID }) {
                        links.append(Link(title: i.title, href: ParticipationQueries.itemHref(i), note: role.label))
                    }
                }
            }
            let since = d.enteredDays[d.stageValue]
            return Row(anchor: "d-\(d.position)", position: d.position, title: d.title, kind: d.kindValue?.shortLabel ?? "",
                       undertaker: d.undertaker, planned: d.planned, methods: d.methodValues.map(\.label).joined(separator: "、"),
                       stage: d.stageValue.label, stageSince: since.map { $0.chinese(withYear: true) },
                       removedReason: d.removedReason, links: links, hasLinks: !links.isEmpty,
                       adoptionNote: d.stageValue >= .announced ? d.adoptionNote.nonEmpty : nil)
        }
        let changes = try await desk.changes(of: list).map { c in
            Link(title: c.text, href: "", note: CivilDate(iso: c.changedOn)?.chinese(withYear: true) ?? c.changedOn)
        }
        let rate = try await ParticipationQueries.prePublicationRate(organisationID: orgID, year: year, on: db)
        let lines = rateLines(rate)
        return DecisionListPage(year: year, years: years, isPublished: true, approval: list.approval.nonEmpty, rows: rows,
                                changes: changes, hasChanges: !changes.isEmpty, rate: rate.text, rateCounted: rate.denominator,
                                rateMet: rate.numerator, rateLines: lines, hasRateLines: !lines.isEmpty, notApplicable: false)
    }
}
