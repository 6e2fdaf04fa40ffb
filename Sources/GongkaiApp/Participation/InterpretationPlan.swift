import FluentKit
import Foundation
import GongkaiDomain

/// One organisation's 政策解读日 plan for a month; public once published.
final class InterpretationPlan: Model, @unchecked Sendable {
    static let schema = "interpretation_plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "month") var month: Int
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}
}

/// A theme of a month's plan; linked to its interpretation item once that is published.
final class InterpretationTheme: Model, @unchecked Sendable {
    static let schema = "interpretation_themes"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "interpreter") var interpreter: String
    @Field(key: "audience") var audience: String
    @Field(key: "form") var form: String
    @Field(key: "channel") var channel: String
    @Field(key: "held_on") var heldOn: String
    @OptionalField(key: "item_id") var itemID: UUID?
    /// The public proposal it answers (点菜), if any.
    @OptionalField(key: "proposal_id") var proposalID: UUID?

    init() {}

    var value: InterpretationDay.Theme {
        var t = InterpretationDay.Theme()
        t.title = title; t.interpreter = interpreter; t.audience = audience; t.form = form; t.channel = channel
        t.heldOn = CivilDate(iso: heldOn) ?? t.heldOn
        return t
    }
}

/// A theme proposed by the public; shown once approved, with how many support it.
final class InterpretationProposal: Model, @unchecked Sendable {
    static let schema = "interpretation_proposals"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "receipt") var receipt: String
    @Field(key: "text") var text: String
    @Field(key: "name") var name: String
    @Field(key: "contact") var contact: String
    @Field(key: "moderation") var moderation: String
    @Field(key: "supporters") var supporters: Int
    @Field(key: "adopted") var adopted: Bool
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var moderationValue: CommentModeration { CommentModeration(rawValue: moderation) ?? .pending }
}

/// One visitor's support of a proposal (the hash of their random cookie; no account needed).
final class ProposalSupport: Model, @unchecked Sendable {
    static let schema = "proposal_supports"
    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "voter") var voter: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "supported_at") var supportedAt: Date

    init() {}
}
