import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 政策解读日 over HTTP: a month's plan needs its themes in the month before it can be published,
/// proposals wait for moderation, each browser supports a theme once, a theme links its interpretation.
final class InterpretationDayTests: XCTestCase {
    func testPlanProposalsSupportAndLinks() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-10-20")!)
            let org = f.deptA.id!
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let path = "/admin/participation/\(org)/interpretation-days"
                let page = try await admin.get(path)
                XCTAssertTrue(page.body.contains("2026年11月计划"), "the month being planned is next month")
                XCTAssertTrue(page.body.contains("计划应于2026年10月31日前公布"))
                let wrongMonth = try await admin.post(path, [("year", "2026"), ("month", "11"), ("title", "低保新政"), ("interpreter", "县民政局"),
                                                             ("audience", "困难群众"), ("form", "线上直播"), ("channel", "网站"), ("held_on", "2026-12-03")])
                XCTAssertEqual(wrongMonth.status, .badRequest)
                XCTAssertTrue(wrongMonth.body.contains("解读日期应在2026年11月"))
                XCTAssertTrue(wrongMonth.body.contains("value=\"低保新政\""))
                for (title, d) in [("低保新政", "2026-11-05"), ("临时救助", "2026-11-12")] {
                    let r = try await admin.post(path, [("year", "2026"), ("month", "11"), ("title", title), ("interpreter", "县民政局"),
                                                        ("audience", "困难群众"), ("form", "线上直播"), ("channel", "网站"), ("held_on", d)])
                    XCTAssertEqual(r.status, .found)
                }
                let early = try await admin.post(path, [("year", "2026"), ("month", "11"), ("action", "publish")])
                XCTAssertTrue(early.body.contains("每月应安排3个解读主题，目前2个"))
                let board = try await admin.get("/admin")
                XCTAssertTrue(board.body.contains("2026年11月政策解读日计划须于2026年10月31日前公布"))

                // The public propose (点菜); shown once moderated, supported once per browser.
                let citizen = Browser(client)
                let publicPath = "/participation/interpretation-days/\(org)"
                _ = try await citizen.get(publicPath)
                let empty = try await citizen.post(publicPath + "/proposals", [("text", "")])
                XCTAssertEqual(empty.status, .badRequest)
                XCTAssertTrue(empty.body.contains("请写下您希望解读的政策或问题"))
                let proposed = try await citizen.post(publicPath + "/proposals", [("text", "请解读养老服务补贴申请条件"), ("contact", "13811112222")])
                XCTAssertTrue(proposed.body.contains("审核后公开"))
                var shown = try await Browser(client).get(publicPath)
                XCTAssertFalse(shown.body.contains("请解读养老服务补贴申请条件"))
                let proposal = try await InterpretationProposal.query(on: env.db).first()!
                _ = try await admin.post(path, [("action", "moderate"), ("proposal", proposal.id!.uuidString), ("moderation", "approved")])
                shown = try await citizen.get(publicPath)
                XCTAssertTrue(shown.body.contains("请解读养老服务补贴申请条件"))
                XCTAssertFalse(shown.body.contains("13811112222"))
                let support = publicPath + "/proposals/\(proposal.id!.uuidString)/support"
                let first = try await citizen.post(support, [])
                XCTAssertEqual(first.status, .found)
                XCTAssertTrue(first.location?.contains("notice=supported") ?? false)
                let again = try await citizen.post(support, [])
                XCTAssertTrue(again.location?.contains("notice=already") ?? false)
                let other = Browser(client)
                _ = try await other.get(publicPath)
                _ = try await other.post(support, [])
                let counted = try await InterpretationProposal.find(proposal.id!, on: env.db)!
                XCTAssertEqual(counted.supporters, 2)

                // The third theme answers the proposal; then the plan can be published.
                let third = try await admin.post(path, [("year", "2026"), ("month", "11"), ("title", "养老服务补贴"), ("interpreter", "县民政局"),
                                                        ("audience", "老年人"), ("form", "现场解读"), ("channel", "社区"), ("held_on", "2026-11-19"),
                                                        ("proposal", proposal.id!.uuidString)])
                XCTAssertEqual(third.status, .found)
                let v1 = try await admin.post(path, [("year", "2026"), ("month", "11"), ("action", "publish")]).status
                XCTAssertEqual(v1, .found)
                let plan = try await citizen.get(publicPath)
                XCTAssertTrue(plan.body.contains("2026年11月"))
                XCTAssertTrue(plan.body.contains("养老服务补贴（群众点菜）"))
                XCTAssertTrue(plan.body.contains("已列入解读计划"))

                // A theme links its interpretation (only an item of kind 政策解读).
                let theme = try await InterpretationTheme.query(on: env.db).filter(\.$title == "低保新政").first()!
                let notice = try await f.item(env, title: "低保新政通知", kind: .notice)
                let wrongKind = try await admin.post(path + "/themes/\(theme.id!.uuidString)", [("index_number", notice.indexNumber)])
                XCTAssertTrue(wrongKind.body.contains("请关联类别为“政策解读”的信息"))
                let policy = try await f.item(env, title: "测试县低保实施办法", kind: .normativeDocument)
                let reading = try await f.item(env, title: "《测试县低保实施办法》解读", kind: .interpretation, interprets: policy)
                let v2 = try await admin.post(path + "/themes/\(theme.id!.uuidString)", [("index_number", reading.indexNumber)]).status
                XCTAssertEqual(v2, .found)
                let linked = try await citizen.get(publicPath)
                XCTAssertTrue(linked.body.contains("《测试县低保实施办法》解读"))
            }
        }
    }
}
