import FluentKit
import Foundation
import GongkaiDomain

/// The one way a change to an information item is stored: the item row, its history events, the
/// search index, the column listing and the audit record in one transaction, so a public page never
/// sees one without the others; the public page cache moves only after the commit. Publishing,
/// correction, validity changes and withdrawal go through here (bulk import has its own batch
/// transaction with the same parts).
struct PublicationPipeline: Sendable {
    let services: AppServices
    /// Runs right after each commit (tests look at the public pages at that moment).
    var afterCommit: (@Sendable () async throws -> Void)? = nil

    /// One change: the history events it writes (action, note) and its audit record.
    struct Change: Sendable {
        var events: [(action: ItemHistoryAction, note: String)]
        var auditAction: String
        var changes: [FieldChange]
    }

    /// Stores `item` as it now is. `also` runs first in the same transaction (e.g. keeping the
    /// previous version of a corrected text).
    func commit(_ item: InformationItem, _ change: Change, actor: AuditActor,
                also: (@Sendable (any Database) async throws -> Void)? = nil) async throws {
        let audit = services.audit
        let now = services.clock.now()
        try await services.db.transaction { db in
            try await also?(db)
            try await item.update(on: db)
            for e in change.events { try await PublishingDesk.event(item, e.action, actor: actor, note: e.note, at: now, on: db) }
            try await SearchService.update(item, on: db)
            try await ColumnListing.update(item, on: db)
            try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                   entityID: item.indexNumber, action: change.auditAction, changes: change.changes)
        }
        // The audit record told the cache while the transaction was still open; tell it again now
        // that the change is visible, so the next page is rendered from the committed rows.
        services.pageCache.expire()
        try await afterCommit?()
    }
}
