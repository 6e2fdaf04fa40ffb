import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class FeeFlowTests: XCTestCase {
    func testEleventhApplicationInAMonthGetsAFeeNoticeAndThePauseStopsTheClock() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            var input = ApplicationInput()
            input.name = "李四"; input.idNumber = "11010519491231002X"; input.phone = "13900002222"
            input.address = "测试地址"; input.description = "测试县民政局各类资金发放情况"
            var last: InformationApplication?
            for day in 1...11 {
                let d = CivilDate(year: 2026, month: 10, day: 8 + day)!
                last = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: d, clientAddress: "x",
                                             actor: .commandLine("test")).0
            }
            let app = try XCTUnwrap(last)
            let ordinal = try await desk.ordinalInMonth(of: app)
            XCTAssertEqual(ordinal, 11)
            let leaderPolicy = AccessPolicy(grants: [RoleGrant(role: .leader, organisationID: f.deptA.id!, includesSubtree: false)])
            let related = try await ApplicationQueries.related(to: app, visibleTo: leaderPolicy, roles: [.leader], on: env.db)
            XCTAssertEqual(related.count, 10, "the applicant's ten earlier applications")
            XCTAssertEqual(related.first?.similarity, 1)
            let outsider = AccessPolicy(grants: [RoleGrant(role: .leader, organisationID: f.deptB.id!, includesSubtree: false)])
            let hidden = try await ApplicationQueries.related(to: app, visibleTo: outsider, roles: [.leader], on: env.db)
            XCTAssertEqual(hidden.count, 0, "nothing from organisations the viewer does not cover")
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let path = "/admin/applications/\(app.id!.uuidString)"
                let page = try await staff.get(path)
                XCTAssertTrue(page.body.contains("本申请为申请人本月第11件申请，按件计收100元"))
                XCTAssertTrue(page.body.contains("100% 可能重复"))
                let free = try await staff.post(path + "/fee", [("method", "by_volume"), ("pages", "20"), ("date", "2026-10-20")])
                XCTAssertEqual(free.status, .badRequest)
                XCTAssertTrue(free.body.contains("无需发出收费通知"))
                let issued = try await staff.post(path + "/fee", [("method", "by_count"), ("date", "2026-10-20")])
                XCTAssertEqual(issued.status, .found)
                let paused = try await staff.get(path)
                XCTAssertTrue(paused.body.contains("暂停计时"))
                XCTAssertTrue(paused.body.contains("收费通知书"))
                let notice = try await staff.get(path + "/documents/fee")
                XCTAssertTrue(notice.body.contains("应缴金额100元"))
                XCTAssertTrue(notice.body.contains("请于2026年11月17日前"), "20 working days after 2026-10-20")
                let awaited242 = try await staff.post(path + "/steps", [("step", "pause_ended"), ("date", "2026-11-18"), ("note", "申请人逾期未缴费")]).status
                XCTAssertEqual(awaited242, .found)
                let awaited244 = try await staff.post(path + "/steps", [("step", "decided"), ("code", "6.2"), ("date", "2026-11-18")]).status
                XCTAssertEqual(awaited244, .found)
                let reply = try await staff.get(path + "/documents/reply")
                XCTAssertTrue(reply.body.contains("逾期未按要求缴纳信息处理费"))
            }
        }
    }
}
