import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// Queries with a part ending in a single character after other terms (`2024年`, `第3号`): FTS5
/// finds the newest matches of the part without that character, and each one's text is checked
/// for the whole part, until `limit` are found. When the cut query is much broader than the whole
/// one (the check passes rarely), after twice the limit and `checkAllowance` documents the plain
/// FTS5 query answers instead:
/// complete either way, and the work bounded by the cheaper of the two plus the budget.
extension SQLiteSearchIndex {
    func checkedCandidates(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, limit: Int,
                           on db: any Database) async throws -> [SearchCandidate]? {
        guard let sql = db as? any SQLDatabase, let cut = q.withoutTrailingCharacters, limit > 0 else { return nil }
        let parts = q.cutParts
        let budget = 2 * limit + checkAllowance
        var found: [SearchCandidate] = []
        var below: Int? = nil
        var examined = 0
        var chunk = min(limit + limit / 4 + 8, budget)
        while found.count < limit {
            if examined >= budget { return nil }
            let rows = try await numbered(cut, filter: filter, titleOnly: titleOnly, below: below, limit: chunk, on: sql)
            guard let last = rows.last else { break }
            below = last.doc
            examined += rows.count
            let batch = rows.map(\.candidate)
            let items = try await Self.itemIDs(rows.map(\.doc), on: sql)
            let texts = try await IndexedSource.of(rows.compactMap { items[$0.doc] }, titleOnly: titleOnly, on: db)
            // Reading back and tokenising texts is the work here (about 120 µs an item): on Dispatch's
            // threads on every core, so the cooperative threads serving requests are not held.
            let sources = rows.map { items[$0.doc].flatMap { texts[$0] } }
            let holds = await BulkImport.parallelMap(Array(sources.indices), workers: ProcessInfo.processInfo.activeProcessorCount) { k in
                sources[k].map { Self.holds(parts, in: $0, titleOnly: titleOnly) } ?? false
            }
            for (c, ok) in zip(batch, holds) where ok && found.count < limit { found.append(c) }
            if rows.count < chunk { break }
            chunk = min(chunk * 2, max(1, budget - examined))
        }
        return found
    }

    /// Whether every cut part occurs in the title, or unless `titleOnly` in the text (the text's
    /// terms made only when the title does not answer).
    static func holds(_ parts: [SearchQuery.Part], in source: IndexedSource, titleOnly: Bool) -> Bool {
        let title = source.titleTerms
        var text: String? = nil
        return parts.allSatisfy { part in
            if part.occurs(inTerms: title) { return true }
            if titleOnly { return false }
            if text == nil { text = source.textTerms() }
            return part.occurs(inTerms: text ?? "")
        }
    }
}
