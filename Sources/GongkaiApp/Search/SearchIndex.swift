import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// What the index holds for one public item: its title, the rest of its text (body, 文号, 索引号,
/// attachment text), its filter values as facet terms, and its publication time for recency.
struct SearchDocument: Sendable {
    let itemID: UUID
    let title: String
    let facets: String
    let published: Double
    /// The index terms of the title and of the text, made once here, so that a bulk import can make
    /// them on all cores before its transaction (both indexes store these, never the raw text).
    let titleTerms: String
    let textTerms: String

    init(itemID: UUID, title: String, text: String, facets: String, published: Double) {
        self.init(itemID: itemID, title: title, titleTerms: SearchTokenizer.indexTerms(title),
                  textTerms: SearchTokenizer.indexTerms(text), facets: facets, published: published)
    }

    /// With the terms made beforehand (`SearchService.indexedTerms`).
    init(itemID: UUID, title: String, titleTerms: String, textTerms: String, facets: String, published: Double) {
        self.itemID = itemID
        self.title = title
        self.facets = facets
        self.published = published
        self.titleTerms = titleTerms
        self.textTerms = textTerms
    }
}

/// Filters on the item's metadata; they become facet terms looked up in the index itself.
struct SearchFilter: Sendable, Equatable {
    var organisationID: Int?
    var kind: String?
    var topic: String?
    var validity: String?
    var fromYear: Int?
    var toYear: Int?

    /// An open end of the year range stops at the first year a 成文日期 can have or next year.
    func selection(currentYear: Int) -> SearchFacets.Selection {
        var years: ClosedRange<Int>?
        if fromYear != nil || toYear != nil {
            let from = fromYear ?? 1949, to = toYear ?? max(from, currentYear + 1)
            years = from <= to ? from...to : to...from
        }
        return SearchFacets.Selection(organisationID: organisationID, kind: kind, topic: topic, validity: validity, years: years)
    }
}

/// A match as its index knows it: SQLite's document number, PostgreSQL's item id. A search carries
/// keys through its candidates, ranking and title checks and asks for item ids only for the page
/// it shows (issue 21: with the numbers read as one value, `ConcatenatedNumbers`, this halved the
/// index's median time at 100,000 documents).
enum SearchKey: Hashable, Sendable {
    case document(Int)
    case item(UUID)

    /// The last tie-break of an order (items of one second): the higher document number, which is
    /// the later one; the higher id between items, which is at least always the same.
    func newer(than other: SearchKey) -> Bool {
        switch (self, other) {
        case let (.document(a), .document(b)): return a > b
        case let (.item(a), .item(b)): return a.uuidString > b.uuidString
        case (.document, .item): return true
        case (.item, .document): return false
        }
    }
}

/// One match: its key, when it was published, and how well it matched (higher is better).
struct SearchCandidate: Sendable {
    let key: SearchKey
    let published: Double
    let score: Double

    /// Newest first: the later publication, then the key's own order.
    func newer(than other: SearchCandidate) -> Bool {
        published != other.published ? published > other.published : key.newer(than: other.key)
    }
}

struct SearchHits: Sendable {
    let ids: [UUID]
    /// The number of matches, or `SearchIndexes.window` when there are more (`exact` is false).
    let total: Int
    let exact: Bool
}

/// One interface, two implementations (SQLite FTS5, PostgreSQL tsvector). The index only ever holds
/// public items, and the items shown are re-read through `ItemQueries.publicItems`.
protocol SearchIndex: Sendable {
    func upsert(_ doc: SearchDocument, on db: any Database) async throws
    func remove(_ itemID: UUID, on db: any Database) async throws
    /// Adds items not yet in the index (bulk import), in as few statements as the database allows.
    func insertNew(_ docs: [SearchDocument], on db: any Database) async throws
    /// The newest `limit` matches of the query and filter (in the title alone when `titleOnly`),
    /// with score 0: relevance is `describe`'s, for an exact result only.
    func candidates(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, limit: Int,
                    on db: any Database) async throws -> [SearchCandidate]
    /// For matches already found (at most a window of them, all of the query's matches under
    /// `filter`): each one's relevance, whether the query matches its title, and whether it is an
    /// interpretation with the query in its title.
    func describe(_ q: SearchQuery, filter: SearchFacets.Selection, _ found: [SearchCandidate], on db: any Database) async throws -> [SearchKey: DescribedMatch]
    /// The item ids of `keys`, in their order. A SQLite number no longer in the index is left out;
    /// PostgreSQL's keys are the ids themselves (the page reads its items through the public rule
    /// either way).
    func itemIDs(_ keys: [SearchKey], on db: any Database) async throws -> [UUID]
}

/// The database answered something the index cannot read (it never should).
enum SearchIndexFailure: Error {
    case unreadable(String)
}

struct DescribedMatch: Sendable {
    let score: Double
    let inTitle: Bool
    let interpretationInTitle: Bool
}

enum SearchIndexes {
    static func forDatabase(_ db: any Database) -> any SearchIndex {
        SQLDialects.of(db).kind == .postgres ? PostgresSearchIndex() : SQLiteSearchIndex()
    }

    /// Up to `window` matches are ranked by relevance (bm25: title ×10, newer slightly favoured) and
    /// counted exactly. A query with more matches — as broad as "通知" or "工作推进会" — lists the
    /// newest title matches first and then the newest other matches, and the count reads "more
    /// than": ranking a million matches by relevance costs seconds and helps nobody, while newest
    /// first is what people want from a broad query. This bounds the work per query at any size.
    static let window = 1_000

    /// Relevance first, then a small bonus for newer items (about one bm25 point per 30 years).
    static func rank(_ c: SearchCandidate) -> Double { c.score + c.published / 1.0e9 }
}

extension SearchIndex {
    func insertNew(_ docs: [SearchDocument], on db: any Database) async throws {
        for d in docs { try await upsert(d, on: db) }
    }

    func search(_ q: SearchQuery, filter: SearchFilter, offset: Int, limit: Int, currentYear: Int,
                window: Int = SearchIndexes.window, on db: any Database) async throws -> SearchHits {
        guard !q.isEmpty else { return SearchHits(ids: [], total: 0, exact: true) }
        let selection = filter.selection(currentYear: currentYear)
        let newest = try await candidates(q, filter: selection, titleOnly: false, limit: window + 1, on: db)
        let exact = newest.count <= window
        var found: [SearchCandidate]
        if newest.isEmpty {
            found = []
        } else if exact {
            let described = try await describe(q, filter: selection, newest, on: db)
            found = newest.map { SearchCandidate(key: $0.key, published: $0.published, score: described[$0.key]?.score ?? 0) }
            let inTitle = Set(described.filter(\.value.inTitle).keys)
            let interpretations = selection.kind == nil ? Set(described.filter(\.value.interpretationInTitle).keys) : []
            // Matches in the title come first; among those, a document before the 解读 of it (someone
            // typing a policy's name wants the policy), then relevance.
            func tier(_ c: SearchCandidate) -> Int {
                inTitle.contains(c.key) ? (interpretations.contains(c.key) ? 1 : 0) : 2
            }
            found.sort { a, b in
                let ta = tier(a), tb = tier(b)
                if ta != tb { return ta < tb }
                let ra = SearchIndexes.rank(a), rb = SearchIndexes.rank(b)
                return ra != rb ? ra > rb : a.newer(than: b)
            }
        } else {
            // Only the title matches up to the asked page's end: when fewer come back, those are all
            // of them, and when that many do, the page is made of them alone (the walk for a
            // thousand filtered title matches was a third of a broad filtered search, issue 21).
            found = try await candidates(q, filter: selection, titleOnly: true, limit: min(window, offset + limit), on: db)
            let inTitle = Set(found.map(\.key))
            found += newest.prefix(window).filter { !inTitle.contains($0.key) }
        }
        let page = offset < found.count ? Array(found[offset..<min(found.count, offset + limit)]) : []
        return SearchHits(ids: try await itemIDs(page.map(\.key), on: db), total: exact ? found.count : window, exact: exact)
    }
}

/// SQLite FTS5, contentless (the text lives in the items table; the index keeps only terms) with
/// deletes allowed. Columns: title (×10 in bm25), body, facet terms (weight 0). A small keys table
/// gives each indexed item a document number that follows its publication time
/// (`DocumentNumbering`: four per second), so "newest first" is a walk down the document numbers
/// that FTS5 does without sorting, and a corrected item keeps its number and its place.
/// A second FTS5 table holds titles alone (with the facet terms) under the same document numbers:
/// a title search walks short lists instead of filtering the long body lists by column.
struct SQLiteSearchIndex: SearchIndex {
    /// bm25 needs, for each phrase, the number of documents holding it in the whole index, and
    /// FTS5 counts them by walking every one: 68 ms for 社会救助 at 100,000 documents, whatever
    /// the filter (issue 21). So relevance is computed only when every part of the query is in at
    /// most this many documents; otherwise matches keep the title tiers and then newest first.
    var rankedPartLimit = 2_000
    /// Documents a query ending in a single character may check beyond twice its limit before
    /// FTS5's prefix merge answers it instead (`checkedCandidates`).
    var checkAllowance = 500

    /// The highest number taken in each of `seconds` (first numbers of seconds), asked in
    /// statements of a few hundred (a bulk import's documents mostly have a second of their own:
    /// one query each was 6 % of its time).
    static func highest(in seconds: Set<Int>, on sql: any SQLDatabase) async throws -> [Int: Int?] {
        var found: [Int: Int?] = [:]
        let all = seconds.sorted()
        for start in stride(from: 0, to: all.count, by: 200) {
            let part = all[start..<min(all.count, start + 200)]
            var query: SQLQueryString = "WITH b(base) AS (VALUES "
            for (k, base) in part.enumerated() {
                if k > 0 { query += ", " }
                query += "(\(bind: base))"
            }
            query += ") SELECT b.base AS base, (SELECT max(doc) FROM item_search_keys WHERE doc >= b.base AND doc < b.base + \(bind: DocumentNumbering.slotsPerSecond)) AS m FROM b"
            for row in try await sql.raw(query).all() {
                found[try row.decode(column: "base", as: Int.self)] = .some(try row.decode(column: "m", as: Int?.self))
            }
        }
        return found
    }

    /// New numbers for items published at `published` (in that order); the caller's transaction
    /// keeps them to itself (one writer).
    static func numbers(for published: [Double], on sql: any SQLDatabase) async throws -> [Int] {
        let bases = published.map(DocumentNumbering.base)
        var numbering = DocumentNumbering()
        for (second, taken) in try await highest(in: Set(bases), on: sql) { numbering.learn(second: second, highest: taken) }
        var out: [Int] = []
        out.reserveCapacity(bases.count)
        for base in bases {
            var step = numbering.take(base)
            while case .needs(let second) = step {
                numbering.learn(second: second, highest: try await highest(in: [second], on: sql)[second] ?? nil)
                step = numbering.take(base)
            }
            if case .number(let n) = step { out.append(n) }
        }
        return out
    }

    func upsert(_ doc: SearchDocument, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let title = doc.titleTerms, body = doc.textTerms
        let number: Int
        let kept = try await sql.raw("SELECT doc, published FROM item_search_keys WHERE item_id = \(bind: doc.itemID.uuidString)").first()
        if let kept, try kept.decode(column: "published", as: Double.self) == doc.published,
           case let n = try kept.decode(column: "doc", as: Int.self), n >= DocumentNumbering.start {
            // Same publication time: the same number, so a corrected item keeps its place among
            // the items of its second.
            number = n
            try await sql.raw("DELETE FROM item_search WHERE rowid = \(bind: number)").run()
            try await sql.raw("DELETE FROM item_search_titles WHERE rowid = \(bind: number)").run()
        } else {
            try await remove(doc.itemID, on: db)
            number = try await Self.numbers(for: [doc.published], on: sql)[0]
            try await sql.raw("INSERT INTO item_search_keys (doc, item_id, published) VALUES (\(bind: number), \(bind: doc.itemID.uuidString), \(bind: doc.published))").run()
        }
        try await sql.raw("INSERT INTO item_search (rowid, title, body, meta) VALUES (\(bind: number), \(bind: title), \(bind: body), \(bind: doc.facets))").run()
        try await sql.raw("INSERT INTO item_search_titles (rowid, title, meta) VALUES (\(bind: number), \(bind: title), \(bind: doc.facets))").run()
    }

    /// Numbers by publication time; the caller's transaction keeps them to itself (one writer).
    func insertNew(_ docs: [SearchDocument], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, !docs.isEmpty else { return }
        let ordered = docs.sorted { $0.published < $1.published }
        let numbers = try await Self.numbers(for: ordered.map(\.published), on: sql)
        var numbered: [(number: Int, doc: SearchDocument, title: String)] = []
        numbered.reserveCapacity(docs.count)
        for (n, d) in zip(numbers, ordered) { numbered.append((number: n, doc: d, title: d.titleTerms)) }
        // In ascending numbers: FTS5 writes its pending terms out as a new segment whenever a row
        // arrives with a lower number than the last, so a batch in publication order (an archive
        // is rarely in it) became one tiny segment per row, and merging them the import's
        // largest cost (issue 21's load profile).
        numbered.sort { $0.number < $1.number }
        try await SQLBatch.insert(numbered, into: "INSERT INTO item_search_keys (doc, item_id, published) VALUES ", chunk: 100, on: sql) {
            "(\(bind: $0.number), \(bind: $0.doc.itemID.uuidString), \(bind: $0.doc.published))"
        }
        try await SQLBatch.insert(numbered, into: "INSERT INTO item_search (rowid, title, body, meta) VALUES ", chunk: 100, on: sql) {
            "(\(bind: $0.number), \(bind: $0.title), \(bind: $0.doc.textTerms), \(bind: $0.doc.facets))"
        }
        try await SQLBatch.insert(numbered, into: "INSERT INTO item_search_titles (rowid, title, meta) VALUES ", chunk: 100, on: sql) {
            "(\(bind: $0.number), \(bind: $0.title), \(bind: $0.doc.facets))"
        }
    }

    /// Relevance from the unfiltered text query (its cost is bounded by `rankedPartLimit`; filter
    /// terms would add their own whole-index counts), titles from the short title index.
    func describe(_ q: SearchQuery, filter: SearchFacets.Selection, _ found: [SearchCandidate], on db: any Database) async throws -> [SearchKey: DescribedMatch] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let scores = try await relevance(q, on: sql) ?? [:]
        let inTitle = Set(try await candidates(q, filter: filter, titleOnly: true, limit: SearchIndexes.window, on: db).map(\.key))
        var interpretations: Set<SearchKey> = []
        if filter.kind == nil, !inTitle.isEmpty {
            var only = filter
            only.kind = InformationKind.interpretation.rawValue
            interpretations = Set(try await candidates(q, filter: only, titleOnly: true, limit: SearchIndexes.window, on: db).map(\.key))
        }
        var out: [SearchKey: DescribedMatch] = [:]
        for c in found {
            out[c.key] = DescribedMatch(score: scores[c.key] ?? 0, inTitle: inTitle.contains(c.key), interpretationInTitle: interpretations.contains(c.key))
        }
        return out
    }

    func itemIDs(_ keys: [SearchKey], on db: any Database) async throws -> [UUID] {
        let numbers = keys.compactMap { key -> Int? in if case .document(let n) = key { return n } else { return nil } }
        guard let sql = db as? any SQLDatabase else { return [] }
        let ids = try await Self.itemIDs(numbers, on: sql)
        return numbers.compactMap { ids[$0] }
    }

    /// The item of each document number, a few hundred numbers per statement (the page asks for
    /// twenty).
    static func itemIDs(_ numbers: [Int], on sql: any SQLDatabase) async throws -> [Int: UUID] {
        var ids: [Int: UUID] = [:]
        for start in stride(from: 0, to: numbers.count, by: 500) {
            let part = Array(numbers[start..<min(numbers.count, start + 500)])
            for r in try await sql.raw("SELECT doc, item_id AS id FROM item_search_keys WHERE doc IN (\(binds: part))").all() {
                guard let id = UUIDText.parse(try r.decode(column: "id", as: String.self)) else { continue }
                ids[try r.decode(column: "doc", as: Int.self)] = id
            }
        }
        return ids
    }

    /// bm25 (title ×10) of every match of the query's required parts, or nil when a part is in
    /// more than `rankedPartLimit` documents.
    /// A part ending in a single character after other terms counts and scores as the part
    /// without that character (`2024年` as `2024`): the character stands for every term starting
    /// with it, too costly to merge (`checkedCandidates`).
    func relevance(_ query: SearchQuery, on sql: any SQLDatabase) async throws -> [SearchKey: Double]? {
        let q = query.withoutTrailingCharacters ?? query
        for part in q.eachPart {
            let n = try await sql.raw("""
                SELECT count(*) AS n FROM (SELECT rowid FROM item_search WHERE item_search MATCH \(bind: part.fts5Expression(columns: "{title body}"))
                LIMIT \(bind: rankedPartLimit + 1))
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > rankedPartLimit { return nil }
        }
        // One value instead of a row per match (`ConcatenatedNumbers`); `LIMIT -1` keeps bm25 in a
        // query of its own, where FTS5 allows it.
        let row = try await sql.raw("""
            SELECT group_concat(doc || ' ' || score) AS scores FROM
              (SELECT rowid AS doc, -bm25(item_search, 10.0, 1.0, 0.0) AS score FROM item_search
               WHERE item_search MATCH \(bind: q.requiredOnly.fts5Expression(columns: "{title body}")) LIMIT -1)
            """).first()
        let text = try row?.decode(column: "scores", as: String?.self) ?? nil
        guard let pairs = ConcatenatedNumbers.pairs(text ?? "") else { throw SearchIndexFailure.unreadable("bm25") }
        var out: [SearchKey: Double] = [:]
        out.reserveCapacity(pairs.count)
        for (doc, score) in pairs { out[.document(doc)] = score }
        return out
    }

    func remove(_ itemID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        guard let row = try await sql.raw("DELETE FROM item_search_keys WHERE item_id = \(bind: itemID.uuidString) RETURNING doc").first() else { return }
        let number = try row.decode(column: "doc", as: Int.self)
        try await sql.raw("DELETE FROM item_search WHERE rowid = \(bind: number)").run()
        try await sql.raw("DELETE FROM item_search_titles WHERE rowid = \(bind: number)").run()
    }

    func candidates(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, limit: Int,
                    on db: any Database) async throws -> [SearchCandidate] {
        guard let sql = db as? any SQLDatabase, !q.isEmpty else { return [] }
        if q.withoutTrailingCharacters != nil,
           let checked = try await checkedCandidates(q, filter: filter, titleOnly: titleOnly, limit: limit, on: db) {
            return checked
        }
        return try await plainCandidates(q, filter: filter, titleOnly: titleOnly, limit: limit, on: sql)
    }

    /// The newest `limit` matches as FTS5 finds them.
    func plainCandidates(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, limit: Int,
                         on sql: any SQLDatabase) async throws -> [SearchCandidate] {
        try await numbered(q, filter: filter, titleOnly: titleOnly, below: nil, limit: limit, on: sql).map(\.candidate)
    }

    /// The newest `limit` matches, below document number `below` when given: the numbers alone,
    /// their time read from the number (`DocumentNumbering.seconds`).
    func numbered(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, below: Int?, limit: Int,
                  on sql: any SQLDatabase) async throws -> [(doc: Int, candidate: SearchCandidate)] {
        let table = titleOnly ? "item_search_titles" : "item_search"
        let match = [q.fts5Expression(columns: titleOnly ? "title" : "{title body}"), filter.fts5Expression(column: "meta")]
            .compactMap { $0 }.joined(separator: " AND ")
        let range: SQLQueryString = below.map { "AND rowid < \(bind: $0)" } ?? ""
        // The numbers as one value (`ConcatenatedNumbers`), put in order here, whatever order the
        // concatenation kept.
        let row = try await sql.raw("""
            SELECT group_concat(doc) AS docs FROM
              (SELECT rowid AS doc FROM \(unsafeRaw: table)
               WHERE \(unsafeRaw: table) MATCH \(bind: match) \(range) ORDER BY rowid DESC LIMIT \(bind: limit))
            """).first()
        let text = try row?.decode(column: "docs", as: String?.self) ?? nil
        guard var docs = ConcatenatedNumbers.integers(text ?? "") else { throw SearchIndexFailure.unreadable("document numbers") }
        docs.sort(by: >)
        return docs.map { doc in
            (doc: doc, candidate: SearchCandidate(key: .document(doc), published: DocumentNumbering.seconds(of: doc), score: 0))
        }
    }
}

/// PostgreSQL: tsvectors of our terms ('simple' configuration: the terms are already split), the
/// title weighted A in `doc`, a separate title vector for the title window, facet terms in `meta`;
/// GIN indexes per publication year (`PostgresSearchSlices`).
struct PostgresSearchIndex: SearchIndex {
    /// One row's values: the weighted document vector, the title vector, the facet vector.
    /// The text's vector comes made (`PostgresTermVector`) when its terms allow; the title's and
    /// the facets' are short and left to the database.
    static func values(_ d: SearchDocument) -> SQLQueryString {
        let title = d.titleTerms, body = d.textTerms
        let bodyVector: SQLQueryString = PostgresTermVector.make(body).map { "\(bind: $0)" }
            ?? "to_tsvector('simple', \(bind: body))"
        let head: SQLQueryString = "(\(bind: d.itemID), \(bind: d.published), setweight(to_tsvector('simple', \(bind: title)), 'A') || "
        return head + bodyVector + ", to_tsvector('simple', \(bind: title)), to_tsvector('simple', \(bind: d.facets)))"
    }

    static let insertHead: SQLQueryString = "INSERT INTO item_search (item_id, published, doc, title, meta) VALUES "

    func upsert(_ doc: SearchDocument, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw(Self.insertHead + Self.values(doc)
            + " ON CONFLICT (item_id) DO UPDATE SET published = EXCLUDED.published, doc = EXCLUDED.doc, title = EXCLUDED.title, meta = EXCLUDED.meta").run()
    }

    func remove(_ itemID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM item_search WHERE item_id = \(bind: itemID)").run()
    }

    func insertNew(_ docs: [SearchDocument], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await SQLBatch.insert(docs, into: Self.insertHead, chunk: 100, on: sql, values: Self.values)
    }

    /// The keys are the item ids.
    func itemIDs(_ keys: [SearchKey], on db: any Database) async throws -> [UUID] {
        keys.compactMap { key in if case .item(let id) = key { return id } else { return nil } }
    }

    /// At most this many slices in one statement.
    static let widest = 8

    /// Slice by slice from the newest (one, then as many per statement as look needed), each
    /// slice's matches newest first, until `limit` are found. Within a slice the GIN index answers which rows have every term; whether the terms
    /// follow each other (and exclusions) is then checked on those rows in publication order,
    /// only until the limit is reached. A statement's slices run in full and are merged here,
    /// which does not depend on how PostgreSQL orders the parts of a UNION.
    func candidates(_ q: SearchQuery, filter: SearchFacets.Selection, titleOnly: Bool, limit: Int,
                    on db: any Database) async throws -> [SearchCandidate] {
        guard let sql = db as? any SQLDatabase, !q.isEmpty, limit > 0 else { return [] }
        let slices = try await PostgresSearchSlices.current(on: sql).slices
        let column = titleOnly ? "title" : "doc"
        var found: [SearchCandidate] = []
        var next = 0
        var width = 1
        while next < slices.count, found.count < limit {
            let group = slices[next..<min(slices.count, next + width)]
            next += group.count
            let wanted = limit - found.count
            var statement: SQLQueryString = ""
            for (k, slice) in group.enumerated() {
                if k > 0 { statement = statement + " UNION ALL " }
                statement = statement + Self.slice(slice, q, filter: filter, column: column, limit: wanted)
            }
            let rows = try await sql.raw(statement).all()
            var part = try rows.map { r in
                SearchCandidate(key: .item(try r.decode(column: "id", as: UUID.self)), published: try r.decode(column: "published", as: Double.self), score: 0)
            }
            part.sort { $0.newer(than: $1) }
            found += part.prefix(wanted)
            // How many slices the next statement reads: as many as the matches found so far per
            // slice suggest are needed (each slice in a statement is read in full, up to the
            // limit), twice as many after slices without matches.
            if part.isEmpty {
                width = min(width * 2, Self.widest)
            } else {
                let perSlice = max(1, part.count / group.count)
                width = min(max(1, (limit - found.count + perSlice - 1) / perSlice), Self.widest)
            }
        }
        return found
    }

    /// One statement by item for an exact result: ts_rank reads each match's vector once, and the
    /// title and 解读 checks need no second walk over the slices.
    func describe(_ q: SearchQuery, filter: SearchFacets.Selection, _ found: [SearchCandidate], on db: any Database) async throws -> [SearchKey: DescribedMatch] {
        guard let sql = db as? any SQLDatabase, !found.isEmpty else { return [:] }
        let interpretation = SearchFacets.kind(InformationKind.interpretation.rawValue)
        let rows = try await sql.raw("""
            SELECT item_id AS id, ts_rank(doc, to_tsquery('simple', \(bind: q.tsquery)))::float8 AS score,
                   title @@ to_tsquery('simple', \(bind: q.tsquery)) AS in_title,
                   meta @@ to_tsquery('simple', \(bind: "'" + interpretation + "'")) AS interpretation
            FROM item_search WHERE item_id = ANY(\(bind: try await itemIDs(found.map(\.key), on: db)))
            """).all()
        var out: [SearchKey: DescribedMatch] = [:]
        for r in rows {
            let inTitle = try r.decode(column: "in_title", as: Bool.self)
            // ts_rank gives about 0.06–0.6 for typical matches; scaled to bm25's range so the recency bonus weighs alike.
            let interpretation = try r.decode(column: "interpretation", as: Bool.self)
            out[.item(try r.decode(column: "id", as: UUID.self))] = DescribedMatch(score: 10 * (try r.decode(column: "score", as: Double.self)), inTitle: inTitle,
                                                                           interpretationInTitle: inTitle && interpretation)
        }
        return out
    }

    /// One slice's newest `limit` matches. `OFFSET 0` keeps the position check above the sort, so
    /// it runs on the newest rows only.
    static func slice(_ slice: SearchTimeSlices.Slice, _ q: SearchQuery, filter: SearchFacets.Selection, column: String,
                      limit: Int) -> SQLQueryString {
        var inner: SQLQueryString = "\(unsafeRaw: column) @@ to_tsquery('simple', \(bind: q.tsqueryTerms))"
        if let r = PostgresSearchSlices.range(slice) { inner = "\(unsafeRaw: r) AND " + inner }
        if let m = filter.tsquery { inner = inner + " AND meta @@ to_tsquery('simple', \(bind: m))" }
        var kept = ["item_id", "published"]
        if q.needsPositions { kept.append(column) }
        let check: SQLQueryString = q.needsPositions ? " WHERE s.\(unsafeRaw: column) @@ to_tsquery('simple', \(bind: q.tsquery))" : ""
        return "(SELECT s.item_id AS id, s.published AS published FROM (SELECT \(unsafeRaw: kept.joined(separator: ", ")) FROM item_search WHERE "
            + inner + " ORDER BY published DESC OFFSET 0) s" + check + " LIMIT \(bind: limit))"
    }
}
