import FluentKit
import Foundation
import GongkaiDomain

/// One line of the 三单: the problem (问题清单), the unit and person answerable for it (责任清单), and
/// its rectification with deadline, report, evidence and 销号 (整改清单).
final class Rectification: Model, @unchecked Sendable {
    static let schema = "rectifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "source") var source: String
    /// What it came from (a monitoring problem's id, a catalogue row's id…), so it is taken over once.
    @Field(key: "source_ref") var sourceRef: String
    @Field(key: "problem") var problem: String
    @OptionalField(key: "organisation_id") var organisationID: Int?
    @Field(key: "person") var person: String
    @Field(key: "measure") var measure: String
    @OptionalField(key: "deadline") var deadline: String?
    @OptionalField(key: "reported_on") var reportedOn: String?
    @Field(key: "report") var report: String
    @OptionalField(key: "evidence_item_id") var evidenceItemID: UUID?
    @Field(key: "evidence_link") var evidenceLink: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "closed_by") var closedBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var sourceValue: RectificationSource { RectificationSource(rawValue: source) ?? .manual }

    func status(today: CivilDate) -> RectificationStatus {
        RectificationStatus.of(assigned: organisationID != nil && !person.isEmpty, deadline: deadline.flatMap(CivilDate.init(iso:)),
                               reportedOn: reportedOn.flatMap(CivilDate.init(iso:)), closedOn: closedOn.flatMap(CivilDate.init(iso:)), today: today)
    }
}

/// A 联席会议 (monthly, mid-month): topics, minutes, attendance; its 议定事项 are ledger tasks.
final class JointMeeting: Model, @unchecked Sendable {
    static let schema = "joint_meetings"
    @ID(key: .id) var id: UUID?
    @Field(key: "held_on") var heldOn: String
    @Field(key: "title") var title: String
    @Field(key: "topics") var topics: String
    /// Internal minutes: shown to signed-in staff only.
    @Field(key: "minutes") var minutes: String
    @Field(key: "held") var held: Bool
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class MeetingAttendance: Model, @unchecked Sendable {
    static let schema = "joint_meeting_attendance"
    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "present") var present: Bool
    @Field(key: "attendee") var attendee: String
    @Field(key: "absence_reason") var absenceReason: String
    init() {}
}
