import FluentKit
import Foundation
import GongkaiDomain

/// The public page of one consultation: query → view model (the template only prints).
struct ConsultationPage: Sendable {
    struct Section: Sendable {
        let isPreamble: Bool
        let isHeading: Bool
        let anchor: String
        let label: String
        let paragraphs: [String]
        let commentHref: String
        /// "已公开意见N条", nil with none.
        let commentCount: String?
    }

    struct CommentForm: Sendable {
        let action: String
        let fields: [FieldView]
        let sectionOptions: [OptionItem]
        let sectionError: String?
        let nameRequired: Bool
        let hasErrors: Bool
        let errorList: [String]
    }

    struct Link: Sendable {
        let title: String
        let href: String
    }

    var chrome: PageChrome
    let title: String
    let organisation: Link
    let subject: String
    let minimum: String
    let period: String
    let phase: String
    let isOpen: Bool
    let daysLeft: Int?
    let shortenedReason: String?
    let explanation: [String]
    let sections: [Section]
    let comments: [ParticipationQueries.PublicComment]
    let hasComments: Bool
    let feedback: Link?
    let feedbackDocx: String?
    let decision: Link?
    let otherChannels: String?
    var form: CommentForm?

    static let fieldLabels: [(name: String, label: String)] = [("name", "姓名或单位"), ("contact", "联系方式"), ("text", "意见建议")]

    static func count(_ n: Int) -> String? { n == 0 ? nil : "已公开意见\(n)条" }

    static func build(_ services: AppServices, consultation c: Consultation, chrome: PageChrome, values: [String: String],
                      errors: [String: String]) async throws -> ConsultationPage {
        let db = services.db
        let today = services.clock.today()
        let org = try await Organisation.find(c.organisationID, on: db)
        let phase = c.phase(on: today)
        let sections = DraftSections.split(c.draft)
        let comments = try await ParticipationQueries.publicComments(of: c, on: db)
        let base = ParticipationQueries.href(c)
        let feedback = try await ParticipationQueries.publicFeedback(c, on: db)
        var decision: Link?
        if let id = c.decisionID, let d = try await Decision.find(id, on: db), d.removedReason == nil,
           let list = try await DecisionList.find(d.listID, on: db), list.isPublished {
            decision = Link(title: d.title, href: "/xxgk/\(d.organisationID)/decisions?year=\(d.year)#d-\(d.position)")
        }
        var form: CommentForm?
        if phase == .open {
            let selected = values["section"] ?? ""
            let options = [OptionItem(value: "", label: "对征求意见稿整体提出意见", selected: selected.isEmpty)]
                + sections.filter { $0.kind == .clause }.map { s in
                    OptionItem(value: String(s.number), label: "\(s.label) \(String(s.text.dropFirst(s.label.count).prefix(20)))",
                               selected: selected == String(s.number))
                }
            let fields = fieldLabels.map { f in
                FieldView(name: f.name, label: f.label, value: values[f.name] ?? "", error: errors[f.name],
                          hint: f.name == "contact" ? "选填，仅供本机关就您的意见联系您，不会公开" : f.name == "name" ? "公开时只显示姓氏" : "不超过\(CommentInput.textLimit)字",
                          required: f.name == "text" || (f.name == "name" && c.nameRequired),
                          multiline: f.name == "text", inputType: "text")
            }
            form = CommentForm(action: base + "/comments#comment-form", fields: fields, sectionOptions: options,
                               sectionError: errors["section"], nameRequired: c.nameRequired, hasErrors: !errors.isEmpty,
                               errorList: (["name", "contact", "text", "section"]).compactMap { errors[$0] })
        }
        return ConsultationPage(
            chrome: chrome, title: c.title,
            organisation: Link(title: org?.name ?? "", href: "/xxgk/\(c.organisationID)"),
            subject: c.subjectValue.label, minimum: c.subjectValue.minimumText, period: ParticipationQueries.period(c),
            phase: phase.label, isOpen: phase == .open,
            daysLeft: phase == .open ? ConsultationPhase.daysLeft(on: today, closesOn: c.closes) : nil,
            shortenedReason: c.shortenedReason.nonEmpty,
            explanation: c.explanation.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty },
            sections: sections.map { s in
                Section(isPreamble: s.kind == .preamble, isHeading: s.kind == .heading, anchor: s.kind == .clause ? "s\(s.number)" : "",
                        label: s.label, paragraphs: s.text.split(separator: "\n").map(String.init),
                        commentHref: "\(base)?section=\(s.number)#comment-form",
                        commentCount: Self.count(comments.filter { $0.section == s.label && s.kind == .clause }.count))
            },
            comments: comments, hasComments: !comments.isEmpty,
            feedback: feedback.map { Link(title: $0.title, href: ParticipationQueries.itemHref($0)) },
            feedbackDocx: feedback == nil ? nil : base + "/feedback.docx",
            decision: decision, otherChannels: c.otherChannels.nonEmpty, form: form)
    }
}
