import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class OfflineApplicationTests: XCTestCase {
    func testStaffEnterApplicationsReceivedOfflineWithTheReceiptDateOfArticle31() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let form = try await staff.get("/admin/applications/new")
                XCTAssertTrue(form.body.contains("测试县民政局"))
                XCTAssertFalse(form.body.contains("测试县财政局"), "only organisations the handler covers")
                var fields = ApplicationFlowTests.valid + [("organisation_id", String(f.deptA.id!)), ("channel", "registered_mail"), ("receipt_date", "")]
                let missingDate = try await staff.post("/admin/applications", fields)
                XCTAssertEqual(missingDate.status, .badRequest)
                XCTAssertTrue(missingDate.body.contains("以本机关签收之日为收到申请之日"))
                fields[fields.count - 1] = ("receipt_date", "2026-09-28")
                let done = try await staff.post("/admin/applications", fields)
                XCTAssertEqual(done.status, .ok)
                XCTAssertTrue(done.body.contains("查询码只显示这一次"))

                fields[fields.count - 2] = ("channel", "ordinary_mail")
                fields[fields.count - 1] = ("receipt_date", "")
                fields[4] = ("phone", "13700000000")
                let awaited1 = try await staff.post("/admin/applications", fields).status
                XCTAssertEqual(awaited1, .ok)

                // The dashboard and the list count the overdue case (due 2026-10-30) and the unconfirmed one.
                let dashboard = try await staff.get("/admin")
                XCTAssertTrue(dashboard.body.contains("<span class=\"tile-value\">1</span><span class=\"tile-label\">已超期</span>"))
                XCTAssertTrue(dashboard.body.contains("<span class=\"tile-value\">1</span><span class=\"tile-label\">待确认收到</span>"))
                let awaitedList = try await staff.get("/admin/applications").body.contains("2026-10-30（已超期）")
                XCTAssertTrue(awaitedList)

                // Another organisation cannot be chosen.
                fields[fields.count - 3] = ("organisation_id", String(f.deptB.id!))
                let awaited2 = try await staff.post("/admin/applications", fields).status
                XCTAssertEqual(awaited2, .forbidden)
            }
            let apps = try await InformationApplication.query(on: env.db).sort(\.$serial).all()
            XCTAssertEqual(apps.count, 2)
            XCTAssertEqual(apps[0].statusValue, .inProgress)
            XCTAssertEqual(apps[0].receiptDate, "2026-09-28")
            XCTAssertEqual(apps[1].statusValue, .awaitingConfirmation)
            XCTAssertNil(apps[1].receiptDate)
            let deadline = try await ApplicationDesk(services: env.services).deadline(for: apps[0], events: ApplicationDesk(services: env.services).events(of: apps[0]))
            XCTAssertEqual(deadline?.dueDate, CivilDate(iso: "2026-10-30"))
        }
    }
}
