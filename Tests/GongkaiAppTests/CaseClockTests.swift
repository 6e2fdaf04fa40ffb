import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// Every open state has its own clock and shows up as due or overdue (issue 11, item 7).
final class CaseClockTests: XCTestCase {
    func testPausedCorrectionAndUnconfirmedCasesAreNotInvisible() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("t")
            func apply(_ name: String, channel: ApplicationChannel, received: CivilDate?) async throws -> InformationApplication {
                var input = ApplicationInput()
                input.name = name; input.idNumber = "11010519491231002X"; input.phone = "13900001111"; input.description = "\(name)的申请内容"
                return try await desk.submit(input, to: f.deptA, channel: channel, receiptDate: received, clientAddress: "x", actor: actor).0
            }
            // A third-party consultation begun 2026-08-03 and never ended.
            let consulting = try await apply("甲", channel: .inPerson, received: CivilDate(iso: "2026-07-27"))
            try await desk.record(.init(step: .pauseStarted, date: CivilDate(iso: "2026-08-03")!, note: "征求第三方意见",
                                        code: ReplyDeadline.PauseReason.thirdPartyConsultation.rawValue), on: consulting, actor: actor)
            // A 补正 whose deadline has passed.
            let correcting = try await apply("乙", channel: .inPerson, received: CivilDate(iso: "2026-10-12"))
            try await desk.record(.init(step: .correctionRequested, date: CivilDate(iso: "2026-10-13")!, note: "请补充",
                                        deadline: CivilDate(iso: "2026-10-27")), on: correcting, actor: actor)
            // An online application nobody confirmed, submitted weeks ago.
            let waiting = try await apply("丙", channel: .online, received: nil)
            waiting.submittedAt = ISO8601DateFormatter().date(from: "2026-11-02T02:00:00Z")!
            try await waiting.update(on: env.db)

            let today = CivilDate(iso: "2026-11-30")!
            let cases = try await ApplicationQueries.cases(organisationIDs: [f.deptA.id!], openOnly: true, services: env.services, today: today)
            let overdue = cases.filter { ApplicationQueries.DueFilter.overdue.matches($0, today: today) }
            let kinds = Dictionary(uniqueKeysWithValues: overdue.map { ($0.application.name, $0.clock?.kind) })
            XCTAssertEqual(kinds["甲"], .consultation)
            XCTAssertEqual(kinds["乙"], .correction)
            XCTAssertEqual(kinds["丙"], .confirmation)
            // Third party: 15 working days from 2026-08-03 (no holidays in between) is 2026-08-24.
            XCTAssertEqual(overdue.first { $0.application.name == "甲" }?.clock?.dueDate, CivilDate(iso: "2026-08-24"))
            XCTAssertEqual(overdue.first { $0.application.name == "乙" }?.clock?.dueDate, CivilDate(iso: "2026-10-27"))
            XCTAssertEqual(overdue.first { $0.application.name == "丙" }?.clock?.dueDate, CivilDate(iso: "2026-11-04"))

            // The reminder job escalates each of them, naming the clock.
            try await StaffDirectory(services: env.services).update(f.adminA, displayName: f.adminA.displayName, phone: "",
                                                                    email: "admina@qx.example.cn", active: true, actor: actor)
            _ = try await DeadlineReminderJob(services: env.services).run(today: today, leadDays: 3)
            let mails = try await OutboxMail.query(on: env.db).all().map(\.subject)
            XCTAssertTrue(mails.contains { $0.contains(consulting.registrationNumber) && $0.contains("征求意见") }, "\(mails)")
            XCTAssertTrue(mails.contains { $0.contains(correcting.registrationNumber) && $0.contains("补正期限") }, "\(mails)")
            XCTAssertTrue(mails.contains { $0.contains(waiting.registrationNumber) && $0.contains("确认收到") }, "\(mails)")
        }
    }
}
