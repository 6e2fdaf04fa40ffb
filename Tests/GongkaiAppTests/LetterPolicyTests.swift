import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 一号答: a 政策咨询 names the policy it asks about (found by the words the writer types), and the
/// office's 交办 defaults to the department that drafted it (谁起草谁解读).
final class LetterPolicyTests: XCTestCase {
    func testPolicyQuestionNamesItsPolicyAndDefaultsToTheDrafter() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-11-10")!)
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(
                flow: ReviewFlow(steps: [.init(name: "保密审查", role: .secrecyReviewer)]), interpretationRule: .warn))
            func publish(_ title: String) async throws -> InformationItem {
                var p = ItemInput()
                p.title = title; p.kind = .normativeDocument; p.writtenOn = CivilDate(iso: "2026-11-02")
                p.bodyHTML = "<p>第一条 为做好救助工作，制定本办法。</p>"; p.columns = ["zcwj"]
                let item = try await desk.create(p, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
                try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
                try await desk.perform(.approve, on: item, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
                return item
            }
            let policy = try await publish("测试县临时救助实施办法")
            let repealed = try await publish("测试县临时救助暂行办法")
            repealed.validity = Validity.repealed.rawValue
            try await repealed.update(on: env.db)
            try await LetterTests.grantCountyOffice(env, f)

            try await env.withClient { client in
                let citizen = Browser(client)
                let found = try await citizen.get("/hudong/write?q=\("临时救助".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)")
                XCTAssertTrue(found.body.contains("value=\"\(policy.id!.uuidString)\""), "the policy in force is offered")
                XCTAssertFalse(found.body.contains(repealed.id!.uuidString), "a repealed policy is not")
                let fields: [(String, String)] = [("to", String(f.county.id!)), ("kind", "policy_question"), ("subject", "临时救助标准"),
                                                  ("body", "临时救助金额怎么计算？"), ("name", "陈静"), ("phone", "13900004444")]
                let stale = try await citizen.post("/hudong/write", fields + [("policy", repealed.id!.uuidString), ("q", "临时救助")])
                XCTAssertEqual(stale.status, .badRequest)
                XCTAssertTrue(stale.body.contains("所选政策已不在现行有效的政策中"))
                XCTAssertTrue(stale.body.contains("value=\"临时救助标准\""), "nothing typed is lost")
                let sent = try await citizen.post("/hudong/write", fields + [("policy", policy.id!.uuidString)])
                XCTAssertEqual(sent.status, .ok)
                let letter = try await Letter.query(on: env.db).first()!
                XCTAssertEqual(letter.policyItemID, policy.id)

                let office = Browser(client)
                try await office.logIn("countyoffice", Fixture.password)
                let page = try await office.get("/admin/letters/\(letter.id!.uuidString)")
                XCTAssertTrue(page.body.contains("默认交办给政策起草单位：测试县民政局"))
                XCTAssertTrue(page.body.contains("<option value=\"\(f.deptA.id!)\" selected>"), "the drafter is preselected")
                XCTAssertFalse(page.body.contains("<option value=\"\(f.deptB.id!)\" selected>"))
                XCTAssertTrue(page.body.contains("测试县临时救助实施办法"))
            }
        }
    }
}
