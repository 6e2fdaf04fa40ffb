import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class ProceedingTests: XCTestCase {
    func testReviewsAndLitigationAreRecordedWithTheCaseAndCountedInTableFour() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            var input = ApplicationInput()
            input.name = "钱七"; input.idNumber = "11010519491231002X"; input.phone = "13900005555"; input.description = "某项行政许可材料"
            let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-09-01")!, clientAddress: "x", actor: actor)
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let path = "/admin/applications/\(a.id!.uuidString)"
                try await staff.get(path)
                let early = try await staff.post(path + "/proceedings", [("kind", "review"), ("filed_on", "2026-09-20"), ("body", "测试县人民政府")])
                XCTAssertEqual(early.status, .badRequest)
                XCTAssertTrue(early.body.contains("作出答复后才能登记复议或诉讼"))
                try await desk.record(.init(step: .decided, date: CivilDate(iso: "2026-09-25")!, note: "属于国家秘密", code: "3.1"), on: a, actor: actor)
                let awaited396 = try await staff.post(path + "/proceedings", [("kind", "review"), ("filed_on", "2026-10-10"), ("body", "测试县人民政府")]).status
                XCTAssertEqual(awaited396, .found)
                let awaited398 = try await staff.post(path + "/proceedings", [("kind", "litigation_direct"), ("filed_on", "2026-10-12"), ("body", "测试县人民法院"), ("note", "（2026）行初1号")]).status
                XCTAssertEqual(awaited398, .found)
                let review = try await ReviewProceeding.query(on: env.db).filter(\.$kind == "review").first()!
                let bad = try await staff.post(path + "/proceedings/\(review.id!.uuidString)", [("result", "upheld"), ("concluded_on", "2026-10-01")])
                XCTAssertEqual(bad.status, .badRequest, "concluded before it was filed")
                let awaited403 = try await staff.post(path + "/proceedings/\(review.id!.uuidString)", [("result", "upheld"), ("concluded_on", "2026-11-05")]).status
                XCTAssertEqual(awaited403, .found)
                let page = try await staff.get(path)
                XCTAssertTrue(page.body.contains("结果维持（2026-11-05）"))
                XCTAssertTrue(page.body.contains("（2026）行初1号"))
            }
            let table = ReviewTable(year: 2026, records: try await ApplicationQueries.reviewRecords(organisationIDs: [f.deptA.id!], on: env.db))
            XCTAssertEqual(table.count(.administrativeReview, .upheld), 1)
            XCTAssertEqual(table.count(.litigationDirect, .pending), 1)
            XCTAssertEqual(table.total(.litigationAfterReview), 0)
        }
    }
}
