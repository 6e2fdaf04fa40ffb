import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// A year of applications with known outcomes — every leaf row, both applicant kinds, carry-overs in
/// and out — and the published report checked cell by cell against an independent count.
final class AnnualReportScenarioTests: XCTestCase {
    struct Planned {
        let kind: ApplicantKind
        let received: String
        let decided: String?
        let outcome: ReplyOutcome?
    }

    func testEveryCellOfTableThree() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            var plan: [Planned] = []
            for (i, o) in ReplyOutcome.allCases.enumerated() where o != .otherNoCorrection && o != .unavailableStillUnclear && o != .otherFeeUnpaid {
                plan.append(.init(kind: ApplicantKind.allCases[i % 6], received: CivilDate(iso: "2025-02-03")!.adding(days: i * 7).description,
                                  decided: CivilDate(iso: "2025-02-03")!.adding(days: i * 7 + 14).description, outcome: o))
            }
            plan += [
                .init(kind: .naturalPerson, received: "2024-12-16", decided: "2025-01-08", outcome: .disclosed),            // carried in
                .init(kind: .researchInstitution, received: "2024-12-20", decided: "2025-01-15", outcome: .partiallyDisclosed),
                .init(kind: .naturalPerson, received: "2024-11-04", decided: "2024-11-25", outcome: .disclosed),            // last year only
                .init(kind: .commercialEnterprise, received: "2025-12-22", decided: nil, outcome: nil),                    // carried out
                .init(kind: .naturalPerson, received: "2025-12-26", decided: "2026-01-09", outcome: .disclosed),            // decided next year
            ]
            for (i, p) in plan.enumerated() {
                var input = ApplicationInput()
                input.applicantKind = p.kind
                input.name = "申请人\(i)"
                if p.kind.isOrganisation { input.contactPerson = "联系人"; input.idKind = .creditCode; input.idNumber = "91350100M000100Y43" } else { input.idNumber = "11010519491231002X" }
                input.phone = "13900003333"; input.description = "事项\(i)"
                let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: p.received)!, clientAddress: "x", actor: actor)
                if let d = p.decided, let o = p.outcome {
                    try await desk.record(.init(step: .decided, date: CivilDate(iso: d)!, note: o.requiresReason ? "理由" : "", code: o.rawValue, notHeld: .doesNotExist, provision: "通过电子邮件发送"), on: a, actor: actor)
                }
            }
            // The rows that need a 补正 or a fee notice first, through the desk as staff do it; the
            // abandonment outcomes only after the applicant's period has run out.
            for (k, o) in [(ApplicantKind.otherOrganisation, ReplyOutcome.otherNoCorrection), (.naturalPerson, .unavailableStillUnclear),
                           (.commercialEnterprise, .otherFeeUnpaid)] {
                var input = ApplicationInput()
                input.applicantKind = k
                input.name = "补正\(o.rawValue)"
                if k.isOrganisation { input.contactPerson = "联系人"; input.idKind = .creditCode; input.idNumber = "91350100M000100Y43" } else { input.idNumber = "11010519491231002X" }
                input.phone = "13900003333"; input.description = "补正事项"
                let received = CivilDate(iso: "2025-10-09")!
                let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: received, clientAddress: "x", actor: actor)
                if o == .otherFeeUnpaid {
                    try await desk.issueFeeNotice(on: a, method: .byVolume, pages: 50, date: received.adding(days: 1), actor: actor)
                } else {
                    try await desk.record(.init(step: .correctionRequested, date: received.adding(days: 1), note: "请补充", deadline: received.adding(days: 15)), on: a, actor: actor)
                }
                if o == .unavailableStillUnclear {
                    try await desk.record(.init(step: .correctionReceived, date: received.adding(days: 10)), on: a, actor: actor)
                }
                let decided = received.adding(days: o == .otherFeeUnpaid ? 45 : 30)
                try await desk.record(.init(step: .decided, date: decided, note: "理由", code: o.rawValue, notHeld: .doesNotExist, provision: "通过电子邮件发送"), on: a, actor: actor)
                plan.append(.init(kind: k, received: received.description, decided: decided.description, outcome: o))
            }

            // Independent count, straight from the plan.
            func expected(_ row: String, _ kind: ApplicantKind?) -> Int {
                plan.filter { p in
                    guard kind == nil || p.kind == kind else { return false }
                    let r = p.received.prefix(4), d = p.decided?.prefix(4)
                    let inReport = (r == "2025" || (r == "2024" && d != "2024"))
                    guard inReport else { return false }
                    switch row {
                    case "一": return r == "2025"
                    case "二": return r == "2024"
                    case "七": return d == "2025"
                    case "四": return d != "2025"
                    default: return d == "2025" && p.outcome?.rawValue == row
                    }
                }.count
            }

            let reports = AnnualReportDesk(services: env.services)
            let r = try await reports.report(for: f.deptA, year: 2025)
            try await reports.save(r, overview: String(repeating: "总体情况说明。", count: 4), problems: "问题和改进情况说明。", other: "无",
                                   entered: .init(), actor: actor)
            try await reports.publish(r, org: f.deptA, correctionNote: nil, actor: actor)
            let grid = try XCTUnwrap(reports.publishedSnapshot(r)?.applications.layout())
            var checked = 0
            for line in grid.dropFirst(3) {
                let label = line[line.count - 8].cell.text
                let key: String
                switch label {
                case ApplicationTable.Row.newThisYear.label: key = "一"
                case ApplicationTable.Row.carriedOver.label: key = "二"
                case ApplicationTable.Row.decidedTotal.label: key = "七"
                case ApplicationTable.Row.carriedForward.label: key = "四"
                default:
                    guard let o = ReplyOutcome.allCases.first(where: { $0.rowLabel == label }) else { return XCTFail("unknown row \(label)") }
                    key = o.rawValue
                }
                for (i, kind) in ApplicantKind.allCases.enumerated() {
                    XCTAssertEqual(Int(line[3 + i].cell.text), expected(key, kind), "\(label) / \(kind.label)")
                    checked += 1
                }
                XCTAssertEqual(Int(line[9].cell.text), expected(key, nil), "\(label) / 总计")
                checked += 1
            }
            XCTAssertEqual(checked, 25 * 7, "every numeric cell of table 三")
            XCTAssertEqual(ReplyOutcome.allCases.filter { expected($0.rawValue, nil) == 0 }, [], "every leaf row is used")
        }
    }
}
