import FluentKit
import Foundation
import GongkaiDomain

/// A letter to a 信箱 (县长信箱, 部门信箱): what was asked, who handles it, the reply, and the
/// writer's rating. Name, phone and e-mail never leave the back office; the letter is public
/// (writer's name masked) only when the writer chose so and its reply was approved.
final class Letter: Model, @unchecked Sendable {
    static let schema = "letters"
    @ID(key: .id) var id: UUID?
    /// The organisation whose 信箱 it was written to.
    @Field(key: "mailbox_id") var mailboxID: Int
    /// The organisation handling it now (the mailbox's own until 交办).
    @Field(key: "handling_id") var handlingID: Int
    @Field(key: "number") var number: String
    @Field(key: "query_code_hash") var queryCodeHash: String
    @Field(key: "kind") var kind: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// For a 政策咨询: the policy asked about.
    @OptionalField(key: "policy_item_id") var policyItemID: UUID?
    @Field(key: "writer_name") var writerName: String
    @Field(key: "writer_phone") var writerPhone: String
    @Field(key: "writer_email") var writerEmail: String
    /// The writer's choice; staff may only withdraw it (with `privateReason`), never grant it.
    @Field(key: "is_public") var isPublic: Bool
    @Field(key: "private_reason") var privateReason: String
    @Field(key: "state") var state: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "due_on") var dueOn: String
    /// What the checks found, for staff (敏感词, personal data, a possible repeat).
    @Field(key: "flags") var flags: String
    @Field(key: "reply") var reply: String
    @OptionalField(key: "replied_on") var repliedOn: String?
    @Field(key: "follow_ups") var followUps: Int
    @Field(key: "follow_up_text") var followUpText: String
    @OptionalField(key: "rating") var rating: String?
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var kindValue: LetterKind { LetterKind(rawValue: kind) ?? .consultation }
    var stateValue: LetterFlow.State { LetterFlow.State(rawValue: state) ?? .received }
    var ratingValue: ReplyRating? { rating.flatMap(ReplyRating.init(rawValue:)) }
    var received: CivilDate { CivilDate(iso: receivedOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    var due: CivilDate { CivilDate(iso: dueOn) ?? received }
    /// Shown on the public list: the writer chose it, staff did not withdraw it, the reply is out.
    var isShownPublicly: Bool { isPublic && repliedOn != nil && [.replied, .closed, .followUp, .replyInReview].contains(stateValue) }
}

/// One step in a letter's history (交办, 签收, 退回, 转办, 答复…), shown to staff and, without
/// names, on the writer's tracking page.
final class LetterEvent: Model, @unchecked Sendable {
    static let schema = "letter_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "letter_id") var letterID: UUID
    @Field(key: "action") var action: String
    @OptionalField(key: "organisation_id") var organisationID: Int?
    @Field(key: "note") var note: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date

    init() {}
}
