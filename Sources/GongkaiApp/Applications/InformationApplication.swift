import FluentKit
import Foundation
import GongkaiDomain

/// An application for government information (依申请公开) and its applicant's particulars.
public final class InformationApplication: Model, @unchecked Sendable {
    public static let schema = "information_applications"

    @ID(key: .id) public var id: UUID?
    /// The organ applied to, which answers the applicant.
    @Field(key: "organisation_id") public var organisationID: Int
    /// The department the disclosure office assigned the case to, if any (it drafts the reply).
    @OptionalField(key: "handling_organisation_id") public var handlingOrganisationID: Int?
    @Field(key: "registration_number") public var registrationNumber: String
    @Field(key: "year") public var year: Int
    @Field(key: "serial") public var serial: Int
    /// SHA-256 of the query code; the code itself is shown to the applicant once.
    @Field(key: "query_code_hash") public var queryCodeHash: String
    @Field(key: "channel") public var channel: String
    @Field(key: "status") public var status: String
    @Field(key: "submitted_at") public var submittedAt: Date
    /// yyyy-MM-dd, fixed under Art. 31; nil until confirmed.
    @OptionalField(key: "receipt_date") public var receiptDate: String?
    @Field(key: "client_address") public var clientAddress: String
    @Field(key: "applicant_kind") public var applicantKind: String
    @Field(key: "name") public var name: String
    @Field(key: "contact_person") public var contactPerson: String
    @Field(key: "id_kind") public var idKind: String
    @Field(key: "id_number") public var idNumber: String
    @Field(key: "phone") public var phone: String
    @Field(key: "email") public var email: String
    @Field(key: "address") public var address: String
    @Field(key: "postcode") public var postcode: String
    @Field(key: "description") public var description: String
    @Field(key: "document_number") public var documentNumber: String
    @Field(key: "requested_form") public var requestedForm: String
    @Field(key: "obtaining_way") public var obtainingWay: String
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "decided_on") public var decidedOn: String?
    /// 本机关不掌握: Art. 36(四) or (五) (M029); the responsible organ named in a (五) answer.
    @OptionalField(key: "not_held_ground") public var notHeldGround: String?
    @Field(key: "responsible_organ") public var responsibleOrgan: String
    /// How disclosed information is provided (Art. 36(二), 40), as written in the reply.
    @Field(key: "provision") public var provision: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {
        responsibleOrgan = ""
        provision = ""
    }

    var statusValue: ApplicationStatus { ApplicationStatus(rawValue: status) ?? .inProgress }
    var channelValue: ApplicationChannel { ApplicationChannel(rawValue: channel) ?? .online }
    var kindValue: ApplicantKind { ApplicantKind(rawValue: applicantKind) ?? .naturalPerson }

    var input: ApplicationInput {
        var i = ApplicationInput()
        i.applicantKind = kindValue
        i.name = name
        i.contactPerson = contactPerson
        i.idKind = IdentityDocumentKind(rawValue: idKind) ?? .other
        i.idNumber = idNumber
        i.phone = phone
        i.email = email
        i.address = address
        i.postcode = postcode
        i.description = description
        i.documentNumber = documentNumber
        i.requestedForm = RequestedForm(rawValue: requestedForm) ?? .paper
        i.obtainingWay = ObtainingWay(rawValue: obtainingWay) ?? .post
        return i
    }

    func apply(_ i: ApplicationInput) {
        applicantKind = i.applicantKind.rawValue
        name = i.name
        contactPerson = i.contactPerson
        idKind = i.idKind.rawValue
        idNumber = i.idNumber
        phone = i.phone
        email = i.email
        address = i.address
        postcode = i.postcode
        description = i.description
        documentNumber = i.documentNumber
        requestedForm = i.requestedForm.rawValue
        obtainingWay = i.obtainingWay.rawValue
    }
}

/// One step of a case's timeline, with who recorded it and why.
public final class ApplicationEvent: Model, @unchecked Sendable {
    public static let schema = "application_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "seq") public var sequence: Int
    @Field(key: "step") public var step: String
    /// The civil date the step took effect (yyyy-MM-dd): what deadlines are computed from.
    @Field(key: "effective_on") public var effectiveOn: String
    @Field(key: "recorded_at") public var recordedAt: Date
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "note") public var note: String
    @OptionalField(key: "deadline") public var deadline: String?
    @OptionalField(key: "days") public var days: Int?
    @OptionalField(key: "code") public var code: String?
    /// Yuan, for a 收费通知.
    @OptionalField(key: "amount") public var amount: Int?

    public init() {}

    var stepValue: ApplicationStep { ApplicationStep(rawValue: step) ?? .note }
}
