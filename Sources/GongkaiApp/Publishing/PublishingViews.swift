import Foundation
import GongkaiDomain

/// View models of the publishing back office.
enum PublishingViews {
    struct ItemForm: Sendable {
        let chrome: PageChrome
        let heading: String
        let action: String
        let organisationID: Int
        let organisationName: String
        let v: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let kinds: [OptionItem]
        let genres: [OptionItem]
        let topics: [OptionItem]
        let attributes: [OptionItem]
        let grounds: [OptionItem]
        let validities: [OptionItem]
        let columns: [ColumnChoice]
        let interpretationForms: [OptionItem]
        let needsInterpretation: Bool
        let backHref: String
    }

    struct ColumnChoice: Sendable {
        let key: String
        let label: String
        let checked: Bool
    }

    /// Form values of an existing item, as the form fields name them.
    static func values(of item: InformationItem, policyIndex: String?) -> [String: String] {
        [
            "title": item.title, "document_number": item.documentNumber, "co_issuers": item.coIssuers,
            "written_on": item.writtenOn, "formed_on": item.formedOn, "kind": item.kind, "genre": item.genre,
            "topic": item.topic, "keywords": item.keywords, "summary": item.summary, "body": item.bodyHTML,
            "attribute": item.attribute, "ground": item.ground ?? "", "ground_reason": item.groundReason,
            "reevaluate_on": item.reevaluateOn ?? "", "validity": item.validity, "effective_on": item.effectiveOn ?? "",
            "expires_on": item.expiresOn ?? "", "needs_interpretation": item.needsInterpretation ? "1" : "",
            "interpretation_form": item.interpretationForm ?? "", "interprets": policyIndex ?? "", "qa_text": item.qaText ?? "",
            "media_url": item.mediaURL ?? "",
            "publish_at": item.publishAt.flatMap(PublishingDesk.localTime)?.formValue ?? "",
        ]
    }

    static let formFields = ["title", "document_number", "co_issuers", "written_on", "formed_on", "kind", "genre", "topic",
                             "keywords", "summary", "attribute", "ground", "ground_reason", "reevaluate_on", "validity",
                             "effective_on", "expires_on", "columns", "body", "needs_interpretation", "interpretation_form",
                             "interprets", "qa_text", "media_url", "publish_at"]

    static func form(topics topicList: [TopicCategory], chrome: PageChrome, heading: String, action: String, org: Organisation, values: [String: String],
                     checkedColumns: [String], errors: [String: String], backHref: String) -> ItemForm {
        func options<T>(_ all: [T], value: (T) -> String, label: (T) -> String, selected: String) -> [OptionItem] {
            all.map { OptionItem(value: value($0), label: label($0), selected: value($0) == selected) }
        }
        let topicValues = TopicCategory.values(of: topicList)
        return ItemForm(
            chrome: chrome, heading: heading, action: action, organisationID: org.id ?? 0, organisationName: org.name,
            v: values, errors: errors, hasErrors: !errors.isEmpty,
            errorList: formFields.compactMap { errors[$0] },
            kinds: options(InformationKind.allCases, value: \.rawValue, label: \.label, selected: values["kind"] ?? ""),
            genres: options(Genre.standard, value: { $0 }, label: { $0 }, selected: values["genre"] ?? "通知"),
            topics: options(topicValues, value: { $0 }, label: { $0.replacingOccurrences(of: "/", with: " › ") }, selected: values["topic"] ?? ""),
            attributes: options(DisclosureAttribute.allCases, value: \.rawValue, label: \.label, selected: values["attribute"] ?? "proactive"),
            grounds: [OptionItem(value: "", label: "（主动公开无需选择）", selected: (values["ground"] ?? "").isEmpty)]
                + options(NonDisclosureGround.allCases, value: \.rawValue, label: \.label, selected: values["ground"] ?? ""),
            validities: options(Validity.allCases, value: \.rawValue, label: \.label, selected: values["validity"] ?? "in_force"),
            columns: DisclosureColumn.columns(for: org.kind).map { ColumnChoice(key: $0.key, label: $0.label, checked: checkedColumns.contains($0.key)) },
            interpretationForms: [OptionItem(value: "", label: "（非政策解读无需选择）", selected: (values["interpretation_form"] ?? "").isEmpty)]
                + options(InterpretationForm.allCases, value: \.rawValue, label: \.label, selected: values["interpretation_form"] ?? ""),
            needsInterpretation: values["needs_interpretation"] == "1",
            backHref: backHref)
    }

    struct ListRow: Sendable {
        let href: String
        let title: String
        let indexNumber: String
        let organisation: String
        let kind: String
        let status: String
        let attribute: String
        let updated: String
        let awaitsMe: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [ListRow]
        let isEmpty: Bool
        let canCreate: Bool
        let newHref: String?
        let filter: String?
    }

    struct FindingView: Sendable {
        let kind: String
        let severe: Bool
        let source: String
        let context: String
        let message: String
        let suggestion: String?

        init(_ f: Finding) {
            kind = f.kind.label
            severe = f.isSevere
            source = f.source
            context = f.context
            message = f.message
            suggestion = f.suggestion
        }
    }

    struct EventView: Sendable {
        let at: String
        let action: String
        let actor: String
        let note: String?
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Detail: Sendable {
        let chrome: PageChrome
        let title: String
        let base: String
        let status: String
        let stepName: String?
        let facts: [Fact]
        let bodyHTML: String
        let findings: [FindingView]
        let hasFindings: Bool
        let severeCount: Int
        let overrideReason: String?
        let canEdit: Bool
        let canSubmit: Bool
        let canReview: Bool
        let canMask: Bool
        let canOverride: Bool
        let canWithdraw: Bool
        let canCorrect: Bool
        let canChangeValidity: Bool
        /// The 有效性 / 更正 blocks are open when they carry an error, so it is seen next to its field.
        let validityOpen: Bool
        let correctOpen: Bool
        let publicHref: String?
        let events: [EventView]
        let validities: [OptionItem]
        let errors: [String: String]
        let refusal: String?
        let deadline: String?
        let syncWarning: String?
        let policyLink: String?
        let policyTitle: String?
        let interpretations: [InterpretationLink]
        let attachments: [AttachmentView]
        let maxUploadMB: Int
        let catalogue: CatalogueLinkRoutes.LinkView
        /// A 更正 or 有效性变更 waiting for review.
        let change: ItemChangeView?
    }

    struct AttachmentView: Sendable {
        let name: String
        let type: String
        let size: String
        let href: String
        let deleteAction: String?
    }

    struct InterpretationLink: Sendable {
        let title: String
        let href: String
        let form: String
        let status: String
    }
}
