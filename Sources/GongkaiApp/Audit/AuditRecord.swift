import FluentKit
import Foundation
import GongkaiDomain

/// One append-only row of the audit trail (see `AuditEntry` for what its hash covers).
public final class AuditRecord: Model, @unchecked Sendable {
    public static let schema = "audit_records"

    @ID(key: .id) public var id: UUID?
    @Field(key: "seq") public var sequence: Int
    @Field(key: "occurred_at") public var occurredAt: String
    @OptionalField(key: "actor_id") public var actorID: String?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "client_address") public var clientAddress: String
    @OptionalField(key: "organisation_id") public var organisationID: Int?
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    @Field(key: "action") public var action: String
    @Field(key: "changes") public var changes: String
    @Field(key: "prev_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    var entry: AuditEntry {
        AuditEntry(sequence: sequence, occurredAt: occurredAt, actorID: actorID, actorName: actorName,
                   clientAddress: clientAddress, organisationID: organisationID, entity: entity,
                   entityID: entityID, action: action, changesJSON: changes, previousHash: previousHash)
    }
}
