import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// One row per (public item, column it is listed in), with the organisation and publication time:
/// the column pages and their counts read a small index instead of scanning the items (whose
/// bodies make every row large). Kept for public items only, updated wherever search is.
enum ColumnListing {
    static func update(_ item: InformationItem, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, let id = item.id else { return }
        try await sql.raw("DELETE FROM public_column_entries WHERE item_id = \(bind: id)").run()
        try await insertNew([item], on: db)
    }

    /// Entries for public items that have none yet (bulk import), several rows per statement.
    static func insertNew(_ items: [InformationItem], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        var rows: [(UUID, Int, String, Double)] = []
        for item in items where item.isPublic {
            guard let id = item.id, let published = item.publishedAt else { continue }
            for key in Set(item.columnKeys) { rows.append((id, item.organisationID, key, published.timeIntervalSince1970)) }
        }
        try await SQLBatch.insert(rows, into: "INSERT INTO public_column_entries (item_id, organisation_id, column_key, published_at) VALUES ",
                                  chunk: 200, on: sql) { "(\(bind: $0.0), \(bind: $0.1), \(bind: $0.2), \(bind: $0.3))" }
    }

    /// One page of a column, newest first: the item ids and the total.
    static func page(_ key: String, organisationID: Int, offset: Int, limit: Int, on db: any Database) async throws -> (ids: [UUID], total: Int) {
        guard let sql = db as? any SQLDatabase else { return ([], 0) }
        let total = try await sql.raw("SELECT count(*) AS n FROM public_column_entries WHERE organisation_id = \(bind: organisationID) AND column_key = \(bind: key)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT item_id FROM public_column_entries WHERE organisation_id = \(bind: organisationID) AND column_key = \(bind: key) ORDER BY published_at DESC, item_id LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        return (try rows.map { try $0.decode(column: "item_id", as: UUID.self) }, total)
    }

    static func counts(organisationID: Int, on db: any Database) async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT column_key, count(*) AS n FROM public_column_entries WHERE organisation_id = \(bind: organisationID) GROUP BY column_key").all()
        var out: [String: Int] = [:]
        for r in rows { out[try r.decode(column: "column_key", as: String.self)] = try r.decode(column: "n", as: Int.self) }
        return out
    }

    /// Fills the listing from the items (migration, restore, bulk loads).
    static func rebuild(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM public_column_entries").run()
        for item in try await ItemQueries.publicItems(on: db).all() { try await update(item, on: db) }
    }
}
