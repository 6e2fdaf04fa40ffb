import FluentKit
import Foundation
import GongkaiDomain

/// An organisation's own text for one standard document.
final class LetterTemplateRecord: Model, @unchecked Sendable {
    static let schema = "letter_templates"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "slot") var slot: String
    @Field(key: "body") var body: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

/// Reads and changes organisations' document texts. An organisation without its own text for a
/// document uses its nearest ancestor's (a county office can set the wording for all departments),
/// else the shipped one.
struct LetterTemplateStore: Sendable {
    let services: AppServices

    enum Source: Sendable, Equatable {
        case shipped
        case own
        case inherited(organisationID: Int)
    }

    struct Effective: Sendable {
        let text: String
        let source: Source
    }

    /// The text in force for every slot that is not the shipped one, keyed by slot.
    func overrides(for org: Organisation) async throws -> [String: String] {
        try await effective(for: org).mapValues(\.text)
    }

    func effective(for org: Organisation) async throws -> [String: Effective] {
        let ancestry = org.ancestry.ids
        let rows = try await LetterTemplateRecord.query(on: services.db).filter(\.$organisationID ~~ ancestry).all()
        var result: [String: Effective] = [:]
        // Nearest first: the organisation itself, then its parent, and so on.
        for id in ancestry.reversed() {
            for r in rows where r.organisationID == id && result[r.slot] == nil {
                result[r.slot] = Effective(text: r.body, source: id == org.id ? .own : .inherited(organisationID: id))
            }
        }
        return result
    }

    enum Failure: Error, Equatable { case invalid(String) }

    /// Saves the organisation's own text after checking it against the slot's fields.
    func save(_ text: String, slot: ReplyLetters.Slot, for org: Organisation, actor: AuditActor) async throws {
        let orgID = try org.requireID()
        do {
            _ = try LetterTemplate(text, fields: slot.fields)
        } catch {
            throw Failure.invalid(error.description)
        }
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        let audit = services.audit
        try await services.db.transaction { db in
            let existing = try await LetterTemplateRecord.query(on: db).filter(\.$organisationID == orgID).filter(\.$slot == slot.key).first()
            let record = existing ?? LetterTemplateRecord()
            let before = existing?.body
            record.organisationID = orgID
            record.slot = slot.key
            record.body = normalised
            record.updatedAt = services.clock.now()
            record.updatedBy = actor.name
            try await record.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .letterTemplate, entityID: slot.key,
                                   action: existing == nil ? "create" : "update",
                                   changes: [.init(field: "body", before: before, after: normalised)])
        }
    }

    /// Removes the organisation's own text: the inherited or shipped one applies again.
    func reset(slot: ReplyLetters.Slot, for org: Organisation, actor: AuditActor) async throws {
        let orgID = try org.requireID()
        let audit = services.audit
        try await services.db.transaction { db in
            guard let existing = try await LetterTemplateRecord.query(on: db).filter(\.$organisationID == orgID)
                .filter(\.$slot == slot.key).first() else { return }
            try await existing.delete(on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .letterTemplate, entityID: slot.key,
                                   action: "delete", changes: [.init(field: "body", before: existing.body, after: nil)])
        }
    }
}
