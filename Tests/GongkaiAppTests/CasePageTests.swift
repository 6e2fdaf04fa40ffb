import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The application case page's query, without HTTP: what a handler and a leader see and may do.
final class CasePageTests: XCTestCase {
    func testQueryGivesTimelineClockAndWhatTheViewerMayDo() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-11-02")!)
            let desk = ApplicationDesk(services: env.services)
            var input = ApplicationInput()
            input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13900001111"
            input.description = "2026年本县城乡低保资金发放明细"
            let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!,
                                               clientAddress: "x", actor: .commandLine("t"))
            env.services.clock.set(day: CivilDate(iso: "2026-11-04")!)
            try await desk.record(.init(step: .correctionRequested, date: CivilDate(iso: "2026-11-04")!, note: "请补充身份证明",
                                        deadline: CivilDate(iso: "2026-11-18")!), on: a, actor: .commandLine("t"))

            let handler = AccessPolicy(grants: [RoleGrant(role: .applicationHandler, organisationID: f.deptA.id!, includesSubtree: false)])
            let page = try await CasePage.load(a, desk: desk, policy: handler, organisation: f.deptA)
            XCTAssertEqual(page.events.map(\.stepValue), [.submitted, .registered, .correctionRequested])
            XCTAssertEqual(page.clock?.kind, .correction, "awaiting 补正: the clock is the applicant's period")
            XCTAssertEqual(page.clock?.dueDate, CivilDate(iso: "2026-11-18"))
            XCTAssertEqual(page.today, CivilDate(iso: "2026-11-04"), "the injected clock's day")
            XCTAssertTrue(page.canHandle)
            XCTAssertFalse(page.canApprove)
            XCTAssertFalse(page.canAssign, "only the disclosure office assigns")
            XCTAssertNil(page.feeSuggestion, "no fee suggestion while waiting for the applicant")

            XCTAssertEqual(page.application.input.maskedIDNumber.contains("19491231"), false, "only the masked ID number reaches the page")

            let leader = AccessPolicy(grants: [RoleGrant(role: .leader, organisationID: f.deptA.id!, includesSubtree: false)])
            let asLeader = try await CasePage.load(a, desk: desk, policy: leader, organisation: f.deptA)
            XCTAssertTrue(asLeader.canApprove)
            XCTAssertFalse(asLeader.canHandle)
        }
    }
}
