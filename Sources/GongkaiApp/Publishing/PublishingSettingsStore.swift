import FluentKit
import Foundation
import GongkaiDomain

final class PublishingSettingsRecord: Model, @unchecked Sendable {
    static let schema = "publishing_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "index_pattern") var indexPattern: String
    /// The editor's text: "步骤名称=角色" per line.
    @Field(key: "review_steps") var reviewSteps: String
    @Field(key: "interpretation_rule") var interpretationRule: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

/// The settings in force for an organisation: its own, else its nearest ancestor's, else the defaults.
struct PublishingSettingsStore: Sendable {
    let services: AppServices

    struct Effective: Sendable {
        let settings: PublishingSettings
        /// The organisation whose record applies (nil: the defaults).
        let from: Int?
    }

    func effective(for org: Organisation) async throws -> Effective {
        let ancestry = org.ancestry.ids
        let rows = try await PublishingSettingsRecord.query(on: services.db).filter(\.$organisationID ~~ ancestry).all()
        for id in ancestry.reversed() {
            guard let r = rows.first(where: { $0.organisationID == id }) else { continue }
            let flow = PublishingSettings.parseSteps(r.reviewSteps).0 ?? .standard
            let pattern = (try? IndexNumberPattern(r.indexPattern)) ?? .standard
            return Effective(settings: PublishingSettings(indexPattern: pattern, flow: flow,
                                                          interpretationRule: .init(rawValue: r.interpretationRule) ?? .block), from: id)
        }
        return Effective(settings: .standard, from: nil)
    }

    func settings(forOrganisationID id: Int) async throws -> PublishingSettings {
        guard let org = try await Organisation.find(id, on: services.db) else { return .standard }
        return try await effective(for: org).settings
    }

    typealias Failure = DeskFailure

    func save(for org: Organisation, pattern: String, steps: String, rule: String, actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        do { _ = try IndexNumberPattern(pattern.trimmingSpaces()) } catch { errors["index_pattern"] = error.description }
        let (flow, stepError) = PublishingSettings.parseSteps(steps)
        if let e = stepError { errors["review_steps"] = e }
        if PublishingSettings.InterpretationRule(rawValue: rule) == nil { errors["interpretation_rule"] = "请选择三同步规则" }
        guard errors.isEmpty, let flow else { throw Failure.invalid(errors) }
        let orgID = try org.requireID()
        let audit = services.audit
        try await services.db.transaction { db in
            let existing = try await PublishingSettingsRecord.query(on: db).filter(\.$organisationID == orgID).first()
            let r = existing ?? PublishingSettingsRecord()
            let before = existing.map { "\($0.indexPattern)｜\($0.reviewSteps)｜\($0.interpretationRule)" }
            r.organisationID = orgID
            r.indexPattern = pattern.trimmingSpaces()
            r.reviewSteps = PublishingSettings.stepsText(flow)
            r.interpretationRule = rule
            r.updatedAt = services.clock.now()
            r.updatedBy = actor.name
            try await r.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .publishingSettings, entityID: String(orgID),
                                   action: existing == nil ? "create" : "update",
                                   changes: [.init(field: "settings", before: before, after: "\(r.indexPattern)｜\(r.reviewSteps)｜\(rule)")])
        }
    }
}
