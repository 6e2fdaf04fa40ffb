import FluentKit
import Foundation
import GongkaiDomain

/// One entry of the 舆情回应台账: what the public is concerned about, how serious it is, which
/// unit must respond, and since when it was known (the response clocks run from then).
final class OpinionEvent: Model, @unchecked Sendable {
    static let schema = "opinion_events"
    @ID(key: .id) var id: UUID?
    /// The organisation whose office keeps the ledger entry (the county or township government).
    @Field(key: "office_id") var officeID: Int
    /// 责任单位.
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "source") var source: String
    @Field(key: "summary") var summary: String
    @Field(key: "topic") var topic: String
    @Field(key: "level") var level: String
    @Field(key: "known_at") var knownAt: Date
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var levelValue: OpinionLevel { OpinionLevel(rawValue: level) ?? .ordinary }
}

/// What was published where and when in answer to an event.
final class OpinionResponse: Model, @unchecked Sendable {
    static let schema = "opinion_responses"
    @ID(key: .id) var id: UUID?
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "channel") var channel: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "item_id") var itemID: UUID?
    @Field(key: "url") var url: String
    @Field(key: "summary") var summary: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: OpinionResponseKind { OpinionResponseKind(rawValue: kind) ?? .statement }
}

/// A promise made in a response (what, by whom, by when), tracked to completion and to the
/// publication of its result.
final class OpinionCommitment: Model, @unchecked Sendable {
    static let schema = "opinion_commitments"
    @ID(key: .id) var id: UUID?
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "what") var what: String
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "due_on") var dueOn: String
    @Field(key: "state") var state: String
    @OptionalField(key: "done_on") var doneOn: String?
    @Field(key: "done_note") var doneNote: String
    @OptionalField(key: "result_item_id") var resultItemID: UUID?
    @Field(key: "result_url") var resultURL: String
    /// The due day the office was last alerted about (one alert per due day).
    @OptionalField(key: "alerted_for") var alertedFor: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var stateValue: CommitmentState { CommitmentState(rawValue: state) ?? .open }
    var due: CivilDate { CivilDate(iso: dueOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    var done: CivilDate? { doneOn.flatMap(CivilDate.init(iso:)) }
}
