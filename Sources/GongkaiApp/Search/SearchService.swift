import FluentKit
import Foundation
import GongkaiDomain

/// Keeps the index in step with publication and answers searches with the items themselves.
struct SearchService: Sendable {
    let services: AppServices

    var index: any SearchIndex { SearchIndexes.forDatabase(services.db) }

    /// The text of an item as the index sees it: body, 文号, 索引号, keywords, summary and
    /// attachment text; plus its facet terms and publication time.
    static func document(for item: InformationItem, on db: any Database) async throws -> SearchDocument {
        try document(for: item, attachmentTexts: try await AttachmentTexts.of(item, on: db).map(\.text))
    }

    static func document(for item: InformationItem, attachmentTexts attachments: [String]) throws -> SearchDocument {
        SearchDocument(itemID: try item.requireID(), title: item.title, text: IndexedSource(item, attachments: attachments).text,
                       facets: SearchFacets.terms(organisationID: item.organisationID, kind: item.kind, topic: item.topic,
                                                  validity: item.validity, writtenOn: item.writtenOn),
                       published: (item.publishedAt ?? item.updatedAt).timeIntervalSince1970)
    }

    /// The text the index holds beside the title (also made by `BulkImport` on all cores).
    static func indexedText(bodyHTML: String, documentNumber: String, indexNumber: String, keywords: String, summary: String,
                            attachments: [String]) -> String {
        indexedText(plainText: HTMLSanitizer.plainText(bodyHTML), documentNumber: documentNumber, indexNumber: indexNumber,
                    keywords: keywords, summary: summary, attachments: attachments)
    }

    /// The index terms of `indexedText(plainText:…)` from the terms of the plain text and of the
    /// attachment texts, made beforehand (a bulk import makes them before the 索引号 is known). The
    /// parts are joined by line breaks, where the tokenizer starts afresh, so the terms of the whole
    /// are the parts' terms in order (`IndexedTermsTests` holds the two to each other).
    static func indexedTerms(plainTextTerms: String, documentNumber: String, indexNumber: String, keywords: String, summary: String,
                             attachmentTerms: [String]) -> String {
        ([plainTextTerms] + [documentNumber, indexNumber, keywords, summary].map(SearchTokenizer.indexTerms) + attachmentTerms)
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The same from the body's plain text, already made.
    static func indexedText(plainText: String, documentNumber: String, indexNumber: String, keywords: String, summary: String,
                            attachments: [String]) -> String {
        ([plainText, documentNumber, indexNumber, keywords, summary] + attachments)
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Public items are (re)indexed; anything else is taken out at once. `db` may be a transaction.
    static func update(_ item: InformationItem, on db: any Database) async throws {
        let index = SearchIndexes.forDatabase(db)
        if item.isPublic {
            try await index.upsert(try await document(for: item, on: db), on: db)
        } else if let id = item.id {
            try await index.remove(id, on: db)
        }
    }

    struct Page: Sendable {
        let items: [InformationItem]
        let total: Int
        let exact: Bool
        /// Set when the query as typed found nothing and its parts were searched instead.
        var relaxed: SearchQuery? = nil
    }

    /// The index's answer for one page: the items' ids in order, before they are read.
    struct Found: Sendable {
        let ids: [UUID]
        let total: Int
        let exact: Bool
        /// Set when the query as typed found nothing and its parts were searched instead.
        var relaxed: SearchQuery? = nil
    }

    /// Results of `q` as whole items (`find`).
    func search(_ q: SearchQuery, filter: SearchFilter, page: Int, perPage: Int, relaxing: Bool = false) async throws -> Page {
        let found = try await find(q, filter: filter, page: page, perPage: perPage, relaxing: relaxing)
        return Page(items: try await ItemQueries.publicItems(found.ids, on: services.db), total: found.total, exact: found.exact, relaxed: found.relaxed)
    }

    /// Results of `q`; when it finds nothing and `relaxing`, of its looser form (`SearchQuery.relaxed`).
    func find(_ q: SearchQuery, filter: SearchFilter, page: Int, perPage: Int, relaxing: Bool = false) async throws -> Found {
        let hits = try await index.search(q, filter: filter, offset: Paging.window(page: page, perPage: perPage).lowerBound, limit: perPage,
                                          currentYear: services.clock.today().year, on: services.db)
        if relaxing, hits.total == 0, let loose = q.relaxed() {
            var result = try await find(loose, filter: filter, page: page, perPage: perPage)
            if result.total > 0 {
                result.relaxed = loose
                return result
            }
            // Still nothing: leave out the words no document has at all ("申请" in 怎么申请临时救助).
            var found: [SearchQuery.Part] = []
            for part in loose.parts.prefix(8) {
                let alone = try await index.search(loose.keeping([part]), filter: filter, offset: 0, limit: 1,
                                                   currentYear: services.clock.today().year, on: services.db)
                if alone.total > 0 { found.append(part) }
            }
            guard !found.isEmpty, found.count < loose.parts.count else { return result }
            let kept = loose.keeping(found)
            result = try await find(kept, filter: filter, page: page, perPage: perPage)
            if result.total > 0 { result.relaxed = kept }
            return result
        }
        return Found(ids: hits.ids, total: hits.total, exact: hits.exact)
    }

    /// Rebuilds the whole index (after an import or an upgrade).
    static func reindexAll(on db: any Database) async throws -> Int {
        let index = SearchIndexes.forDatabase(db)
        let items = try await ItemQueries.publicItems(on: db).all()
        for i in items { try await index.upsert(try await document(for: i, on: db), on: db) }
        return items.count
    }
}
