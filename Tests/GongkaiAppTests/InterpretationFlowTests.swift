import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class InterpretationFlowTests: XCTestCase {
    func testPolicyWaitsForItsInterpretationAndBothGoOutTogether() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let one = PublishingSettings(flow: ReviewFlow(steps: [.init(name: "保密审查", role: .secrecyReviewer)]), interpretationRule: .block)
            let desk = PublishingDesk(services: env.services, fixed: one)
            var p = ItemInput()
            p.title = "测试县临时救助实施办法"; p.kind = .normativeDocument; p.writtenOn = CivilDate(iso: "2026-11-02")
            p.bodyHTML = "<p>第一条 为做好临时救助工作，制定本办法。</p>"; p.columns = ["zcwj"]; p.needsInterpretation = true
            let policy = try await desk.create(p, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            try await desk.perform(.submit, on: policy, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            do {
                try await desk.perform(.approve, on: policy, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
                XCTFail("三同步: no interpretation yet")
            } catch PublishingDesk.Failure.refused(let m) { XCTAssertTrue(m.contains("尚未起草解读"), m) }

            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                try await officer.get("/admin/items/new?org=\(f.deptA.id!)")
                var fields: [(String, String)] = [
                    ("organisation_id", String(f.deptA.id!)), ("title", "《测试县临时救助实施办法》政策解读"), ("written_on", "2026-11-02"),
                    ("kind", "interpretation"), ("genre", "其他"), ("topic", "民政、扶贫、救灾/社会福利"), ("attribute", "proactive"),
                    ("columns", "zcjd"), ("body", "<p>一图读懂与问答。</p>"), ("interpretation_form", "qa"),
                    ("interprets", policy.indexNumber), ("qa_text", "问：谁可以申请？")]
                let badQA = try await officer.post("/admin/items", fields)
                XCTAssertEqual(badQA.status, .badRequest)
                XCTAssertTrue(badQA.body.contains("缺少“答：”"))
                fields.removeLast()
                fields.append(("qa_text", "问：谁可以申请？\n答：遭遇突发困难的家庭或者个人。\n问：向谁申请？\n答：户籍所在地乡镇人民政府。"))
                var wrongRef = fields
                wrongRef.removeAll { $0.0 == "interprets" }
                wrongRef.append(("interprets", "不存在的索引号"))
                let unknown = try await officer.post("/admin/items", wrongRef)
                XCTAssertEqual(unknown.status, .badRequest)
                XCTAssertTrue(unknown.body.contains("找不到索引号为“不存在的索引号”的政策文件"))
                let created = try await officer.post("/admin/items", fields)
                XCTAssertEqual(created.status, .found)
                let uninterpreted = try await officer.get("/admin/items?show=uninterpreted")
                XCTAssertTrue(uninterpreted.body.contains("测试县临时救助实施办法"), "still lacks an approved interpretation")
            }
            let interpretation = try await InformationItem.query(on: env.db).filter(\.$kind == "interpretation").first()!
            XCTAssertEqual(interpretation.interpretsID, policy.id)
            try await desk.perform(.submit, on: interpretation, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: interpretation, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            XCTAssertEqual(interpretation.state, .approved, "waits for its policy")
            try await desk.perform(.approve, on: policy, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            XCTAssertEqual(policy.state, .published)
            let after = try await InformationItem.find(interpretation.id, on: env.db)!
            XCTAssertEqual(after.state, .published, "published together with the policy")

            try await env.withClient { client in
                let citizen = Browser(client)
                let base = "/xxgk/\(f.deptA.id!)/content/"
                let policyPage = try await citizen.get(base + policy.id!.uuidString)
                XCTAssertTrue(policyPage.body.contains("简明问答：<a href=\"\(base)\(interpretation.id!.uuidString)\">"))
                let page = try await citizen.get(base + interpretation.id!.uuidString)
                XCTAssertTrue(page.body.contains("本文是对<a href=\"\(base)\(policy.id!.uuidString)\">测试县临时救助实施办法</a>的简明问答"))
                XCTAssertTrue(page.body.contains("<dt>问：向谁申请？</dt>"))
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let none = try await officer.get("/admin/items?show=uninterpreted")
                XCTAssertFalse(none.body.contains(">测试县临时救助实施办法<"))
            }
        }
    }

    func testWarnRuleLetsThePolicyGoWithAWarning() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(
                flow: ReviewFlow(steps: [.init(name: "保密审查", role: .secrecyReviewer)]), interpretationRule: .warn))
            var p = ItemInput()
            p.title = "只提示的办法"; p.kind = .normativeDocument; p.writtenOn = CivilDate(iso: "2026-11-02")
            p.bodyHTML = "<p>正文</p>"; p.columns = ["zcwj"]; p.needsInterpretation = true
            let policy = try await desk.create(p, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            try await desk.perform(.submit, on: policy, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: policy, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            XCTAssertEqual(policy.state, .published)
        }
    }
}
