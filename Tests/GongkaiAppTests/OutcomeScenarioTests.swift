import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class OutcomeScenarioTests: XCTestCase {
    /// A case per outcome, handled through the desk as staff would: each ends in its report row.
    func testEachOutcomeEndsInItsReportRow() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            for (i, outcome) in ReplyOutcome.allCases.enumerated() {
                var input = ApplicationInput()
                input.applicantKind = ApplicantKind.allCases[i % 6]
                input.name = "申请人\(i)"
                input.idNumber = "11010519491231002X"
                input.phone = "13900003333"
                input.description = "测试事项\(i)"
                let received = CivilDate(year: 2026, month: 3, day: 2)!.adding(days: i)
                let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: received,
                                                   clientAddress: "x", actor: actor)
                if outcome == .otherNoCorrection || outcome == .unavailableStillUnclear {
                    try await desk.record(.init(step: .correctionRequested, date: received.adding(days: 1), note: "请补充",
                                                deadline: received.adding(days: 15)), on: a, actor: actor)
                    if outcome == .unavailableStillUnclear {
                        try await desk.record(.init(step: .correctionReceived, date: received.adding(days: 10)), on: a, actor: actor)
                    }
                }
                if outcome == .otherFeeUnpaid {
                    try await desk.issueFeeNotice(on: a, method: .byVolume, pages: 50, date: received.adding(days: 1), actor: actor)
                }
                // 逾期未缴费 only once the 20 working days to pay have passed.
                try await desk.record(.init(step: .decided, date: received.adding(days: outcome == .otherFeeUnpaid ? 40 : 20),
                                            note: outcome.requiresReason ? "理由" : "", code: outcome.rawValue,
                                            notHeld: .doesNotExist, provision: "通过电子邮件发送"), on: a, actor: actor)
            }
            // One received but not decided: carried into next year.
            var open = ApplicationInput()
            open.name = "未结"; open.idNumber = "11010519491231002X"; open.phone = "13900003333"; open.description = "未办结事项"
            _ = try await desk.submit(open, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!, clientAddress: "x", actor: actor)

            let records = try await ApplicationQueries.tableRecords(organisationIDs: [f.deptA.id!], on: env.db)
            let table = ApplicationTable(year: 2026, cases: records)
            for (i, outcome) in ReplyOutcome.allCases.enumerated() {
                XCTAssertEqual(table.total(.outcome(outcome)), 1, outcome.fullLabel)
                XCTAssertEqual(table.count(.outcome(outcome), ApplicantKind.allCases[i % 6]), 1, outcome.fullLabel)
            }
            XCTAssertEqual(table.total(.newThisYear), 22)
            XCTAssertEqual(table.total(.decidedTotal), 21)
            XCTAssertEqual(table.total(.carriedForward), 1)
            XCTAssertEqual(table.balanceProblems, [])
        }
    }
}
