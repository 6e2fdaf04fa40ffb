import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The public page cache serves a page again until the audit trail moves on, and every audited
/// change reaches the next request at once.
final class PublicPageCacheTests: XCTestCase {
    func testPagesAreKeptUntilAnAuditedChange() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "城区供水管网改造公告")
            let path = "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"
            try await env.withClient { client in
                let citizen = Browser(client)
                let first = try await citizen.get(path)
                XCTAssertTrue(first.body.contains("城区供水管网改造公告"))
                // A change that bypasses the audit trail (only tests do this) is not seen: the page is cached.
                item.title = "未经审计的修改"
                try await item.update(on: env.db)
                let cached = try await citizen.get(path)
                XCTAssertTrue(cached.body.contains("城区供水管网改造公告"))
                XCTAssertFalse(cached.body.contains("未经审计的修改"))
                // 长辈模式 is its own page.
                citizen.cookies["gk_care"] = "1"
                let care = try await citizen.get(path)
                XCTAssertTrue(care.body.contains("class=\"portal care\""))
                citizen.cookies["gk_care"] = nil
                // An audited change (更正) is on the very next request.
                try await PublishingDesk(services: env.services).correct(item, title: "城区供水管网改造公告（更正）", bodyHTML: "<p>更正后的正文</p>",
                                                                       reason: "日期有误", actor: .commandLine("t"))
                let after = try await citizen.get(path)
                XCTAssertTrue(after.body.contains("更正后的正文"))
                let column = try await citizen.get("/xxgk/\(f.deptA.id!)/fdzdgknr/shjz")
                XCTAssertTrue(column.body.contains("城区供水管网改造公告（更正）"))
                // Withdrawal takes the page away at once, cached or not.
                try await PublishingDesk(services: env.services).perform(.withdraw(reason: "发布有误"), on: item, roles: [.leader],
                                                                      actorUserID: f.leaderA.id, actor: .commandLine("t"))
                let gone = try await citizen.get(path)
                XCTAssertEqual(gone.status, .notFound)
                let columnAfter = try await citizen.get("/xxgk/\(f.deptA.id!)/fdzdgknr/shjz")
                XCTAssertFalse(columnAfter.body.contains("城区供水管网改造公告"))
            }
        }
    }
}

/// Archives brought over in bulk are published, numbered, searchable, listed and audited; a bad
/// document stops the whole batch.
final class BulkImportTests: XCTestCase {
    func testBatchIsPublishedIndexedAndAudited() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let day = CivilDate(iso: "2019-03-05")!
            func doc(_ title: String, column: String = "shjz") -> BulkImport.Document {
                BulkImport.Document(title: title, bodyHTML: "<p>\(title)的正文<script>alert(1)</script></p>", documentNumber: "测民发〔2019〕3号",
                                    writtenOn: day, kind: .notice, genre: "通知", topic: "", columns: [column], validity: .inForce,
                                    publishedAt: Date(timeIntervalSince1970: 1_551_800_000))
            }
            let importer = BulkImport(services: env.services)
            do {
                try await importer.publish([doc("第一条"), doc("第二条", column: "nonsense")], in: f.deptA, author: f.officerA, actor: .commandLine("t"))
                XCTFail("an unknown column stops the batch")
            } catch let p as BulkImport.Problem {
                XCTAssertEqual(p.description, "第2条：栏目“nonsense”不适用于测试县民政局")
            }
            let none = try await InformationItem.query(on: env.db).filter(\.$title == "第一条").count()
            XCTAssertEqual(none, 0, "nothing from a refused batch is stored")

            let ids = try await importer.publish([doc("老网站迁移的低保公示"), doc("老网站迁移的救助通知")], in: f.deptA, author: f.officerA, actor: .commandLine("t")).ids
            let items = try await InformationItem.query(on: env.db).filter(\.$id ~~ ids).all()
            XCTAssertEqual(items.count, 2)
            XCTAssertTrue(items.allSatisfy { $0.isPublic && $0.year == 2019 && !$0.bodyHTML.contains("script") })
            XCTAssertEqual(Set(items.map(\.serial)), [1, 2], "numbered within the organisation and year")
            let found = try await SearchService(services: env.services).search(SearchQuery("老网站迁移"), filter: SearchFilter(), page: 1, perPage: 10)
            XCTAssertEqual(found.total, 2)
            let listed = try await ItemQueries.column("shjz", organisationID: f.deptA.id!, page: 1, on: env.db)
            XCTAssertEqual(Set(listed.items.map(\.title)), ["老网站迁移的低保公示", "老网站迁移的救助通知"])
            let audit = try await AuditRecord.query(on: env.db).filter(\.$action == "批量导入").all()
            XCTAssertEqual(audit.count, 1)
            XCTAssertTrue(audit[0].changes.contains("\"2\""))
            let history = try await ItemEvent.query(on: env.db).filter(\.$itemID == ids[0]).all().map(\.action)
            XCTAssertEqual(history, ["imported"])

            // A later batch continues each year's numbers (read for all its years at once), starts
            // a new year at 1, and another organisation's numbers are its own.
            var later = [doc("续一"), doc("续二"), doc("新年一")]
            later[2].writtenOn = CivilDate(iso: "2020-01-02")!
            let laterIDs = try await importer.publish(later, in: f.deptA, author: f.officerA, actor: .commandLine("t")).ids
            let numbered = try await InformationItem.query(on: env.db).filter(\.$id ~~ laterIDs).all()
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: numbered.map { ($0.title, "\($0.year)-\($0.serial)") }),
                           ["续一": "2019-3", "续二": "2019-4", "新年一": "2020-1"])
            let elsewhere = try await importer.publish([doc("他处")], in: f.deptB, author: f.officerA, actor: .commandLine("t")).ids
            let other = try await InformationItem.find(elsewhere[0], on: env.db)
            XCTAssertEqual(other?.serial, 1)
        }
    }

    /// A batch large enough to be prepared on several cores keeps every body, finding and index
    /// entry with its own document.
    func testLargeBatchKeepsEachDocumentsOwnBodyFindingsAndIndexEntry() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let docs = (0..<60).map { n in
                BulkImport.Document(title: "迁移文件第\(n)号", bodyHTML: "<p>正文编号q\(n)z<script>x</script></p>" + (n % 7 == 0 ? "<p>联系电话13812345678</p>" : ""),
                                    documentNumber: "测民发〔2019〕\(n)号", writtenOn: CivilDate(iso: "2019-03-05")!, kind: .notice, genre: "通知",
                                    topic: "", columns: ["shjz"], validity: .inForce, publishedAt: Date(timeIntervalSince1970: 1_551_800_000 + Double(n)))
            }
            let batch = try await BulkImport(services: env.services).publish(docs, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            XCTAssertEqual(batch.ids.count, 60)
            XCTAssertEqual(batch.withSevereFindings, 9, "the documents with a phone number: 0, 7, …, 56")
            let search = SearchService(services: env.services)
            for n in [0, 1, 7, 29, 30, 59] {
                guard let item = try await InformationItem.find(batch.ids[n], on: env.db) else { return XCTFail("item \(n)") }
                XCTAssertEqual(item.title, "迁移文件第\(n)号")
                XCTAssertEqual(item.bodyHTML, "<p>正文编号q\(n)z</p>" + (n % 7 == 0 ? "<p>联系电话13812345678</p>" : ""))
                let note = try await ItemEvent.query(on: env.db).filter(\.$itemID == batch.ids[n]).first()?.note ?? ""
                XCTAssertEqual(note.contains("个人信息") || note.contains("请核查"), n % 7 == 0, "item \(n): \(note)")
                let found = try await search.search(SearchQuery("q\(n)z"), filter: SearchFilter(), page: 1, perPage: 5)
                XCTAssertEqual(found.items.map(\.id), [batch.ids[n]], "q\(n)z")
                let byNumber = try await search.search(SearchQuery(item.indexNumber), filter: SearchFilter(), page: 1, perPage: 5)
                XCTAssertEqual(byNumber.items.first?.id, batch.ids[n], "索引号 \(item.indexNumber)")
            }
        }
    }
}
