import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// An import into PostgreSQL analyses the tables it grows as it passes 2,000, 20,000 and 200,000
/// documents, so foreign-key checks stop reading the whole items table (issue 21).
final class ImportStatisticsTests: XCTestCase {
    func testThresholdsArePassedOnceEach() {
        let s = ImportStatistics()
        XCTAssertEqual([1_000, 999, 1, 2_500, 15_000, 500, 180_000, 1].map(s.add), [false, false, true, false, false, true, true, false])
    }

    func testAnImportAnalysesTheItemsTableWhenItPassesTwoThousand() async throws {
        guard TestEnvironment.postgresAdminURL != nil else { throw XCTSkip("PostgreSQL only: SQLite's planner keeps no such plans") }
        try await withEnvironment { env in
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            let f = try await Fixture.seed(env)
            func analysed() async throws -> Bool {
                let row = try await sql.raw("SELECT last_analyze IS NOT NULL AS done FROM pg_stat_user_tables WHERE relname = 'information_items'").first()
                return try XCTUnwrap(row?.decode(column: "done", as: Bool.self))
            }
            let importer = BulkImport(services: env.services)
            let checker = try await importer.checker()
            for batch in 0..<3 {
                let docs = (0..<700).map { n in
                    BulkImport.Document(title: "第\(batch * 700 + n)号 低保资金发放公告", bodyHTML: "<p>低保资金按月发放。</p>", documentNumber: "",
                                        writtenOn: CivilDate(year: 2024, month: 3, day: 5)!, kind: .notice, genre: "通知", topic: "",
                                        columns: ["shjz"], validity: .inForce, publishedAt: Date(timeIntervalSince1970: 1_710_000_000 + Double(batch * 700 + n)))
                }
                let prepared = try await importer.prepare(docs, in: f.deptA, checker: checker)
                _ = try await importer.store(prepared, author: f.officerA, actor: .commandLine("t"))
                // pg_stat's counters arrive when the backend reports them; ask for a fresh snapshot.
                _ = try await sql.raw("SELECT pg_stat_clear_snapshot()").run()
                let done = try await analysed()
                XCTAssertEqual(done, batch == 2, "after \((batch + 1) * 700) documents")
            }
        }
    }
}
