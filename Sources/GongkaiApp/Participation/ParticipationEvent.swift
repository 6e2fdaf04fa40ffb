import FluentKit
import Foundation
import GongkaiDomain

/// A hearing, 座谈会, field visit, open meeting, open day or 局长进大厅: announced publicly once
/// published, with online sign-up where the kind takes it, and a published record afterwards.
final class ParticipationEvent: Model, @unchecked Sendable {
    static let schema = "participation_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "kind") var kind: String
    @OptionalField(key: "decision_id") var decisionID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var startsOn: String
    /// "09:30", Beijing time.
    @Field(key: "starts_at") var startsAt: String
    @Field(key: "place") var place: String
    /// Programme, agenda or the matter heard.
    @Field(key: "description") var description: String
    /// How hearing participants (or 列席 people) are chosen, as published.
    @Field(key: "selection_method") var selectionMethod: String
    @Field(key: "capacity") var capacity: Int
    /// 列席 places by category for an open meeting (`CategorySeats.stored`); empty otherwise.
    @Field(key: "category_seats") var categorySeats: String
    @OptionalField(key: "registration_closes_on") var registrationClosesOn: String?
    @Field(key: "stream_url") var streamURL: String
    /// A meeting on matters of public interest (counts in the 会议公开率).
    @Field(key: "public_interest") var publicInterest: Bool
    @OptionalField(key: "materials_delivered_on") var materialsDeliveredOn: String?
    /// Who takes part, as published (names or the bodies they represent).
    @Field(key: "participants") var participants: String
    /// The record or summary afterwards.
    @Field(key: "record") var record: String
    /// For a hearing: the participants confirmed the record (Art. 17(三)).
    @Field(key: "record_confirmed") var recordConfirmed: Bool
    @OptionalField(key: "record_published_at") var recordPublishedAt: Date?
    /// A published item with the fuller account (minutes extract, interpretation, summary with photos).
    @OptionalField(key: "summary_item_id") var summaryItemID: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var kindValue: EventKind { EventKind(rawValue: kind) ?? .openDay }
    var day: CivilDate { CivilDate(iso: startsOn) ?? CivilDate(year: 2000, month: 1, day: 1)! }
    var registrationCloses: CivilDate? { registrationClosesOn.flatMap(CivilDate.init(iso:)) }
    var materialsDelivered: CivilDate? { materialsDeliveredOn.flatMap(CivilDate.init(iso:)) }

    /// Sign-up is open on `today`: the kind takes it, it is announced, and neither the closing day nor
    /// the event day has passed.
    func registrationOpen(on today: CivilDate) -> Bool {
        guard kindValue.takesRegistration, capacity > 0, publishedAt != nil, today < day else { return false }
        return registrationCloses.map { today <= $0 } ?? true
    }
}

/// One person's sign-up. Name and contact are for the organiser only.
final class EventRegistration: Model, @unchecked Sendable {
    static let schema = "event_registrations"
    @ID(key: .id) var id: UUID?
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "receipt") var receipt: String
    @Field(key: "name") var name: String
    @Field(key: "contact") var contact: String
    @Field(key: "category") var category: String
    @Field(key: "note") var note: String
    @Field(key: "status") var status: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    var statusValue: RegistrationBook.Status { RegistrationBook.Status(rawValue: status) ?? .applied }
}
