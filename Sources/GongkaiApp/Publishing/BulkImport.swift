import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// Documents brought over in bulk (the archive of an earlier website; the search benchmark):
/// published 主动公开 items with their own dates, numbered with the organisation's 索引号 pattern,
/// sanitised like any body, indexed for search and the column lists, with an "imported" step in
/// each item's history and one audit record per batch. A batch is one transaction: all or nothing.
public struct BulkImport: Sendable {
    public struct Document: Sendable {
        public var title: String
        public var bodyHTML: String
        public var documentNumber: String
        public var writtenOn: CivilDate
        public var kind: InformationKind
        public var genre: String
        public var topic: String
        public var columns: [String]
        public var validity: Validity
        public var publishedAt: Date

        public init(title: String, bodyHTML: String, documentNumber: String, writtenOn: CivilDate, kind: InformationKind, genre: String,
                    topic: String, columns: [String], validity: Validity, publishedAt: Date) {
            self.title = title
            self.bodyHTML = bodyHTML
            self.documentNumber = documentNumber
            self.writtenOn = writtenOn
            self.kind = kind
            self.genre = genre
            self.topic = topic
            self.columns = columns
            self.validity = validity
            self.publishedAt = publishedAt
        }
    }

    public struct Problem: Error, CustomStringConvertible {
        public let position: Int
        public let message: String
        public var description: String { "第\(position + 1)条：\(message)" }
    }

    let services: AppServices

    public init(services: AppServices) {
        self.services = services
    }

    /// Checks, numbers and stores `docs` for `org`; returns their ids in order.
    @discardableResult
    public func publish(_ docs: [Document], in org: Organisation, author: StaffUser, actor: AuditActor) async throws -> [UUID] {
        let orgID = try org.requireID()
        let allowed = Set(DisclosureColumn.columns(for: org.kind).map(\.key))
        for (n, d) in docs.enumerated() {
            let title = d.title.trimmingSpaces()
            if title.isEmpty || title.count > 200 { throw Problem(position: n, message: "标题应为1–200字") }
            if d.columns.isEmpty { throw Problem(position: n, message: "至少选择一个栏目") }
            if let bad = d.columns.first(where: { !allowed.contains($0) }) { throw Problem(position: n, message: "栏目“\(bad)”不适用于\(org.name)") }
        }
        let pattern = try await PublishingDesk(services: services).settings(for: orgID).indexPattern
        let authorID = try author.requireID()
        let audit = services.audit
        return try await services.db.transaction { db in
            var nextSerial: [Int: Int] = [:]
            var items: [InformationItem] = []
            let now = Date()
            for d in docs {
                let year = d.writtenOn.year
                if nextSerial[year] == nil {
                    let last = try await InformationItem.query(on: db).filter(\.$organisationID == orgID).filter(\.$year == year)
                        .sort(\.$serial, .descending).first()
                    nextSerial[year] = (last?.serial ?? 0) + 1
                }
                let item = InformationItem()
                item.id = UUID()
                item.organisationID = orgID
                item.year = year
                item.serial = nextSerial[year]!
                nextSerial[year]! += 1
                item.indexNumber = pattern.format(creditCode: org.creditCode ?? "", organisationID: orgID, year: year, serial: item.serial)
                item.title = d.title.trimmingSpaces()
                item.documentNumber = d.documentNumber
                item.coIssuers = ""
                item.writtenOn = d.writtenOn.description
                item.formedOn = d.writtenOn.description
                item.kind = d.kind.rawValue
                item.genre = d.genre
                item.topic = d.topic
                item.keywords = ""
                item.summary = ""
                item.bodyHTML = HTMLSanitizer.sanitize(d.bodyHTML)
                item.columns = " " + d.columns.joined(separator: " ") + " "
                item.attribute = DisclosureAttribute.proactive.rawValue
                item.groundReason = ""
                item.validity = d.validity.rawValue
                item.needsInterpretation = false
                item.status = ReviewFlow.State.published.stored.status
                item.publishedAt = d.publishedAt
                item.authorID = authorID
                item.authorName = author.displayName
                item.version = 1
                item.createdAt = now
                item.updatedAt = now
                items.append(item)
            }
            try await items.create(on: db)
            try await items.map { item in
                let e = ItemEvent()
                e.id = UUID()
                e.itemID = item.id!
                e.sequence = 1
                e.action = "imported"
                e.actorName = actor.name
                e.note = ""
                e.at = now
                return e
            }.create(on: db)
            try await SearchIndexes.forDatabase(db).insertNew(try items.map { try SearchService.document(for: $0, attachmentTexts: []) }, on: db)
            try await ColumnListing.insertNew(items, on: db)
            try await audit.record(on: db, actor: actor, organisationID: orgID, entity: .informationItem,
                                   entityID: items.first?.indexNumber ?? "", action: "批量导入",
                                   changes: [.init(field: "count", before: nil, after: String(items.count))])
            return items.map { $0.id! }
        }
    }
}
