import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// What the search page shows of one result, read without the whole item: the page used to read
/// every column of twenty items through Fluent's reflection and decode four UUIDs and whole bodies
/// of each, a fifth of a search request's work (issue 21).
struct SearchResultRow: Sendable {
    let id: UUID
    let organisationID: Int
    let title: String
    let publishedAt: Date?
    let kind: InformationKind
    let validity: Validity
    let expiresOn: String?
    let summary: String
    /// The body's first `SearchResultRows.headCharacters` characters.
    let bodyHead: String
    /// Whether `bodyHead` is the whole body.
    let bodyIsWhole: Bool

    func currentValidity(today: CivilDate) -> Validity {
        validity.effective(changesOn: expiresOn.flatMap(CivilDate.init(iso:)), today: today)
    }
}

enum SearchResultRows {
    /// Characters of a body read with the row: a first screenful or so, where most matches are.
    static let headCharacters = 3_000

    /// The public items among `ids`, in the order of `ids` (what is no longer public is left out,
    /// the same rule as `ItemQueries.publicItems`).
    static func of(_ ids: [UUID], on db: any Database) async throws -> [SearchResultRow] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw("""
            SELECT id, organisation_id, title, published_at, kind, validity, expires_on, summary,
                   substr(body_html, 1, \(literal: headCharacters)) AS body_head, length(body_html) AS body_length
            FROM information_items
            WHERE id IN (\(binds: ids)) AND status = \(bind: ReviewFlow.State.published.stored.status)
              AND attribute = \(bind: DisclosureAttribute.proactive.rawValue)
            """).all()
        var byID: [UUID: SearchResultRow] = [:]
        for r in rows {
            let id = try r.decode(column: "id", as: UUID.self)
            byID[id] = SearchResultRow(
                id: id, organisationID: try r.decode(column: "organisation_id", as: Int.self),
                title: try r.decode(column: "title", as: String.self),
                publishedAt: try r.decode(column: "published_at", as: Date?.self),
                kind: InformationKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other,
                validity: Validity(rawValue: try r.decode(column: "validity", as: String.self)) ?? .inForce,
                expiresOn: try r.decode(column: "expires_on", as: String?.self),
                summary: try r.decode(column: "summary", as: String.self),
                bodyHead: try r.decode(column: "body_head", as: String.self),
                bodyIsWhole: try r.decode(column: "body_length", as: Int.self) <= headCharacters)
        }
        return ids.compactMap { byID[$0] }
    }

    /// Whole bodies, for the few results whose match is not near the top.
    static func bodies(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: String] = [:]
        for r in try await sql.raw("SELECT id, body_html FROM information_items WHERE id IN (\(binds: ids))").all() {
            out[try r.decode(column: "id", as: UUID.self)] = try r.decode(column: "body_html", as: String.self)
        }
        return out
    }
}
