import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class CalendarAdminTests: XCTestCase {
    func testImportingANewYearMakesItsDeadlinesFirm() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            let store = CalendarStore(services: env.services)
            let before = try await store.calendar().addingWorkingDays(20, after: CivilDate(iso: "2026-12-20")!)
            XCTAssertTrue(before.provisional)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                let page = try await b.get("/admin/calendar")
                XCTAssertTrue(page.body.contains("已登记至 2026 年"))

                let bad = try await b.post("/admin/calendar/import", [
                    ("year", "2027"), ("source", "测试"), ("csv", "2027-01-01,holiday,元旦\n2026-12-31,holiday,元旦\n2027-01-04,workday,元旦"),
                ])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("本来就是工作日"), bad.body)
                XCTAssertTrue(bad.body.contains("2027-01-01,holiday,元旦"), "the pasted text is kept")
                let stillProvisional = try await store.calendar().addingWorkingDays(20, after: CivilDate(iso: "2026-12-20")!)
                XCTAssertTrue(stillProvisional.provisional, "nothing imported from a bad file")

                let ok = try await b.post("/admin/calendar/import", [
                    ("year", "2027"), ("source", "国务院办公厅通知（测试）"),
                    ("csv", "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n2027-01-03,holiday,元旦\n2027-01-09,workday,元旦"),
                ])
                XCTAssertEqual(ok.status, .found)
                let view = try await b.get("/admin/calendar?year=2027&start=2026-12-20&days=20")
                XCTAssertTrue(view.body.contains("调休上班"))
                XCTAssertTrue(view.body.contains("后台导入：国务院办公厅通知（测试）"))
                XCTAssertTrue(view.body.contains("第20个工作日为2027年1月15日"), view.body)
            }
            let after = try await store.calendar().addingWorkingDays(20, after: CivilDate(iso: "2026-12-20")!)
            XCTAssertFalse(after.provisional)
            XCTAssertEqual(after.date, CivilDate(iso: "2027-01-15")!) // 1-9 is a working Saturday
            let awaited1 = try await AuditRecord.query(on: env.db).all().contains { $0.entity == "节假日安排" && $0.action == "导入" }
            XCTAssertTrue(awaited1)
        }
    }

    func testOnlyCountyWideAdministratorsImport() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("admina", Fixture.password)
                let awaited2 = try await b.get("/admin/calendar").status
                XCTAssertEqual(awaited2, .ok, "department administrators may look")
                let r = try await b.post("/admin/calendar/import", [("year", "2027"), ("csv", "2027-01-01,holiday,元旦")])
                XCTAssertEqual(r.status, .forbidden)
            }
        }
    }
}
