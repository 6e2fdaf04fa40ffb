import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// PostgreSQL's search reads the index slice by slice, newest year first (issue 21). Its answers
/// must be exactly PostgreSQL's own for the whole query ordered by publication time, at every
/// limit, with filters, and across a new year's change of layout.
final class PostgresSearchSlicesTests: XCTestCase {
    func testSlicedSearchGivesPostgreSQLsOwnAnswers() async throws {
        guard TestEnvironment.postgresAdminURL != nil else { throw XCTSkip("PostgreSQL only: SQLite searches with FTS5") }
        try await withEnvironment { env in
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            let f = try await Fixture.seed(env)
            let words = ["河长制", "低保资金", "统计数据", "工作推进会", "2024年度", "资金统计"]
            var docs: [BulkImport.Document] = []
            // 240 documents over 2019–2026, several per year and month, no two at the same second.
            for n in 0..<240 {
                let body: String = (0..<3).map { words[(n + $0 * 2) % words.count] }.joined(separator: "，")
                let kind: InformationKind = n % 3 == 0 ? .notice : .workNews
                let published = Double(SearchTimeSlices.newYear(2019)) + Double((n * 7919) % 240) * 12 * 86_400 + Double(n)
                let year = 2019 + (n * 7919) % 240 / 30
                docs.append(BulkImport.Document(title: "第\(n)号 \(words[n % words.count])", bodyHTML: "<p>\(body)</p>",
                                                documentNumber: "", writtenOn: CivilDate(year: year, month: 3, day: 5)!, kind: kind,
                                                genre: "通知", topic: "", columns: ["shjz"], validity: .inForce,
                                                publishedAt: Date(timeIntervalSince1970: published)))
            }
            _ = try await BulkImport(services: env.services).publish(docs, in: f.deptA, author: f.officerA, actor: .commandLine("t"))

            // The layout for the data: 2019 (the oldest) and everything before, then one slice a year.
            let r1 = try await PostgresSearchSlices.prepare(on: env.db, currentYear: 2026, readOldest: true, logger: env.services.logger)

            XCTAssertTrue(r1)
            var layout = try await PostgresSearchSlices.current(on: sql)
            XCTAssertEqual(layout.slices.map(\.key), ["2026_9999", "2025_2026", "2024_2025", "2023_2024", "2022_2023", "2021_2022", "2020_2021", "0_2020"])
            let r2 = try await PostgresSearchSlices.prepare(on: env.db, currentYear: 2026, readOldest: true, logger: env.services.logger)

            XCTAssertFalse(r2,
                           "nothing to do the second time")
            let names = try await indexNames(sql)
            XCTAssertTrue(names.isDisjoint(with: PostgresSearchSlices.replaced), "\(names)")
            try await compareWithPostgreSQL(env, sql)
            try await assertSlicesUseTheirIndexes(env, sql, layout)

            // A new year: its slice opens, last year's closes; the oldest stays.
            let r3 = try await PostgresSearchSlices.prepare(on: env.db, currentYear: 2027, readOldest: false, logger: env.services.logger)

            XCTAssertTrue(r3)
            layout = try await PostgresSearchSlices.current(on: sql)
            XCTAssertEqual(layout.slices.map(\.key).prefix(3), ["2027_9999", "2026_2027", "2025_2026"])
            XCTAssertEqual(layout.slices.last?.key, "0_2020")
            let after = try await indexNames(sql)
            XCTAssertFalse(after.contains("item_search_d_2026_9999"))
            XCTAssertTrue(after.isSuperset(of: ["item_search_d_2027_9999", "item_search_t_2026_2027"]))
            try await compareWithPostgreSQL(env, sql)

            // A slice whose title index is missing is not used; the layout falls back to all time
            // in one slice when what is left does not cover it.
            try await sql.raw("DROP INDEX item_search_t_2025_2026").run()
            PostgresSearchSlices.forget()
            let r5 = try await PostgresSearchSlices.current(on: sql).slices.map(\.key)

            XCTAssertEqual(r5, ["0_9999"])
            try await compareWithPostgreSQL(env, sql)
            let r4 = try await PostgresSearchSlices.prepare(on: env.db, currentYear: 2027, readOldest: false, logger: env.services.logger)

            XCTAssertTrue(r4)
            let r6 = try await PostgresSearchSlices.current(on: sql).slices.count

            XCTAssertEqual(r6, 9)
        }
    }

    /// PostgreSQL keeps a GIN index's new rows in a pending list that every search of the slice
    /// reads until vacuum moves them. An import ends by moving its rows into the index, the slices'
    /// background job moves those of later publications, and searches find the same items after.
    func testImportsAndTheSlicesJobLeaveNothingPendingInTheIndex() async throws {
        guard TestEnvironment.postgresAdminURL != nil else { throw XCTSkip("PostgreSQL only: FTS5 has no pending list") }
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let importer = BulkImport(services: env.services)
            func docs(_ range: Range<Int>) -> [BulkImport.Document] {
                range.map { n in
                    BulkImport.Document(title: "第\(n)号 河长制工作通报", bodyHTML: "<p>河长制巡河记录第\(n)期，低保资金发放。</p>",
                                        documentNumber: "", writtenOn: CivilDate(year: 2025, month: 3, day: 5)!, kind: .workNews,
                                        genre: "通知", topic: "", columns: ["shjz"], validity: .inForce,
                                        publishedAt: Date(timeIntervalSince1970: Double(SearchTimeSlices.newYear(2025)) + Double(n) * 3_600))
                }
            }
            _ = try await PostgresSearchSlices.prepare(on: env.db, currentYear: 2026, readOldest: true, logger: env.services.logger)
            _ = try await PostgresSearchSlices.flushPending(on: env.db)
            var ids = try await importer.publish(docs(0..<60), in: f.deptA, author: f.officerA, actor: .commandLine("t")).ids
            let moved = await importer.finish()
            XCTAssertGreaterThan(moved, 0, "the batch's rows were waiting in the pending lists")
            let afterImport = try await PostgresSearchSlices.flushPending(on: env.db)
            XCTAssertEqual(afterImport, 0, "nothing left pending after the import")

            // A later publication waits until the slices' job runs (once before it, so that the
            // job's own layout is in place and the second run only moves pending rows).
            let job = try XCTUnwrap(env.services.capabilities.flatMap(\.jobs).first { $0.name == "search-slices" })
            let context = JobContext(services: env.services, today: CivilDate(year: 2026, month: 3, day: 1)!, transport: nil)
            _ = try await job.run(context)
            ids += try await importer.publish(docs(60..<61), in: f.deptA, author: f.officerA, actor: .commandLine("t")).ids
            let outcome = try await job.run(context)
            XCTAssertTrue(outcome.summary.contains("待并入索引的"), outcome.summary)
            let afterJob = try await PostgresSearchSlices.flushPending(on: env.db)
            XCTAssertEqual(afterJob, 0)

            // Moving rows changes no answer: every one of the 61 is found.
            let found = try await SearchService(services: env.services).search(SearchQuery("河长制巡河"), filter: SearchFilter(), page: 1, perPage: 100)
            XCTAssertEqual(found.total, 61)
            XCTAssertEqual(Set(found.items.compactMap(\.id)), Set(ids))
        }
    }

    private func indexNames(_ sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'item_search'").all()
            .map { try $0.decode(column: "indexname", as: String.self) })
    }

    /// Each query, filter and limit against one plain statement over the whole table.
    private func compareWithPostgreSQL(_ env: TestEnvironment, _ sql: any SQLDatabase) async throws {
        let index = PostgresSearchIndex()
        for text in ["河长制", "低保 资金", "2024年", "工作推进会", "统计 数据 -河长制", "资金统计", "\"统计数据\"", "第1"] {
            let q = SearchQuery(text)
            for filter in [SearchFacets.Selection(), SearchFacets.Selection(kind: InformationKind.notice.rawValue),
                           SearchFacets.Selection(years: 2021...2022)] {
                for (titleOnly, limit) in [(false, 1), (false, 7), (false, 45), (false, 1001), (true, 5), (true, 1001)] {
                    let found = try await index.candidates(q, filter: filter, titleOnly: titleOnly, limit: limit, on: env.db)
                    var statement: SQLQueryString = "SELECT item_id AS id FROM item_search WHERE \(unsafeRaw: titleOnly ? "title" : "doc") @@ to_tsquery('simple', \(bind: q.tsquery))"
                    if let m = filter.tsquery { statement = statement + " AND meta @@ to_tsquery('simple', \(bind: m))" }
                    statement = statement + " ORDER BY published DESC LIMIT \(bind: limit)"
                    let expected = try await sql.raw(statement).all().map { try $0.decode(column: "id", as: UUID.self) }
                    XCTAssertEqual(found.map(\.key), expected.map { SearchKey.item($0) }, "\(text) \(filter) title \(titleOnly) limit \(limit)")
                    XCTAssertEqual(found.map(\.published), found.map(\.published).sorted(by: >), "newest first")
                    if limit == 1001, filter == SearchFacets.Selection(), !titleOnly, text != "统计 数据 -河长制" {
                        XCTAssertFalse(expected.isEmpty, text)
                    }
                }
            }
            // Scores are ts_rank's over the document vector.
            let matches = try await index.candidates(q, filter: .init(), titleOnly: false, limit: 1001, on: env.db)
            let described = try await index.describe(q, filter: .init(), matches, on: env.db)
            XCTAssertEqual(Set(described.keys), Set(matches.map(\.key)), text)
            for c in matches.prefix(5) {
                guard case .item(let id) = c.key else { XCTFail("PostgreSQL's keys are item ids"); continue }
                let rank = try await sql.raw("SELECT ts_rank(doc, to_tsquery('simple', \(bind: q.tsquery)))::float8 AS r FROM item_search WHERE item_id = \(bind: id)")
                    .first()?.decode(column: "r", as: Double.self)
                XCTAssertEqual(described[c.key]?.score ?? -1, 10 * (rank ?? -1), accuracy: 1e-9, text)
            }
        }
    }

    /// Each slice's statement is answered from that slice's partial index: PostgreSQL proves the
    /// index's predicate from the statement's (with sequential scans made costly, a tiny table
    /// would otherwise be read whole; a predicate it could not prove would leave only that).
    private func assertSlicesUseTheirIndexes(_ env: TestEnvironment, _ sql: any SQLDatabase, _ layout: SearchTimeSlices) async throws {
        for slice in layout.slices {
            // Either of the slice's indexes (both hold the facets; on a tiny table PostgreSQL may
            // answer the filter from the smaller one).
            let own = [PostgresSearchSlices.documentIndex(slice), PostgresSearchSlices.titleIndex(slice)]
            for column in ["doc", "title"] {
                let statement = PostgresSearchIndex.slice(slice, SearchQuery("统计数据"), filter: SearchFacets.Selection(kind: InformationKind.notice.rawValue),
                                                         column: column, limit: 10)
                let plan: String = try await env.db.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    let rows = try await sql.raw("EXPLAIN " + statement).all()
                    return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                }
                XCTAssertTrue(own.contains { plan.contains($0 + " ") }, "\(slice.key) \(column):\n\(plan)")
                XCTAssertFalse(plan.contains("Seq Scan"), plan)
            }
        }
    }
}
