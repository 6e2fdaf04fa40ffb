import Foundation
import GongkaiDomain

/// View models of the back-office application pages; templates stay logic-less.
extension ApplicationAdminRoutes {
    struct Row: Sendable {
        let id: String
        let number: String
        let organisation: String
        let applicant: String
        let kind: String
        let status: String
        let due: String
        let dueClass: String
        let summary: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let isEmpty: Bool
        let canEnter: Bool
        let openOnly: Bool
        let dueFilter: String?
    }

    /// Shown once after an offline application is entered, to hand or send the query code to the applicant.
    struct ReceiptIssued: Sendable {
        let chrome: PageChrome
        let id: String
        let number: String
        let queryCode: String
        let organisation: String
        let applicant: String
    }

    struct StepView: Sendable {
        let date: String
        let label: String
        let note: String
        let actor: String
    }

    struct DetailView: Sendable {
        let chrome: PageChrome
        let id: String
        let number: String
        let organisation: String
        let status: String
        let handlingOrganisation: String?
        let canAssign: Bool
        let assignTargets: [OptionItem]
        let awaitingAcceptance: Bool
        let channel: String
        let applicantKind: String
        let applicant: String
        let contactPerson: String?
        let idKind: String
        let idNumber: String
        let phone: String
        let email: String
        let address: String
        let description: String
        let documentNumber: String
        let requestedForm: String
        let obtainingWay: String
        let receiptDate: String
        let receiptRule: String
        let dueDate: String?
        /// The clock of a case that is not replying now (补正, consultation, payment, confirmation).
        let otherClock: String?
        let derivation: String?
        let used: String?
        let outcome: String?
        let steps: [StepView]
        let today: String
        let canHandle: Bool
        let canApprove: Bool
        let awaitingConfirmation: Bool
        let awaitingCorrection: Bool
        let paused: Bool
        let pausedForFee: Bool
        let feeSuggestion: String?
        let running: Bool
        let decided: Bool
        let delivered: Bool
        let outcomes: [OptionItem]
        let pauseReasons: [OptionItem]
        let errors: [String]
        let hasErrors: Bool
        let documents: [DocumentLink]
        let related: [RelatedView]
        let hasRelated: Bool
        let proceedings: [ProceedingView]
        let proceedingKinds: [OptionItem]
        let proceedingResults: [OptionItem]
        let notHeldGrounds: [OptionItem]
        let remedyWarning: String?
        let reply: ReplyDetailView?
        let canAttachFiles: Bool
        let caseFiles: [CaseFileView]
        let hasCaseFiles: Bool
    }

    /// What the decision recorded besides the outcome (Art. 36(四)/(五), responsible organ, provision).
    struct ReplyDetailView: Sendable {
        let ground: String?
        let responsibleOrgan: String?
        let provision: String?
    }

    struct CaseFileView: Sendable {
        let id: String
        let name: String
        let size: String
        let href: String
        let by: String
        /// Set when the viewer may remove the file (handlers, before archiving).
        let deleteHref: String?
    }

    struct RelatedView: Sendable {
        let id: String
        let number: String
        let date: String
        let summary: String
        let status: String
        let similarity: String
        let likelyRepeat: Bool
    }

    struct ProceedingView: Sendable {
        let id: String
        let caseID: String
        let kind: String
        let filedOn: String
        let body: String
        let result: String
        let open: Bool
        let note: String
    }

    struct DocumentLink: Sendable {
        let label: String
        let htmlHref: String
        let docxHref: String
    }

    struct NewView: Sendable {
        let chrome: PageChrome
        let organisations: [OptionItem]
        let channels: [ApplicationPublicRoutes.Choice]
        let kinds: [ApplicationPublicRoutes.Choice]
        let idKinds: [ApplicationPublicRoutes.Choice]
        let forms: [ApplicationPublicRoutes.Choice]
        let ways: [ApplicationPublicRoutes.Choice]
        let values: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }
}
