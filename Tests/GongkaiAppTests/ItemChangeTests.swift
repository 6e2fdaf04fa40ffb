import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// 有效性变更 of a published policy goes live only with the 签发 of someone other than the proposer
/// (the shortened flow of `PublicChange`).
final class ItemChangeTests: XCTestCase {
    func testValidityChangeNeedsTheSignature() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            // Published with the organisation's standard flow (初审 → 保密审查 → 领导签发).
            let desk = PublishingDesk(services: env.services)
            var i = ItemInput()
            i.title = "测试县民政局临时救助实施细则"; i.writtenOn = CivilDate(iso: "2026-11-02"); i.bodyHTML = "<p>细则全文</p>"
            i.columns = ["zcwj"]; i.kind = .normativeDocument; i.documentNumber = "测民发〔2026〕1号"
            let item = try await desk.create(i, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.leader], actorUserID: f.leaderA.id, actor: .commandLine("t"))
            XCTAssertEqual(item.state, .published)
            let path = "/admin/items/\(item.id!.uuidString)"
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                try await officer.get(path)
                let proposed = try await officer.post(path + "/validity", [("validity", "repealed"), ("successor", ""), ("date", "2026-11-20")])
                XCTAssertEqual(proposed.status, .found)
                var stored = try await InformationItem.find(item.id, on: env.db)!
                XCTAssertEqual(stored.validityValue, .inForce, "not in effect before the signature")
                let page = try await officer.get(path)
                XCTAssertTrue(page.body.contains("待审核的有效性变更"))
                XCTAssertTrue(page.body.contains("当前步骤：<strong>领导签发</strong>"), "one step only: the organisation's last")
                // The reviewer holds no 签发 role; the leader signs.
                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let wrong = try await reviewer.post(path + "/change/approve", [])
                XCTAssertTrue(wrong.body.contains("这一步（领导签发）需要相应的审核角色"), wrong.body)
                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                let signed = try await leader.post(path + "/change/approve", [])
                XCTAssertEqual(signed.status, .found)
                stored = try await InformationItem.find(item.id, on: env.db)!
                XCTAssertEqual(stored.validityValue, .repealed)
                XCTAssertEqual(stored.expiresOn, "2026-11-20")
                let change = try await ItemChange.query(on: env.db).first()!
                XCTAssertEqual(change.statusValue, .applied)
                // Nothing left pending: a new change may be proposed.
                let again = try await leader.get(path)
                XCTAssertFalse(again.body.contains("待审核的有效性变更"))
            }
            let trail = try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.informationItem.rawValue).all().map(\.action)
            for a in ["提出有效性变更", "审核通过（有效性变更）", "变更有效性"] { XCTAssertTrue(trail.contains(a), a) }
        }
    }

    func testReturnedChangeLeavesThePublicTextAlone() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "测试县低保标准调整公告")
            let changes = ItemChangeDesk(publishing: PublishingDesk(services: env.services,
                                                                    fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)]))))
            let c = try await changes.proposeCorrection(item, title: item.title, bodyHTML: "<p>新标准每月800元</p>", reason: "金额有误",
                                                        proposerID: f.adminA.id, actor: .commandLine("t"))
            do {
                try await changes.approve(c, item: item, roles: [.reviewer], actorUserID: f.adminA.id, actor: .commandLine("t"))
                XCTFail("the proposer cannot approve their own change")
            } catch PublishingDesk.Failure.refused(let m) { XCTAssertTrue(m.contains("不能审核自己"), m) }
            try await changes.sendBack(c, item: item, reason: "请附依据", roles: [.reviewer], actor: .commandLine("t"))
            let stored = try await InformationItem.find(item.id, on: env.db)!
            XCTAssertEqual(stored.version, 1)
            XCTAssertFalse(stored.bodyHTML.contains("800"))
            let open = try await changes.open(for: item)
            XCTAssertNil(open)
        }
    }
}
