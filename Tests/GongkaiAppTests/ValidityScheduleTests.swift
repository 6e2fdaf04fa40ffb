import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// Issue 11.14: a 废止 dated in the future leaves the document in force until its day; a document
/// that has ended no longer fulfils a catalogue row.
final class ValidityScheduleTests: XCTestCase {
    func testRuleOfTheDay() {
        let day = CivilDate(iso: "2027-01-01")!
        let before = CivilDate(iso: "2026-12-31")!
        XCTAssertEqual(Validity.repealed.effective(changesOn: day, today: before), .inForce)
        XCTAssertEqual(Validity.repealed.effective(changesOn: day, today: day), .repealed, "switches on the day")
        XCTAssertEqual(Validity.expired.effective(changesOn: day, today: before), .inForce)
        XCTAssertEqual(Validity.amended.effective(changesOn: day, today: before), .amended)
        XCTAssertEqual(Validity.repealed.effective(changesOn: nil, today: before), .repealed)
        XCTAssertEqual(Validity.repealed.notice(changesOn: day, today: before), "本文件将于2027年1月1日废止，在此之前继续有效。")
        XCTAssertEqual(Validity.repealed.notice(changesOn: day, today: day), "本文件已于2027年1月1日废止。")
        XCTAssertNil(Validity.inForce.notice(changesOn: nil, today: day))
    }

    func testAFutureRepealShowsWillAndStaysInTheCurrentLibraryUntilItsDay() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "测试县城乡低保实施办法", columns: ["zcwj"], kind: .normativeDocument)
            let today = env.services.clock.today()
            item.validity = Validity.repealed.rawValue
            item.expiresOn = today.adding(days: 30).description
            try await item.update(on: env.db)
            try await env.withClient { client in
                let b = Browser(client)
                let page = try await b.get("/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)")
                XCTAssertTrue(page.body.contains("本文件将于\(today.adding(days: 30).chinese(withYear: true))废止，在此之前继续有效。"))
                XCTAssertFalse(page.body.contains("已于"))
                let current = try await b.get("/zcwjk")
                XCTAssertTrue(current.body.contains("测试县城乡低保实施办法"), "still 现行有效")
                let ended = try await b.get("/zcwjk?validity=invalid")
                XCTAssertFalse(ended.body.contains("测试县城乡低保实施办法"))

                item.expiresOn = today.description
                try await item.update(on: env.db)
                env.services.pageCache.clear()
                let onTheDay = try await b.get("/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)")
                XCTAssertTrue(onTheDay.body.contains("本文件已于\(today.chinese(withYear: true))废止。"))
                let nowEnded = try await b.get("/zcwjk?validity=invalid")
                XCTAssertTrue(nowEnded.body.contains("测试县城乡低保实施办法"))
            }
        }
    }

    func testARepealedDocumentNoLongerCoversItsCatalogueRow() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var row = CatalogueRow()
            row.level1 = "最低生活保障"; row.content = "低保实施办法"; row.subject = "测试县民政局"; row.channels = ["政府网站"]
            row.timeLimit = "信息形成或变更之日起20个工作日内"
            try await CatalogueStore(services: env.services).add(row, org: f.deptA.id!, domain: "社会救助", actor: .commandLine("t"))
            let stored = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助")[0]
            let item = try await f.item(env, title: "测试县城乡低保实施办法", columns: ["zcwj"], kind: .normativeDocument)
            let link = ItemCatalogueLink()
            link.id = UUID(); link.itemID = item.id!; link.catalogueItemID = stored.id!
            try await link.create(on: env.db)
            let covered = try await CoverageQueries.coverage(organisationID: f.deptA.id!, services: env.services)
            XCTAssertEqual(covered.first?.assessment.status, .ok)
            item.validity = Validity.repealed.rawValue
            item.expiresOn = env.services.clock.today().adding(days: -1).description
            try await item.update(on: env.db)
            let after = try await CoverageQueries.coverage(organisationID: f.deptA.id!, services: env.services)
            XCTAssertEqual(after.first?.assessment.status, .never, "a repealed document is not 正常 coverage")
        }
    }
}
