import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// What the index was given for an item, read back from the item and its attachments: the terms
/// `SearchService.document` makes, for checks the index itself cannot answer cheaply.
struct IndexedSource: Sendable {
    let title: String
    let bodyHTML: String
    let documentNumber: String
    let indexNumber: String
    let keywords: String
    let summary: String
    let attachments: [String]

    init(title: String, bodyHTML: String, documentNumber: String, indexNumber: String, keywords: String, summary: String, attachments: [String]) {
        self.title = title
        self.bodyHTML = bodyHTML
        self.documentNumber = documentNumber
        self.indexNumber = indexNumber
        self.keywords = keywords
        self.summary = summary
        self.attachments = attachments
    }

    /// What the index is given for `item` (`SearchService.document`).
    init(_ item: InformationItem, attachments: [String]) {
        self.init(title: item.title, bodyHTML: item.bodyHTML, documentNumber: item.documentNumber, indexNumber: item.indexNumber,
                  keywords: item.keywords, summary: item.summary, attachments: attachments)
    }

    var titleTerms: String { SearchTokenizer.indexTerms(title) }

    /// The text beside the title, as the index holds it.
    var text: String {
        SearchService.indexedText(bodyHTML: bodyHTML, documentNumber: documentNumber, indexNumber: indexNumber,
                                  keywords: keywords, summary: summary, attachments: attachments)
    }

    func textTerms() -> String { SearchTokenizer.indexTerms(text) }

    /// The sources of `ids` (public or not: the index decides what is public); only titles when
    /// `titleOnly`.
    static func of(_ ids: [UUID], titleOnly: Bool, on db: any Database) async throws -> [UUID: IndexedSource] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: IndexedSource] = [:]
        for start in stride(from: 0, to: ids.count, by: 200) {
            let part = Array(ids[start..<min(ids.count, start + 200)])
            var query: SQLQueryString = titleOnly
                ? "SELECT id, title FROM information_items WHERE id IN ("
                : "SELECT id, title, body_html, document_number, index_number, keywords, summary FROM information_items WHERE id IN ("
            for (k, id) in part.enumerated() {
                if k > 0 { query += ", " }
                query += "\(bind: id.uuidString)"
            }
            query += ")"
            let attachments = titleOnly ? [:] : try await AttachmentTexts.of(itemIDs: part, on: db)
            for r in try await sql.raw(query).all() {
                guard let id = UUIDText.parse(try r.decode(column: "id", as: String.self)) else { continue }
                func text(_ column: String) throws -> String { titleOnly ? "" : try r.decode(column: column, as: String.self) }
                out[id] = IndexedSource(title: try r.decode(column: "title", as: String.self), bodyHTML: try text("body_html"),
                                        documentNumber: try text("document_number"), indexNumber: try text("index_number"),
                                        keywords: try text("keywords"), summary: try text("summary"), attachments: attachments[id] ?? [])
            }
        }
        return out
    }
}
