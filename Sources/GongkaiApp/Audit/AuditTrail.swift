import FluentKit
import Foundation
import GongkaiDomain

/// Who did something, as the audit trail records it.
public struct AuditActor: Sendable {
    public let id: String?
    public let name: String
    public let clientAddress: String

    public init(id: String?, name: String, clientAddress: String) {
        self.id = id
        self.name = name
        self.clientAddress = clientAddress
    }

    /// Changes made from the shell (`gongkai user create`, demo loading).
    public static func commandLine(_ command: String) -> AuditActor {
        AuditActor(id: nil, name: "命令行：\(command)", clientAddress: "本机")
    }
}

/// Appends hash-chained records and verifies the chain. Append inside the same transaction as the
/// change it records, so neither exists without the other.
public struct AuditTrail: Sendable {
    let dialect: any SQLDialect
    /// Told of every record, so cached public pages are checked again at once.
    let pageCache: PublicPageCache?
    /// Stamps the records (the site's clock; the system's for command-line tools).
    let clock: SiteClock

    public init(dialect: any SQLDialect) { self.init(dialect: dialect, pageCache: nil, clock: .system) }

    init(dialect: any SQLDialect, pageCache: PublicPageCache?, clock: SiteClock) {
        self.dialect = dialect
        self.pageCache = pageCache
        self.clock = clock
    }

    @discardableResult
    public func record(on db: any Database, actor: AuditActor, organisationID: Int?, entity: AuditEntity,
                       entityID: String, action: String, changes: [FieldChange] = [],
                       at date: Date? = nil) async throws -> AuditRecord {
        let date = date ?? clock.now()
        try await dialect.lockAuditChain(on: db)
        let last = try await AuditRecord.query(on: db).sort(\.$sequence, .descending).first()
        let entry = AuditEntry(
            sequence: (last?.sequence ?? 0) + 1,
            occurredAt: Self.timestamp(date),
            actorID: actor.id, actorName: actor.name, clientAddress: actor.clientAddress,
            organisationID: organisationID, entity: entity.rawValue, entityID: entityID, action: action,
            changesJSON: AuditEntry.canonicalJSON(changes),
            previousHash: last?.hash ?? AuditEntry.genesisHash)
        let row = AuditRecord()
        row.sequence = entry.sequence
        row.occurredAt = entry.occurredAt
        row.actorID = entry.actorID
        row.actorName = entry.actorName
        row.clientAddress = entry.clientAddress
        row.organisationID = entry.organisationID
        row.entity = entry.entity
        row.entityID = entry.entityID
        row.action = entry.action
        row.changes = entry.changesJSON
        row.previousHash = entry.previousHash
        row.hash = entry.hash
        try await row.create(on: db)
        pageCache?.expire(recorded: entry.sequence)
        return row
    }

    /// Recomputes the whole chain in sequence order, a page at a time.
    /// The newest record's sequence and hash (nil for an empty trail).
    public func head(on db: any Database) async throws -> AuditAnchor? {
        guard let last = try await AuditRecord.query(on: db).sort(\.$sequence, .descending).first() else { return nil }
        return AuditAnchor(sequence: last.sequence, hash: last.hash)
    }

    public func verify(on db: any Database, anchor: AuditAnchor? = nil) async throws -> AuditChainVerdict {
        var all: [(entry: AuditEntry, storedHash: String)] = []
        var after = 0
        while true {
            let page = try await AuditRecord.query(on: db)
                .filter(\.$sequence > after).sort(\.$sequence).limit(1000).all()
            if page.isEmpty { break }
            all.append(contentsOf: page.map { ($0.entry, $0.hash) })
            after = page.last!.sequence
        }
        let verdict = AuditChainVerifier.verify(all)
        guard case .intact = verdict, let anchor else { return verdict }
        return anchor.check(all)
    }

    /// UTC with milliseconds, e.g. 2026-11-21T19:47:34.123Z; a value-type style, shared by every record.
    static let iso = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func timestamp(_ date: Date) -> String { iso.format(date) }
}
