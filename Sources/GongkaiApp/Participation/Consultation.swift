import FluentKit
import Foundation
import GongkaiDomain

/// A draft put out for public comment (意见征集), open from `opensOn` through `closesOn`.
final class Consultation: Model, @unchecked Sendable {
    static let schema = "consultations"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @OptionalField(key: "decision_id") var decisionID: UUID?
    /// The draft's title (e.g. "某县临时救助办法（征求意见稿）").
    @Field(key: "title") var title: String
    @Field(key: "subject") var subject: String
    /// 起草说明.
    @Field(key: "explanation") var explanation: String
    /// The draft's text, split into articles on the public page.
    @Field(key: "draft") var draft: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    /// Why the period is shorter than the minimum (shown publicly; Art. 15).
    @Field(key: "shortened_reason") var shortenedReason: String
    @Field(key: "name_required") var nameRequired: Bool
    /// Other ways to comment (letter, e-mail, telephone), as published.
    @Field(key: "other_channels") var otherChannels: String
    /// The 意见采纳情况反馈 item, once drafted.
    @OptionalField(key: "feedback_item_id") var feedbackItemID: UUID?
    /// Announced: the public sees it (and it opens on its day) only once published.
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var subjectValue: ParticipationPeriod.Subject { .init(rawValue: subject) ?? .majorDecision }
    var opens: CivilDate { CivilDate(iso: opensOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    var closes: CivilDate { CivilDate(iso: closesOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }

    /// Where it stands on `day`; an unpublished consultation never opens.
    func phase(on day: CivilDate) -> ConsultationPhase {
        publishedAt == nil ? .scheduled : ConsultationPhase.on(day, opensOn: opens, closesOn: closes)
    }
}

/// One comment. `name` and `contact` never leave the back office; the text is shown only after a
/// moderator approved it, with personal data masked.
final class ConsultationComment: Model, @unchecked Sendable {
    static let schema = "consultation_comments"
    @ID(key: .id) var id: UUID?
    @Field(key: "consultation_id") var consultationID: UUID
    /// 回执编号 told to the commenter once the comment is stored.
    @Field(key: "receipt") var receipt: String
    @OptionalField(key: "section_number") var sectionNumber: Int?
    @OptionalField(key: "section_label") var sectionLabel: String?
    @Field(key: "name") var name: String
    @Field(key: "contact") var contact: String
    @Field(key: "text") var text: String
    /// What the checks found, for the moderator ("敏感词：…；手机号码").
    @Field(key: "flags") var flags: String
    @Field(key: "moderation") var moderation: String
    @Field(key: "moderation_note") var moderationNote: String
    @OptionalField(key: "disposition") var disposition: String?
    @Field(key: "theme") var theme: String
    @Field(key: "response") var response: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var moderationValue: CommentModeration { CommentModeration(rawValue: moderation) ?? .pending }
    var dispositionValue: CommentDisposition? { disposition.flatMap(CommentDisposition.init(rawValue:)) }
}
