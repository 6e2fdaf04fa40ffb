import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import XCTest
@testable import GongkaiApp

/// The 政府信息公开制度 column is a real column: the organisation's own text and its published
/// items of kind 政府信息公开工作制度 (issue 13; it used to say the feature would come later).
final class WorkRulesTests: XCTestCase {
    func testRulesColumnShowsTheTextAndOnlyPublicWorkRulesItems() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let rules = try await f.item(env, title: "测试县民政局政府信息公开保密审查制度", kind: .workRules)
            _ = try await f.item(env, title: "一条公示公告", kind: .notice)
            _ = try await f.item(env, title: "尚未发布的发布协调制度", kind: .workRules, publish: false)

            // The query, without HTTP.
            var content = try await WorkRulesRoutes.rules(of: f.deptA, page: 1, on: env.db)
            XCTAssertNil(content.text)
            XCTAssertEqual(content.listing.rows.map(\.title), [rules.title])
            XCTAssertEqual(content.listing.rows.first?.href, "/xxgk/\(f.deptA.id!)/content/\(rules.id!.uuidString)")

            try await env.withClient { client in
                // The administrator writes the column's text on the organisation's form.
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let form = try await admin.get("/admin/orgs/\(f.deptA.id!)")
                XCTAssertTrue(form.body.contains("name=\"rules_text\""))
                let saved = try await admin.post("/admin/orgs/\(f.deptA.id!)", [
                    ("name", f.deptA.name), ("short_name", f.deptA.shortName), ("kind", f.deptA.kind.rawValue),
                    ("office_phone", f.deptA.officePhone), ("rules_text", "本局已建立保密审查、发布协调和依申请公开办理制度。"),
                ])
                XCTAssertEqual(saved.status, .found)

                let page = try await Browser(client).get("/xxgk/\(f.deptA.id!)/rules")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("本局已建立保密审查、发布协调和依申请公开办理制度。"))
                XCTAssertTrue(page.body.contains(rules.title))
                XCTAssertFalse(page.body.contains("一条公示公告"))
                XCTAssertFalse(page.body.contains("尚未发布的发布协调制度"))
                XCTAssertFalse(page.body.contains("上线后"), "no promise of a future feature")

                // An organisation with neither says so.
                let empty = try await Browser(client).get("/xxgk/\(f.deptB.id!)/rules")
                XCTAssertTrue(empty.body.contains("本机关尚未在本栏目发布政府信息公开工作制度。"))
            }
            let reloaded = try await Organisation.find(f.deptA.id!, on: env.db)!
            content = try await WorkRulesRoutes.rules(of: reloaded, page: 1, on: env.db)
            XCTAssertEqual(content.text, "本局已建立保密审查、发布协调和依申请公开办理制度。")
            let audit = try await AuditRecord.query(on: env.db).filter(\.$action == "修改").all()
            XCTAssertTrue(audit.contains { $0.changes.contains("rules_text") }, "the text change is audited")
        }
    }

    /// Derived indexes are the capabilities' upkeep, not the migrations': an emptied search index
    /// and column listing are filled again from the public items.
    func testUpkeepRefillsAnEmptySearchIndexAndColumnListing() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "关于维护索引重建测试的通知")
            let sql = env.db as! any SQLDatabase
            let sqlite = sql.dialect.name != "postgresql"
            if sqlite {
                for t in ["item_search", "item_search_titles"] { try await sql.raw(SQLQueryString("INSERT INTO \(t)(\(t)) VALUES ('delete-all')")).run() }
                try await sql.raw("DELETE FROM item_search_keys").run()
            } else {
                try await sql.raw("DELETE FROM item_search").run()
            }
            try await sql.raw("DELETE FROM public_column_entries").run()
            let search = SearchService(services: env.services)
            let before = try await search.search(SearchQuery("索引重建"), filter: SearchFilter(), page: 1, perPage: 10)
            XCTAssertEqual(before.total, 0)

            try await env.services.upkeep()

            let after = try await search.search(SearchQuery("索引重建"), filter: SearchFilter(), page: 1, perPage: 10)
            XCTAssertEqual(after.items.map(\.id), [item.id])
            if sqlite {
                let titled = try await sql.raw("SELECT rowid FROM item_search_titles LIMIT 1").first()
                XCTAssertNotNil(titled, "the title index is filled too")
            }
            let listed = try await ItemQueries.column("shjz", organisationID: f.deptA.id!, page: 1, on: env.db)
            XCTAssertEqual(listed.items.map(\.id), [item.id])
        }
    }

    /// An SQLite index numbered in the millisecond × 2^20 layout is renumbered at start-up: every
    /// number then follows `DocumentNumbering`, and the item is found under its new one.
    func testUpkeepRenumbersAnIndexOfTheEarlierLayout() async throws {
        try await withEnvironment { env in
            let sql = env.db as! any SQLDatabase
            guard sql.dialect.name != "postgresql" else { return }
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "关于旧编号重建测试的通知")
            let row = try await sql.raw("SELECT doc, published FROM item_search_keys WHERE item_id = \(bind: item.id!.uuidString)").first()!
            let doc = try row.decode(column: "doc", as: Int.self)
            let old = Int(try row.decode(column: "published", as: Double.self) * 1000) << 20
            // Contentless FTS5 rows cannot change number: the item is indexed again under the old one.
            let d = try await SearchService.document(for: item, on: env.db)
            try await SQLiteSearchIndex().remove(item.id!, on: env.db)
            try await sql.raw("INSERT INTO item_search_keys (doc, item_id, published) VALUES (\(bind: old), \(bind: item.id!.uuidString), \(bind: d.published))").run()
            try await sql.raw("INSERT INTO item_search (rowid, title, body, meta) VALUES (\(bind: old), \(bind: d.titleTerms), \(bind: d.textTerms), \(bind: d.facets))").run()
            try await sql.raw("INSERT INTO item_search_titles (rowid, title, meta) VALUES (\(bind: old), \(bind: d.titleTerms), \(bind: d.facets))").run()
            XCTAssertGreaterThan(doc, old, "the new layout's numbers are above the old one's")
            let search = SearchService(services: env.services)
            let before = try await search.search(SearchQuery("旧编号"), filter: SearchFilter(), page: 1, perPage: 10)
            XCTAssertEqual(before.items.map(\.id), [item.id], "found under the old number before")

            try await env.services.upkeep()

            let low = try await sql.raw("SELECT count(*) AS n FROM item_search_keys WHERE doc < \(bind: DocumentNumbering.start)").first()!
            XCTAssertEqual(try low.decode(column: "n", as: Int.self), 0)
            let after = try await search.search(SearchQuery("旧编号"), filter: SearchFilter(), page: 1, perPage: 10)
            XCTAssertEqual(after.items.map(\.id), [item.id])
            let renumbered = try await sql.raw("SELECT doc FROM item_search_keys WHERE item_id = \(bind: item.id!.uuidString)").first()!
            XCTAssertEqual(DocumentNumbering.second(of: try renumbered.decode(column: "doc", as: Int.self)), DocumentNumbering.base(item.publishedAt!.timeIntervalSince1970))
        }
    }
}
