import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class CleanupCampaignTests: XCTestCase {
    func testDecisionsAreAppliedAndTheResultNoticeIsDrafted() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let keep = try await f.item(env, title: "继续用的办法", columns: ["zcwj"], kind: .normativeDocument)
            let drop = try await f.item(env, title: "要废止的办法", columns: ["zcwj"], kind: .normativeDocument)
            let stale = try await f.item(env, title: "过时的规定", columns: ["zcwj"], kind: .normativeDocument)
            _ = try await f.item(env, title: "一条工作动态", columns: ["qtxx"], kind: .workNews)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                try await admin.get("/admin/cleanup")
                let short = try await admin.post("/admin/cleanup", [("name", "清理"), ("organisation_id", String(f.deptA.id!))])
                XCTAssertEqual(short.status, .badRequest)
                XCTAssertTrue(short.body.contains("请填写清理名称"))
                let started = try await admin.post("/admin/cleanup", [("name", "2026年规范性文件清理"), ("organisation_id", String(f.deptA.id!))])
                XCTAssertEqual(started.status, .found)
                let path = String(started.location!.split(separator: "?")[0])
                var page = try await admin.get(path)
                for t in [keep.title, drop.title, stale.title] { XCTAssertTrue(page.body.contains(t), t) }
                XCTAssertFalse(page.body.contains("一条工作动态"), "only policy documents")
                let early = try await admin.post(path + "/finish", [])
                XCTAssertEqual(early.status, .badRequest)
                XCTAssertTrue(early.body.contains("还有3件文件没有清理意见"))
                let noReason = try await admin.post(path + "/decide", [("item_id", drop.id!.uuidString), ("decision", "repeal"), ("note", "")])
                XCTAssertEqual(noReason.status, .badRequest)
                XCTAssertTrue(noReason.body.contains("“废止”请写明理由"))
                for (item, decision, note) in [(keep, "keep", ""), (drop, "repeal", "已被新办法替代"), (stale, "invalid", "适用期已过")] {
                    let r = try await admin.post(path + "/decide", [("item_id", item.id!.uuidString), ("decision", decision), ("note", note)]).status
                    XCTAssertEqual(r, .found)
                }
                page = try await admin.get(path)
                XCTAssertTrue(page.body.contains("已提出意见 3 件"))
                let finished = try await admin.post(path + "/finish", [])
                XCTAssertEqual(finished.status, .found)
                XCTAssertTrue(finished.location!.hasPrefix("/admin/items/"))
                let notice = try await admin.get(finished.location!)
                XCTAssertTrue(notice.body.contains("关于2026年规范性文件清理结果的公告"))
                XCTAssertTrue(notice.body.contains("id=\"item-status\">草稿"), "the notice goes through review like any item")
                XCTAssertTrue(notice.body.contains("<h3>二、废止的文件</h3>"))
                // Another department's administrator cannot see or act on it.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaitedOther = try await other.get(path).status
                XCTAssertEqual(awaitedOther, .forbidden)
            }
            let states = try await InformationItem.query(on: env.db).all().reduce(into: [String: String]()) { $0[$1.title] = $1.validity }
            XCTAssertEqual(states["继续用的办法"], Validity.inForce.rawValue)
            XCTAssertEqual(states["要废止的办法"], Validity.repealed.rawValue)
            XCTAssertEqual(states["过时的规定"], Validity.expired.rawValue)
        }
    }
}
