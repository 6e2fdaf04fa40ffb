import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// One event of the 舆情回应台账: its clocks, what was published, the promises and their results,
/// with the forms the office uses to record each.
enum OpinionPage {
    struct Check: Sendable {
        let what: String
        let due: String
        let outcome: String
        let late: Bool
    }

    struct ResponseRow: Sendable {
        let at: String
        let kind: String
        let channel: String
        let summary: String
        let href: String?
        let linkText: String
    }

    struct CommitmentRow: Sendable {
        let id: String
        let key: String
        let what: String
        let unit: String
        let due: String
        let state: String
        let overdue: Bool
        let done: String?
        let result: ResponseRow?
        let canComplete: Bool
        let canPublish: Bool
        /// What went wrong with this commitment's last form, shown beside it.
        let error: String?
    }

    struct View: Sendable {
        let chrome: PageChrome
        let summary: String
        let facts: [DecisionListPage.Link]
        let checks: [Check]
        let responses: [ResponseRow]
        let hasResponses: Bool
        let commitments: [CommitmentRow]
        let hasCommitments: Bool
        let canEdit: Bool
        let isOpen: Bool
        let kinds: [OptionItem]
        let channels: [OptionItem]
        let units: [OptionItem]
        let values: [String: String]
        /// Field messages of the 登记回应 and 登记承诺 forms (only the form that was sent).
        let respondErrors: [String: String]
        let commitErrors: [String: String]
        let error: String?
    }

    static func event(_ context: AppRequestContext, _ services: AppServices) async throws -> OpinionEvent {
        guard let id = context.parameters.get("opinion", as: UUID.self), let e = try await OpinionEvent.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return e
    }

    static func render(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                       values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let e = try await event(context, services)
        let db = services.db
        let entry = try await OpinionQueries.entries([e], now: services.clock.now(), limits: services.config.opinionLimits, on: db)[0]
        let orgs = try await Organisation.query(on: db).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let itemIDs = entry.responses.compactMap(\.itemID) + entry.commitments.compactMap(\.resultItemID)
        let items = try await ItemQueries.publicItems(itemIDs, on: db)
        func evidence(_ itemID: UUID?, _ url: String) -> (String?, String) {
            if let i = items.first(where: { $0.id == itemID }) { return (ParticipationQueries.itemHref(i), i.title) }
            return url.isEmpty ? (nil, "") : (url, url)
        }
        let office = orgs.first { $0.id == e.officeID }
        let canEdit = office.map { auth.staff.policy.allows(OpinionRoutes.editors, ancestry: $0.ancestry.ids) } ?? false
            || (orgs.first { $0.id == e.organisationID }.map { auth.staff.policy.allows(OpinionRoutes.editors, ancestry: $0.ancestry.ids) } ?? false)
        let today = services.clock.today()
        let isOpen = e.closedOn == nil
        let units = orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan && $0.ancestry.ids.contains(e.officeID) }
        let view = View(
            chrome: AdminChrome.make(services, context, title: "舆情回应台账", path: "/admin/opinions", notice: AdminChrome.notice(request)),
            summary: e.summary,
            facts: [("发现时间", SiteClock.timeText(e.knownAt)), ("来源", e.source), ("主题分类", e.topic), ("级别", e.levelValue.label),
                    ("责任单位", names[e.organisationID] ?? ""), ("登记单位", names[e.officeID] ?? ""),
                    ("状态", e.closedOn.map { "已办结（\($0)）" } ?? "跟踪中")].map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) },
            checks: entry.checks.map { c in
                var outcome = c.label
                switch c.outcome {
                case .onTime(let at), .late(let at): outcome += "（\(SiteClock.timeText(at).prefix(16))）"
                case .pending, .missed: break
                }
                return Check(what: c.what, due: String(SiteClock.timeText(c.due).prefix(16)), outcome: outcome, late: c.isLateOrMissed)
            },
            responses: entry.responses.map { r in
                let (href, text) = evidence(r.itemID, r.url)
                return ResponseRow(at: String(SiteClock.timeText(r.at).prefix(16)), kind: r.kindValue.label, channel: r.channel, summary: r.summary,
                                   href: href, linkText: text)
            },
            hasResponses: !entry.responses.isEmpty,
            commitments: entry.commitments.map { c in
                let (href, text) = evidence(c.resultItemID, c.resultURL)
                let overdue = c.stateValue.isOverdue(due: c.due, today: today)
                return CommitmentRow(id: c.id!.uuidString, key: String(c.id!.uuidString.prefix(8)), what: c.what, unit: names[c.organisationID] ?? "",
                                     due: c.due.chinese(withYear: true), state: overdue ? "已逾期未办结" : c.stateValue.label, overdue: overdue,
                                     done: c.doneOn.map { "\($0) 办结：\(c.doneNote)" },
                                     result: href.map { ResponseRow(at: "", kind: "", channel: "", summary: "", href: $0, linkText: text) },
                                     canComplete: canEdit && c.stateValue == .open, canPublish: canEdit && c.stateValue == .done,
                                     error: values["commitment"] == c.id?.uuidString ? errors.values.sorted().joined(separator: "；").nonEmpty : nil)
            },
            hasCommitments: !entry.commitments.isEmpty,
            canEdit: canEdit && isOpen, isOpen: isOpen,
            kinds: OpinionResponseKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: values["kind"] == $0.rawValue) },
            channels: OpinionDesk.channels.map { OptionItem(value: $0, label: $0, selected: values["channel"] == $0) },
            units: units.map { OptionItem(value: String($0.id!), label: $0.name, selected: (values["commitment_organisation"] ?? String(e.organisationID)) == String($0.id!)) },
            values: values, respondErrors: values["action"] == "respond" ? errors : [:], commitErrors: values["action"] == "commit" ? errors : [:],
            error: ["respond", "commit", "complete", "publish_result"].contains(values["action"] ?? "") ? nil : errors["action"])
        return services.templates.page("admin-opinion", view, status: status)
    }
}
