import FluentKit
import Foundation
import GongkaiDomain

/// The 文号 of one issued document of a case, numbered per organisation and year when the step
/// that issues it is recorded (补正, 延期, 征求意见, 收费, 答复).
final class CaseLetterNumber: Model, @unchecked Sendable {
    static let schema = "case_letter_numbers"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "year") var year: Int
    @Field(key: "serial") var serial: Int
    @Field(key: "number") var number: String
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "event_id") var eventID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The document a recorded step issues, if any.
    static func kind(of step: ApplicationStep, code: String?) -> ReplyLetters.Kind? {
        switch step {
        case .correctionRequested: return .correction
        case .extended: return .extension
        case .decided: return .reply
        case .pauseStarted:
            switch ReplyDeadline.PauseReason(rawValue: code ?? "") {
            case .thirdPartyConsultation, .otherOrganConsultation: return .consultation
            case .feePayment: return .fee
            default: return nil
            }
        default: return nil
        }
    }

    /// Numbers the document of `event` inside the caller's transaction: the next serial of the
    /// organisation's year (the unique index refuses a duplicate if two are issued at once).
    static func assign(for event: ApplicationEvent, kind: ReplyLetters.Kind, application a: InformationApplication,
                       date: CivilDate, on db: any Database) async throws -> CaseLetterNumber {
        guard let org = try await Organisation.find(a.organisationID, on: db) else { throw FluentError.missingParent(from: "case", to: "organisation", key: "organisation_id", id: "\(a.organisationID)") }
        let last = try await CaseLetterNumber.query(on: db).filter(\.$organisationID == a.organisationID)
            .filter(\.$year == date.year).sort(\.$serial, .descending).first()
        let n = CaseLetterNumber()
        n.id = UUID()
        n.organisationID = a.organisationID
        n.year = date.year
        n.serial = (last?.serial ?? 0) + 1
        n.number = org.letterNumbers.format(shortName: org.shortName, year: date.year, serial: n.serial)
        n.applicationID = try a.requireID()
        n.eventID = try event.requireID()
        n.kind = kind.rawValue
        n.createdAt = event.recordedAt
        try await n.create(on: db)
        return n
    }
}
