import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// What the index holds for one public item: its title, and the rest of its text (body, 文号,
/// 索引号, attachment text), both as the tokenizer's unigram and bigram columns.
struct SearchDocument: Sendable {
    let itemID: UUID
    let title: String
    let text: String
}

/// Filters on the item's metadata, applied with the match.
struct SearchFilter: Sendable, Equatable {
    var organisationID: Int?
    var kind: String?
    var topic: String?
    var validity: String?
    var fromYear: Int?
    var toYear: Int?
}

struct SearchHits: Sendable {
    let ids: [UUID]
    let total: Int
}

/// One interface, two implementations (SQLite FTS5, PostgreSQL tsvector). The index only ever holds
/// public items; every query also re-checks the item's public state, so nothing else can surface.
protocol SearchIndex: Sendable {
    func upsert(_ doc: SearchDocument, on db: any Database) async throws
    func remove(_ itemID: UUID, on db: any Database) async throws
    func search(_ q: SearchQuery, filter: SearchFilter, offset: Int, limit: Int, on db: any Database) async throws -> SearchHits
}

enum SearchIndexes {
    static func forDatabase(_ db: any Database) -> any SearchIndex {
        (db as? any SQLDatabase)?.dialect.name == "postgresql" ? PostgresSearchIndex() : SQLiteSearchIndex()
    }

    /// The WHERE conditions on `information_items i` shared by both implementations.
    static func conditions(_ f: SearchFilter) -> SQLQueryString {
        var s: SQLQueryString = "i.status = 'published' AND i.attribute = 'proactive'"
        if let o = f.organisationID { s = s + " AND i.organisation_id = \(bind: o)" }
        if let k = f.kind { s = s + " AND i.kind = \(bind: k)" }
        if let t = f.topic { s = s + " AND (i.topic = \(bind: t) OR i.topic LIKE \(bind: t + "/%"))" }
        if let v = f.validity { s = s + " AND i.validity = \(bind: v)" }
        if let y = f.fromYear { s = s + " AND i.written_on >= \(bind: "\(y)-01-01")" }
        if let y = f.toYear { s = s + " AND i.written_on <= \(bind: "\(y)-12-31")" }
        return s
    }
}

/// SQLite FTS5: a contentless-style table of token columns; title columns weigh ten times the text.
struct SQLiteSearchIndex: SearchIndex {
    static let createSQL = "CREATE VIRTUAL TABLE IF NOT EXISTS item_search USING fts5(item_id UNINDEXED, title_uni, title_bi, text_uni, text_bi, tokenize = 'unicode61 remove_diacritics 0')"

    func upsert(_ doc: SearchDocument, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let t = SearchTokenizer.indexColumns(doc.title), x = SearchTokenizer.indexColumns(doc.text)
        try await remove(doc.itemID, on: db)
        try await sql.raw("INSERT INTO item_search (item_id, title_uni, title_bi, text_uni, text_bi) VALUES (\(bind: doc.itemID.uuidString), \(bind: t.unigrams), \(bind: t.bigrams), \(bind: x.unigrams), \(bind: x.bigrams))").run()
    }

    func remove(_ itemID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM item_search WHERE item_id = \(bind: itemID.uuidString)").run()
    }

    func search(_ q: SearchQuery, filter: SearchFilter, offset: Int, limit: Int, on db: any Database) async throws -> SearchHits {
        guard let sql = db as? any SQLDatabase, !q.isEmpty else { return SearchHits(ids: [], total: 0) }
        // Each part in title or text: {title_bi text_bi} : "a b".
        let match = q.parts.map { p -> String in
            let cols = p.column == "uni" ? "{title_uni text_uni}" : "{title_bi text_bi}"
            return "\(cols) : \"" + p.terms.joined(separator: " ") + "\""
        }.joined(separator: " AND ")
        let cond = SearchIndexes.conditions(filter)
        let from: SQLQueryString = "FROM item_search s JOIN information_items i ON i.id = s.item_id WHERE item_search MATCH \(bind: match) AND " + cond
        let totalRow = try await sql.raw("SELECT count(*) AS n " + from).first()
        let total = try totalRow?.decode(column: "n", as: Int.self) ?? 0
        // bm25 is smaller for better matches; a newer item wins a tie and gains a little.
        let rows = try await sql.raw("SELECT s.item_id AS id " + from
            + " ORDER BY bm25(item_search, 0.0, 10.0, 10.0, 1.0, 1.0) - (i.published_at / 1.0e10), i.published_at DESC LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        let ids = try rows.compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) }
        return SearchHits(ids: ids, total: total)
    }
}

/// PostgreSQL: tsvectors of the token columns ('simple' configuration: our tokens are already
/// split), title weighted A, with phrase queries (<->) and a GIN index.
struct PostgresSearchIndex: SearchIndex {
    static let createSQL = [
        "CREATE TABLE IF NOT EXISTS item_search (item_id uuid PRIMARY KEY, uni tsvector NOT NULL, bi tsvector NOT NULL)",
        "CREATE INDEX IF NOT EXISTS item_search_uni ON item_search USING gin (uni)",
        "CREATE INDEX IF NOT EXISTS item_search_bi ON item_search USING gin (bi)",
    ]

    func upsert(_ doc: SearchDocument, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let t = SearchTokenizer.indexColumns(doc.title), x = SearchTokenizer.indexColumns(doc.text)
        try await sql.raw("""
            INSERT INTO item_search (item_id, uni, bi) VALUES (\(bind: doc.itemID),
              setweight(to_tsvector('simple', \(bind: t.unigrams)), 'A') || to_tsvector('simple', \(bind: x.unigrams)),
              setweight(to_tsvector('simple', \(bind: t.bigrams)), 'A') || to_tsvector('simple', \(bind: x.bigrams)))
            ON CONFLICT (item_id) DO UPDATE SET uni = EXCLUDED.uni, bi = EXCLUDED.bi
            """).run()
    }

    func remove(_ itemID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM item_search WHERE item_id = \(bind: itemID)").run()
    }

    func search(_ q: SearchQuery, filter: SearchFilter, offset: Int, limit: Int, on db: any Database) async throws -> SearchHits {
        guard let sql = db as? any SQLDatabase, !q.isEmpty else { return SearchHits(ids: [], total: 0) }
        func query(_ column: String) -> String? {
            let parts = q.parts.filter { $0.column == column }
            guard !parts.isEmpty else { return nil }
            return parts.map { "(" + $0.terms.map { "'\($0)'" }.joined(separator: " <-> ") + ")" }.joined(separator: " & ")
        }
        var match: SQLQueryString = "TRUE"
        var rank: SQLQueryString = "0"
        if let b = query("bi") {
            match = match + " AND s.bi @@ to_tsquery('simple', \(bind: b))"
            rank = rank + " + ts_rank(s.bi, to_tsquery('simple', \(bind: b)))"
        }
        if let u = query("uni") {
            match = match + " AND s.uni @@ to_tsquery('simple', \(bind: u))"
            rank = rank + " + ts_rank(s.uni, to_tsquery('simple', \(bind: u)))"
        }
        let from: SQLQueryString = "FROM item_search s JOIN information_items i ON i.id = s.item_id WHERE " + match + " AND " + SearchIndexes.conditions(filter)
        let total = try await sql.raw("SELECT count(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT s.item_id AS id " + from + " ORDER BY (" + rank + ") DESC, i.published_at DESC LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        return SearchHits(ids: try rows.map { try $0.decode(column: "id", as: UUID.self) }, total: total)
    }
}
