import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// PostgreSQL's search reads "newest first" from RUM indexes when the extension is there (issue 21),
/// and gives exactly the answers of the plain GIN path.
final class PostgresRUMTests: XCTestCase {
    func testRUMOrderGivesTheSameAnswersAsTheGINPath() async throws {
        guard TestEnvironment.postgresAdminURL != nil else { throw XCTSkip("PostgreSQL only: SQLite searches with FTS5") }
        try await withEnvironment { env in
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            let rum = try await PostgresRUM.prepare(on: sql, logger: env.services.logger)
            if !rum {
                // CI installs postgresql-NN-rum; there its absence is a failure.
                if ProcessInfo.processInfo.environment["GONGKAI_TEST_REQUIRE_RUM"] != nil { XCTFail("the rum extension is not installed") }
                throw XCTSkip("the rum extension is not installed (apt-get install postgresql-NN-rum)")
            }
            let f = try await Fixture.seed(env)
            let importer = BulkImport(services: env.services)
            let words = ["河长制", "低保资金", "统计数据", "工作推进会", "2024年度"]
            var docs: [BulkImport.Document] = []
            for n in 0..<120 {
                let body: String = (0..<3).map { words[(n + $0 * 2) % words.count] }.joined(separator: "，")
                let kind: InformationKind = n % 3 == 0 ? .notice : .workNews
                let hours = Double((n * 7919) % 120) * 3600
                docs.append(BulkImport.Document(title: "第\(n)号 \(words[n % words.count])", bodyHTML: "<p>\(body)</p>",
                                                documentNumber: "", writtenOn: CivilDate(iso: "2024-03-05")!, kind: kind,
                                                genre: "通知", topic: "", columns: ["shjz"], validity: .inForce,
                                                publishedAt: Date(timeIntervalSince1970: 1_700_000_000 + hours)))
            }
            _ = try await importer.publish(docs, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            let indexes = Set(try await sql.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'item_search'").all()
                .map { try $0.decode(column: "indexname", as: String.self) })
            XCTAssertTrue(indexes.isSuperset(of: ["item_search_doc_rum", "item_search_title_rum"]), "\(indexes)")
            let index = PostgresSearchIndex()
            for q in ["河长制", "低保 资金", "2024年", "工作推进会", "统计 数据 -河长制"] {
                for filter in [SearchFacets.Selection(), SearchFacets.Selection(kind: InformationKind.notice.rawValue)] {
                    for (titleOnly, limit) in [(false, 7), (false, 1001), (true, 5)] {
                        PostgresRUM.set(true)
                        let fast = try await index.candidates(SearchQuery(q), filter: filter, titleOnly: titleOnly, scored: false, limit: limit, on: env.db)
                        PostgresRUM.set(false)
                        let plain = try await index.candidates(SearchQuery(q), filter: filter, titleOnly: titleOnly, scored: false, limit: limit, on: env.db)
                        PostgresRUM.set(true)
                        XCTAssertFalse(plain.isEmpty, q)
                        XCTAssertEqual(fast.map(\.itemID), plain.map(\.itemID), "\(q) \(filter) title \(titleOnly) limit \(limit)")
                        XCTAssertEqual(fast.map(\.published), fast.map(\.published).sorted(by: >), "newest first")
                    }
                }
            }
        }
    }
}
