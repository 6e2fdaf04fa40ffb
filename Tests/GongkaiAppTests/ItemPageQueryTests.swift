import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The item pages' queries, without HTTP: the back-office review page and the public page.
final class ItemPageQueryTests: XCTestCase {
    func testReviewPageShowsFindingsStepAndWhoMayReview() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)])))
            let item = try await f.item(env, title: "关于低保对象名单的公示", publish: false, body: "<p>王芳 11010519491231002X</p>")
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))

            let reviewer = AccessPolicy(grants: [RoleGrant(role: .reviewer, organisationID: f.deptA.id!, includesSubtree: false)])
            let page = try await ItemReviewPage.load(item, desk: desk, policy: reviewer, viewerID: f.userA.id!.uuidString)
            XCTAssertEqual(page.stepName, "初审")
            XCTAssertTrue(page.canReview)
            XCTAssertTrue(page.findings.contains { $0.kind.isPersonalData }, "the ID number is found")
            XCTAssertEqual(page.facts.first { $0.label == "索引号" }?.value, item.indexNumber)
            XCTAssertEqual(page.events.map(\.action), ["新建", "提交审核"])

            let author = AccessPolicy(grants: [RoleGrant(role: .informationOfficer, organisationID: f.deptA.id!, includesSubtree: false)])
            let asAuthor = try await ItemReviewPage.load(item, desk: desk, policy: author, viewerID: f.officerA.id!.uuidString)
            XCTAssertFalse(asAuthor.canReview, "the author never reviews")
        }
    }

    func testPublicPageLinksPolicyAndInterpretation() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let policy = try await f.item(env, title: "清溪县临时救助办法", columns: ["zcwj"], kind: .normativeDocument)
            let reading = try await f.item(env, title: "《清溪县临时救助办法》政策解读", columns: ["zcjd"], kind: .interpretation, interprets: policy)
            let page = try await PublicItemPage.model(for: policy, in: f.deptA, services: env.services)
            XCTAssertEqual(page.interpretations.map(\.title), [reading.title])
            XCTAssertEqual(page.validity, "有效")
            XCTAssertTrue(page.facts.contains { $0.label == "有效性" })
            let other = try await PublicItemPage.model(for: reading, in: f.deptA, services: env.services)
            XCTAssertEqual(other.policyTitle, policy.title)
            XCTAssertEqual(other.policyHref, "/xxgk/\(f.deptA.id!)/content/\(policy.id!.uuidString)")
        }
    }
}
