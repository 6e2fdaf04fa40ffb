import FluentKit
import Foundation
import GongkaiDomain

/// Keeps the index in step with publication and answers searches with the items themselves.
struct SearchService: Sendable {
    let services: AppServices

    var index: any SearchIndex { SearchIndexes.forDatabase(services.db) }

    /// The text of an item as the index sees it: body, 文号, 索引号 and attachment text.
    func document(for item: InformationItem) async throws -> SearchDocument {
        let attachments = try await PublishingDesk(services: services).attachmentTexts(of: item).map(\.text)
        let text = ([HTMLSanitizer.plainText(item.bodyHTML), item.documentNumber, item.indexNumber, item.keywords, item.summary] + attachments)
            .filter { !$0.isEmpty }.joined(separator: "\n")
        return SearchDocument(itemID: try item.requireID(), title: item.title, text: text)
    }

    /// Public items are (re)indexed; anything else is taken out at once.
    func update(_ item: InformationItem) async throws {
        if item.isPublic {
            try await index.upsert(try await document(for: item), on: services.db)
        } else if let id = item.id {
            try await index.remove(id, on: services.db)
        }
    }

    struct Page: Sendable {
        let items: [InformationItem]
        let total: Int
    }

    func search(_ q: SearchQuery, filter: SearchFilter, page: Int, perPage: Int) async throws -> Page {
        let hits = try await index.search(q, filter: filter, offset: max(0, page - 1) * perPage, limit: perPage, on: services.db)
        guard !hits.ids.isEmpty else { return Page(items: [], total: hits.total) }
        let found = try await ItemQueries.publicItems(on: services.db).filter(\.$id ~~ hits.ids).all()
        let byID = Dictionary(found.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        return Page(items: hits.ids.compactMap { byID[$0] }, total: hits.total)
    }

    /// Rebuilds the whole index (after an import or an upgrade).
    func reindexAll() async throws -> Int {
        let items = try await ItemQueries.publicItems(on: services.db).all()
        for i in items { try await index.upsert(try await document(for: i), on: services.db) }
        return items.count
    }
}
