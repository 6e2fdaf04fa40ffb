import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// Issue 21: on SQLite a part ending in a single character after other terms (`2024年`) is found
/// by FTS5 without that character and checked on each item's indexed text. The answers must be
/// FTS5's own prefix phrase's, newest first, whatever the limit, column, filter and exclusions,
/// and when the check passes too rarely FTS5 answers instead.
final class TrailingCharacterSearchTests: XCTestCase {
    func testCheckedCandidatesEqualFTS5PrefixPhrases() async throws {
        try await withEnvironment { env in
            guard env.services.database.dialect.kind == .sqlite, let sql = env.db as? any SQLDatabase else { return }
            let f = try await Fixture.seed(env)
            let pieces = ["2024年", "2024", "年度", "年", "第3号", "3号", "第", "3", "社会救助", "2024 年底", "。", "，",
                          "<b>2024</b>年", "〔2024〕", "12024年", "工作"]
            var generator = SystemRandomNumberGenerator()
            func text(_ n: ClosedRange<Int>) -> String {
                (0..<Int.random(in: n, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            for n in 0..<36 {
                let title = text(0...3).replacingOccurrences(of: "<b>", with: "").replacingOccurrences(of: "</b>", with: "") + "通知\(n)"
                let item = try await f.item(env, title: title, body: "<p>" + text(1...8) + "</p>")
                if n % 5 == 0 {
                    item.keywords = text(1...2).replacingOccurrences(of: "<b>", with: "").replacingOccurrences(of: "</b>", with: "")
                    item.documentNumber = "某政发〔2024〕\(n)号"
                    try await item.update(on: env.db)
                    try await SearchService.update(item, on: env.db)
                }
            }
            let index = SQLiteSearchIndex()
            let queries = ["2024年", "第3号", "3号", "2024年 社会", "工作 2024年", "\"2024年\"", "2024年 -第3号", "2024年 第3号", "〔2024〕3号"]
            let filters = [SearchFilter(), SearchFilter(organisationID: f.deptA.id!), SearchFilter(organisationID: f.deptB.id!)]
            var nonEmpty = 0
            for text in queries {
                let q = SearchQuery(text)
                XCTAssertNotNil(q.withoutTrailingCharacters, text)
                for filter in filters {
                    let selection = filter.selection(currentYear: 2026)
                    for titleOnly in [false, true] {
                        for limit in [1, 3, 1_000] {
                            let checked = try await index.checkedCandidates(q, filter: selection, titleOnly: titleOnly, limit: limit, on: env.db)
                            let plain = try await index.plainCandidates(q, filter: selection, titleOnly: titleOnly, limit: limit, on: sql)
                            XCTAssertEqual(checked?.map(\.key), plain.map(\.key), "\(text) \(filter) title only \(titleOnly) limit \(limit)")
                            if !plain.isEmpty { nonEmpty += 1 }
                        }
                    }
                }
            }
            XCTAssertGreaterThan(nonEmpty, 40, "most cases find something")

            // The newest items hold 2024 but never before 年: with no allowance, a one-item search
            // stops checking after two and FTS5's prefix merge answers, with the same result.
            for n in 0..<3 { _ = try await f.item(env, title: "简报\(n)", body: "<p>2024 月报</p>") }
            var strict = index
            strict.checkAllowance = 0
            let q = SearchQuery("2024年"), all = SearchFilter().selection(currentYear: 2026)
            let stopped = try await strict.checkedCandidates(q, filter: all, titleOnly: false, limit: 1, on: env.db)
            XCTAssertNil(stopped, "the budget is spent")
            let answered = try await strict.candidates(q, filter: all, titleOnly: false, limit: 1, on: env.db)
            let plain = try await strict.plainCandidates(q, filter: all, titleOnly: false, limit: 1, on: sql)
            XCTAssertEqual(answered.map(\.key), plain.map(\.key))
            XCTAssertEqual(answered.count, 1)
            let roomy = try await index.checkedCandidates(q, filter: all, titleOnly: false, limit: 1, on: env.db)
            XCTAssertEqual(roomy?.map(\.key), plain.map(\.key), "with the allowance the check reaches past them")
        }
    }
}
