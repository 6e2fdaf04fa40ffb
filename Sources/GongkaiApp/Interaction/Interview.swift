import FluentKit
import Foundation
import GongkaiDomain

/// An 在线访谈 with a leader or a department: the announcement, the session, the record kept.
final class Interview: Model, @unchecked Sendable {
    static let schema = "interviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "title") var title: String
    /// 访谈嘉宾 as announced (name and post).
    @Field(key: "guests") var guests: String
    @Field(key: "description") var description: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "state") var state: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "follow_up_due") var followUpDue: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: InterviewState { InterviewState(rawValue: state) ?? .draft }
}

/// A question sent for an interview; shown publicly (name masked) once approved.
final class InterviewQuestion: Model, @unchecked Sendable {
    static let schema = "interview_questions"
    @ID(key: .id) var id: UUID?
    @Field(key: "interview_id") var interviewID: UUID
    @Field(key: "asker_name") var askerName: String
    /// Optional, never public: to answer a question left open after the session.
    @Field(key: "asker_contact") var askerContact: String
    @Field(key: "text") var text: String
    @Field(key: "moderation") var moderation: String
    @Field(key: "reject_reason") var rejectReason: String
    @Field(key: "answer") var answer: String
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// Answered during the session (otherwise in the follow-up).
    @Field(key: "answered_live") var answeredLive: Bool
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var moderationValue: QuestionModeration { QuestionModeration(rawValue: moderation) ?? .pending }
}

/// One line of the live transcript.
final class InterviewLine: Model, @unchecked Sendable {
    static let schema = "interview_lines"
    @ID(key: .id) var id: UUID?
    @Field(key: "interview_id") var interviewID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "speaker") var speaker: String
    @Field(key: "text") var text: String
    @Field(key: "at") var at: Date

    init() {}
}
