import FluentKit
import Foundation
import SQLKit

/// The rows of a bulk import written beside Fluent: multi-row INSERTs with every value bound,
/// without Fluent's reflection-based encoding of each model (a tenth of the import's CPU, and all
/// of it on the one sequence of writes; issue 21). The values are bound exactly as Fluent binds
/// them (the same SQLKit encoder), so the rows read back through the models unchanged; the column
/// lists are checked against the models' own fields by ImportRowsTests.
enum ImportRows {
    static let itemColumns = [
        "id", "organisation_id", "index_number", "year", "serial", "title", "document_number", "co_issuers", "written_on",
        "formed_on", "kind", "genre", "topic", "keywords", "summary", "body_html", "columns", "attribute", "ground",
        "ground_reason", "reevaluate_on", "validity", "effective_on", "expires_on", "successor_id", "interprets_id",
        "needs_interpretation", "interpretation_form", "qa_text", "media_url", "status", "review_step", "publish_at",
        "published_at", "author_id", "author_name", "override_reason", "override_by", "version", "created_at", "updated_at",
    ]

    static func itemValues(_ i: InformationItem) -> [any Encodable & Sendable] {
        [i.id, i.organisationID, i.indexNumber, i.year, i.serial, i.title, i.documentNumber, i.coIssuers, i.writtenOn,
         i.formedOn, i.kind, i.genre, i.topic, i.keywords, i.summary, i.bodyHTML, i.columns, i.attribute, i.ground,
         i.groundReason, i.reevaluateOn, i.validity, i.effectiveOn, i.expiresOn, i.successorID, i.interpretsID,
         i.needsInterpretation, i.interpretationForm, i.qaText, i.mediaURL, i.status, i.reviewStep, i.publishAt,
         i.publishedAt, i.authorID, i.authorName, i.overrideReason, i.overrideBy, i.version, i.createdAt, i.updatedAt]
    }

    static let eventColumns = ["id", "item_id", "seq", "action", "actor_name", "note", "at"]

    static func eventValues(_ e: ItemEvent) -> [any Encodable & Sendable] {
        [e.id, e.itemID, e.sequence, e.action, e.actorName, e.note, e.at]
    }

    /// Inserts `rows` into `table`, 100 to a statement (under both databases' limits on bound
    /// values: 41 columns × 100 rows), through the same `SQLBatch` as the index and column rows.
    static func insert<Row>(_ rows: [Row], into table: String, columns: [String], on db: any Database,
                            values: (Row) -> [any Encodable & Sendable]) async throws {
        guard let sql = db as? any SQLDatabase else { throw ImportRowsError.notSQL }
        try await SQLBatch.insert(rows, into: "INSERT INTO \(ident: table) (\(idents: columns, joinedBy: ", ")) VALUES ", chunk: 100,
                                  on: sql) { "(\(binds: values($0)))" }
    }

    enum ImportRowsError: Error { case notSQL }
}
