import FluentKit
import Foundation
import GongkaiDomain

final class CatalogueItem: Model, @unchecked Sendable {
    static let schema = "catalogue_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "domain") var domain: String
    @Field(key: "position") var position: Int
    @Field(key: "row_json") var rowJSON: String
    /// Rows taken out of the catalogue stay (for links and history) but are inactive.
    @Field(key: "active") var active: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var row: CatalogueRow { (try? JSONDecoder().decode(CatalogueRow.self, from: Data(rowJSON.utf8))) ?? CatalogueRow() }
}

final class CatalogueVersion: Model, @unchecked Sendable {
    static let schema = "catalogue_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "domain") var domain: String
    @Field(key: "version") var version: Int
    @Field(key: "summary") var summary: String
    @Field(key: "rows_json") var rowsJSON: String
    @Field(key: "changed_at") var changedAt: Date
    @Field(key: "changed_by") var changedBy: String
    /// Who made the change (M030), so that someone else approves it.
    @OptionalField(key: "changed_by_id") var changedByID: UUID?
    /// Set when the version was approved for the public (M030); the public sees the newest approved one.
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @Field(key: "approved_by") var approvedBy: String

    init() {
        approvedBy = ""
    }

    var rows: [CatalogueRow] { (try? JSONDecoder().decode([CatalogueRow].self, from: Data(rowsJSON.utf8))) ?? [] }
}

final class ItemCatalogueLink: Model, @unchecked Sendable {
    static let schema = "item_catalogue_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "catalogue_item_id") var catalogueItemID: UUID

    init() {}
}

/// An organisation's catalogue per domain: rows kept in order, each change a new numbered version
/// (who, when, what) whose date the public sees.
struct CatalogueStore: Sendable {
    let services: AppServices

    enum Failure: Error, Equatable {
        case invalid([String: String])
        case problems([CatalogueSheet.Problem])
    }

    func rows(_ orgID: Int, _ domain: String) async throws -> [CatalogueItem] {
        try await CatalogueItem.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$domain == domain)
            .filter(\.$active == true).sort(\.$position).all()
    }

    func latestVersion(_ orgID: Int, _ domain: String) async throws -> CatalogueVersion? {
        try await CatalogueVersion.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$domain == domain)
            .sort(\.$version, .descending).first()
    }

    /// The version the public sees: the newest approved one.
    func publishedVersion(_ orgID: Int, _ domain: String) async throws -> CatalogueVersion? {
        try await CatalogueVersion.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$domain == domain)
            .filter(\.$approvedAt != nil).sort(\.$version, .descending).first()
    }

    /// Domains with an approved, non-empty catalogue, with their row counts as published.
    func publishedDomains(of orgID: Int) async throws -> [(domain: String, count: Int)] {
        let versions = try await CatalogueVersion.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$approvedAt != nil).all()
        var newest: [String: CatalogueVersion] = [:]
        for v in versions where (newest[v.domain]?.version ?? 0) < v.version { newest[v.domain] = v }
        let order = try await CatalogueDomainStore(services: services).order()
        return newest.map { ($0.key, $0.value.rows.count) }.filter { $0.1 > 0 }
            .sorted { (order[$0.0] ?? 999, $0.0) < (order[$1.0] ?? 999, $1.0) }
    }

    enum ApprovalRefusal: Error { case nothingPending, ownChange }

    /// Approves the newest version for the public (it includes every change before it). The four-eyes
    /// rule: whoever made that change cannot approve it (seed 002: the catalogue is checked before release).
    func approve(_ orgID: Int, _ domain: String, approverID: UUID?, actor: AuditActor) async throws {
        guard let latest = try await latestVersion(orgID, domain), latest.approvedAt == nil else { throw ApprovalRefusal.nothingPending }
        if let author = latest.changedByID, author == approverID { throw ApprovalRefusal.ownChange }
        latest.approvedAt = services.clock.now()
        latest.approvedBy = actor.name
        let audit = services.audit
        try await services.db.transaction { db in
            try await latest.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .catalogue, entityID: domain,
                                   action: "审核通过第\(latest.version)版", changes: [.init(field: "summary", before: nil, after: latest.summary)])
        }
    }

    /// Domains the organisation has a catalogue for, with their row counts.
    func domains(of orgID: Int) async throws -> [(domain: String, count: Int)] {
        let all = try await CatalogueItem.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$active == true).all()
        let order = try await CatalogueDomainStore(services: services).order()
        return Dictionary(grouping: all, by: \.domain).map { ($0.key, $0.value.count) }
            .sorted { (order[$0.domain] ?? 999, $0.domain) < (order[$1.domain] ?? 999, $1.domain) }
    }

    func add(_ row: CatalogueRow, org: Int, domain: String, actor: AuditActor) async throws {
        let existing = try await rows(org, domain)
        try await change(org: org, domain: domain, actor: actor, summary: "新增：\(row.level1)\(row.level2.isEmpty ? "" : "／\(row.level2)")") { db in
            let item = CatalogueItem()
            item.id = UUID()
            item.organisationID = org
            item.domain = domain
            item.position = (existing.last?.position ?? 0) + 1
            item.rowJSON = try Self.json(row)
            item.active = true
            item.updatedAt = services.clock.now()
            try await item.create(on: db)
        }
    }

    func update(_ item: CatalogueItem, to row: CatalogueRow, actor: AuditActor) async throws {
        try await change(org: item.organisationID, domain: item.domain, actor: actor, summary: "修改：\(row.level1)\(row.level2.isEmpty ? "" : "／\(row.level2)")") { db in
            item.rowJSON = try Self.json(row)
            item.updatedAt = services.clock.now()
            try await item.update(on: db)
        }
    }

    func remove(_ item: CatalogueItem, actor: AuditActor) async throws {
        let row = item.row
        try await change(org: item.organisationID, domain: item.domain, actor: actor, summary: "删除：\(row.level1)\(row.level2.isEmpty ? "" : "／\(row.level2)")") { db in
            item.active = false
            item.updatedAt = services.clock.now()
            try await item.update(on: db)
        }
    }

    /// Puts a removed row back at the end of the catalogue (a new version says so).
    func restore(_ item: CatalogueItem, actor: AuditActor) async throws {
        let row = item.row
        let last = try await rows(item.organisationID, item.domain).map(\.position).max() ?? 0
        try await change(org: item.organisationID, domain: item.domain, actor: actor, summary: "恢复：\(row.level1)\(row.level2.isEmpty ? "" : "／\(row.level2)")") { db in
            item.active = true
            item.position = last + 1
            item.updatedAt = services.clock.now()
            try await item.update(on: db)
        }
    }

    /// Rows taken out of a domain's catalogue, most recent first (for 恢复).
    func removedRows(_ orgID: Int, _ domain: String, limit: Int = 20) async throws -> [CatalogueItem] {
        try await CatalogueItem.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$domain == domain)
            .filter(\.$active == false).sort(\.$updatedAt, .descending).limit(limit).all()
    }

    /// Replaces the whole catalogue with imported rows. A row with the same 一级/二级事项 and content
    /// keeps its identity (and the items linked to it); rows no longer present are taken out.
    /// Returns false, changing nothing, when the rows are exactly the current ones (no new version).
    @discardableResult
    func replace(org: Int, domain: String, with rows: [CatalogueRow], actor: AuditActor, source: String) async throws -> Bool {
        let current = try await self.rows(org, domain)
        if current.map(\.row) == rows { return false }
        try await change(org: org, domain: domain, actor: actor, summary: "导入\(source)：\(rows.count)项") { db in
            var unused = current
            for (i, row) in rows.enumerated() {
                let item: CatalogueItem
                if let k = unused.firstIndex(where: { $0.row.level1 == row.level1 && $0.row.level2 == row.level2 && $0.row.content == row.content }) {
                    item = unused.remove(at: k)
                } else {
                    item = CatalogueItem()
                    item.id = UUID()
                    item.organisationID = org
                    item.domain = domain
                    item.active = true
                }
                item.position = i + 1
                item.rowJSON = try Self.json(row)
                item.updatedAt = services.clock.now()
                try await item.save(on: db)
            }
            for gone in unused {
                gone.active = false
                gone.updatedAt = services.clock.now()
                try await gone.update(on: db)
            }
        }
        return true
    }

    /// Writes the change, then a version with the full rows, and the audit record, in one transaction.
    func change(org: Int, domain: String, actor: AuditActor, summary: String, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await body(db)
            let rows = try await CatalogueItem.query(on: db).filter(\.$organisationID == org).filter(\.$domain == domain)
                .filter(\.$active == true).sort(\.$position).all().map(\.row)
            let last = try await CatalogueVersion.query(on: db).filter(\.$organisationID == org).filter(\.$domain == domain)
                .sort(\.$version, .descending).first()
            let v = CatalogueVersion()
            v.id = UUID()
            v.organisationID = org
            v.domain = domain
            v.version = (last?.version ?? 0) + 1
            v.summary = summary
            v.rowsJSON = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
            v.changedAt = services.clock.now()
            v.changedBy = actor.name
            v.changedByID = actor.id.flatMap(UUID.init(uuidString:))
            try await v.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: org, entity: .catalogue, entityID: domain,
                                   action: "第\(v.version)版", changes: [.init(field: "summary", before: nil, after: summary)])
        }
    }

    static func json(_ row: CatalogueRow) throws -> String {
        String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
    }
}
