import FluentKit
import Foundation
import GongkaiDomain

/// The public page of one event (query → view model), with its sign-up form while it is open.
struct EventPage: Sendable {
    struct Form: Sendable {
        let action: String
        let fields: [FieldView]
        let categories: [OptionItem]
        let hasCategories: Bool
        let categoryError: String?
        let hasErrors: Bool
        let errorList: [String]
    }

    var chrome: PageChrome
    let title: String
    let kind: String
    let organisation: ConsultationPage.Link
    let when: String
    let place: String
    let description: [String]
    let selectionMethod: String?
    let capacity: String?
    let registrationNote: String?
    let streamURL: String?
    let participants: [String]
    let hasParticipants: Bool
    let recordLabel: String
    let record: [String]
    let hasRecord: Bool
    let recordConfirmed: Bool
    let summary: ConsultationPage.Link?
    let decision: ConsultationPage.Link?
    var form: Form?

    static func href(_ e: ParticipationEvent) -> String { "/participation/events/\(e.id?.uuidString ?? "")" }

    static func when(_ e: ParticipationEvent) -> String { "\(e.day.chinese(withYear: true)) \(e.startsAt)" }

    static func paragraphs(_ s: String) -> [String] {
        s.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    static func build(_ services: AppServices, event e: ParticipationEvent, chrome: PageChrome, values: [String: String],
                      errors: [String: String]) async throws -> EventPage {
        let db = services.db
        let today = services.clock.today()
        let org = try await Organisation.find(e.organisationID, on: db)
        let kind = e.kindValue
        let held = try await EventRegistration.query(on: db).filter(\.$eventID == e.requireID()).all()
            .filter { $0.statusValue.holdsPlace }.count
        var note: String?
        let seats = CategorySeats(stored: e.categorySeats)
        if kind.takesRegistration {
            let closes = e.registrationCloses.map { "，报名截止：\($0.chinese(withYear: true))" } ?? ""
            note = kind.selectsParticipants
                ? "名额\(e.capacity)人\(seats.isEmpty ? "" : "（\(seats.text)）")，由主办单位按公布的办法遴选，结果将通知报名人\(closes)。"
                : "名额\(e.capacity)人，按报名先后确定，已报名\(held)人；名额满后可登记候补，有人取消时依次递补\(closes)。"
        }
        var form: Form?
        if e.registrationOpen(on: today) {
            // Only the categories that have places (a category without one could never be chosen).
            let offered = seats.isEmpty ? kind.categories : seats.seats.map(\.category)
            let labels = [("name", "姓名", "不公开"), ("contact", "手机号码或电子邮箱", "仅用于通知您，不公开"), ("note", "说明（选填）", nil as String?)]
            form = Form(
                action: href(e) + "/registrations#register",
                fields: labels.map { l in
                    FieldView(name: l.0, label: l.1, value: values[l.0] ?? "", error: errors[l.0], hint: l.2,
                              required: l.0 != "note", multiline: l.0 == "note", inputType: l.0 == "contact" ? "text" : "text")
                },
                categories: offered.map { OptionItem(value: $0, label: $0, selected: values["category"] == $0) },
                hasCategories: offered.count > 1, categoryError: errors["category"], hasErrors: !errors.isEmpty,
                errorList: ["name", "contact", "category", "note"].compactMap { errors[$0] })
        }
        var summary: ConsultationPage.Link?
        if let id = e.summaryItemID, let item = try await ItemQueries.publicItems([id], on: db).first {
            summary = .init(title: item.title, href: ParticipationQueries.itemHref(item))
        }
        var decision: ConsultationPage.Link?
        if let id = e.decisionID, let d = try await Decision.find(id, on: db), d.removedReason == nil,
           let list = try await DecisionList.find(d.listID, on: db), list.isPublished {
            decision = .init(title: d.title, href: "/xxgk/\(d.organisationID)/decisions?year=\(d.year)#d-\(d.position)")
        }
        let recordPublic = e.recordPublishedAt != nil
        return EventPage(
            chrome: chrome, title: e.title, kind: kind.label,
            organisation: .init(title: org?.name ?? "", href: "/xxgk/\(e.organisationID)"),
            when: when(e), place: e.place, description: paragraphs(e.description),
            selectionMethod: e.selectionMethod.nonEmpty, capacity: kind.takesRegistration ? "\(e.capacity)人" : nil,
            registrationNote: note, streamURL: e.streamURL.nonEmpty,
            participants: paragraphs(e.participants), hasParticipants: !e.participants.isEmpty,
            recordLabel: kind.recordLabel, record: recordPublic ? paragraphs(e.record) : [], hasRecord: recordPublic,
            recordConfirmed: recordPublic && e.recordConfirmed && kind == .hearing,
            summary: summary, decision: decision, form: form)
    }
}
