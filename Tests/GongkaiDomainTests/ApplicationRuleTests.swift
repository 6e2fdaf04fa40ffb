import Foundation
import XCTest
@testable import GongkaiDomain

final class ApplicationRuleTests: XCTestCase {
    let cal = WorkingCalendar.shipped
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testResidentIDNumbers() {
        XCTAssertTrue(ResidentIDNumber.isValid("11010519491231002X"))
        XCTAssertTrue(ResidentIDNumber.isValid("11010519491231002x"))
        func problem(_ s: String) -> ResidentIDNumber.Problem? {
            do { _ = try ResidentIDNumber(validating: s); return nil } catch { return error }
        }
        XCTAssertEqual(problem("110105194912310021"), .checkDigitMismatch(expected: "X"))
        XCTAssertEqual(problem("11010519491331002X"), .invalidBirthDate)
        XCTAssertEqual(problem("1101051949123100"), .wrongLength(16))
        XCTAssertEqual(problem("1101051949123100AX"), .invalidCharacter)
        XCTAssertEqual(try ResidentIDNumber(validating: "11010519491231002X").masked(), "110105********002X")
        XCTAssertEqual(try ResidentIDNumber(validating: "11010519491231002X").masked(.keepFirst2Last3), "11*************02X")
        // Every single-digit change among the first 17 is caught by the check digit (or the date check).
        let base = Array("11010519491231002X")
        for i in 0..<17 {
            for c in "0123456789" where c != base[i] {
                var v = base
                v[i] = c
                XCTAssertFalse(ResidentIDNumber.isValid(String(v)), String(v))
            }
        }
    }

    func testOutcomesAreTheTwentyOneLeafRowsInReportOrder() {
        XCTAssertEqual(ReplyOutcome.allCases.count, 21)
        XCTAssertEqual(ReplyOutcome.allCases.filter { $0.group == .withheld }.count, 8)
        XCTAssertEqual(ReplyOutcome.allCases.filter { $0.group == .unavailable }.count, 3)
        XCTAssertEqual(ReplyOutcome.allCases.filter { $0.group == .notProcessed }.count, 5)
        XCTAssertEqual(ReplyOutcome.allCases.filter { $0.group == .other }.count, 3)
        XCTAssertEqual(ReplyOutcome.withheldThreeSecurities.rowLabel, "3.危及“三安全一稳定”")
        XCTAssertEqual(ReplyOutcome.notProcessedRepeat.fullLabel, "（五）不予处理 · 2.重复申请")
        XCTAssertTrue(ReplyOutcome.withheldStateSecret.requiresReason)
        XCTAssertFalse(ReplyOutcome.disclosed.requiresReason)
        XCTAssertEqual(ApplicantKind.allCases.map(\.label), ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    }

    func testSimpleCaseMatchesTheStatutoryExampleWordForWord() throws {
        let d = try ReplyDeadline.derive(events: [.received(day("2026-09-28"))], calendar: cal, today: day("2026-10-09"))
        XCTAssertEqual(d.dueDate, day("2026-10-30"))
        XCTAssertEqual(d.status, .due(day("2026-10-30")))
        XCTAssertEqual(d.explanationText, "9月28日收到，次日起算；10月1日至7日休；10月10日调休上班；第20个工作日为10月30日")
        XCTAssertEqual(d.usedWorkingDays, 4) // 9-29, 9-30, 10-08, 10-09
        XCTAssertFalse(d.provisional)
    }

    func testCorrectionRestartsThePeriodAndMustComeWithinSevenWorkingDays() throws {
        let waiting = try ReplyDeadline.derive(events: [
            .received(day("2026-03-02")), .correctionRequested(day("2026-03-05"), deadline: day("2026-03-20")),
        ], calendar: cal, today: day("2026-03-10"))
        XCTAssertEqual(waiting.status, .awaitingCorrection(deadline: day("2026-03-20")))
        XCTAssertNil(waiting.dueDate)

        let restarted = try ReplyDeadline.derive(events: [
            .received(day("2026-03-02")), .correctionRequested(day("2026-03-05"), deadline: day("2026-03-20")),
            .correctionReceived(day("2026-03-16")),
        ], calendar: cal, today: day("2026-03-17"))
        XCTAssertEqual(restarted.dueDate, cal.addingWorkingDays(20, after: day("2026-03-16")).date)
        XCTAssertTrue(restarted.explanationText.contains("3月16日收到补正后的申请，次日起重新计算"), restarted.explanationText)

        XCTAssertThrowsError(try ReplyDeadline.derive(events: [
            .received(day("2026-03-02")), .correctionRequested(day("2026-03-12"), deadline: day("2026-03-30")),
        ], calendar: cal, today: day("2026-03-12"))) { e in
            XCTAssertEqual(e as? ReplyDeadline.Problem, .correctionTooLate(latest: day("2026-03-11")))
        }
        XCTAssertThrowsError(try ReplyDeadline.derive(events: [
            .received(day("2026-03-02")), .correctionRequested(day("2026-03-03"), deadline: day("2026-03-20")),
            .correctionReceived(day("2026-03-10")), .correctionRequested(day("2026-03-11"), deadline: day("2026-03-25")),
        ], calendar: cal, today: day("2026-03-12")))
    }

    func testConsultationPausesAndExtensions() throws {
        let paused = try ReplyDeadline.derive(events: [
            .received(day("2026-04-01")), .pauseStarted(day("2026-04-08"), .thirdPartyConsultation),
        ], calendar: cal, today: day("2026-04-15"))
        XCTAssertEqual(paused.status, .paused(.thirdPartyConsultation, since: day("2026-04-08")))
        XCTAssertNil(paused.dueDate)

        let resumed = try ReplyDeadline.derive(events: [
            .received(day("2026-04-01")), .pauseStarted(day("2026-04-08"), .thirdPartyConsultation),
            .pauseEnded(day("2026-04-20")), .extended(day("2026-04-27"), workingDays: 20),
        ], calendar: cal, today: day("2026-04-28"))
        XCTAssertEqual(resumed.allowedWorkingDays, 40)
        XCTAssertTrue(resumed.explanationText.contains("4月8日至4月20日征求第三方意见，其间"), resumed.explanationText)
        XCTAssertTrue(resumed.explanationText.contains("经批准延长20个工作日"))

        XCTAssertThrowsError(try ReplyDeadline.derive(events: [
            .received(day("2026-04-01")), .extended(day("2026-04-20"), workingDays: 15), .extended(day("2026-04-25"), workingDays: 6),
        ], calendar: cal, today: day("2026-04-28"))) { e in
            XCTAssertEqual(e as? ReplyDeadline.Problem, .extensionTooLong(total: 21))
        }
    }

    func testDecisionIsOnTimeOrLate() throws {
        let onTime = try ReplyDeadline.derive(events: [.received(day("2026-09-28")), .decided(day("2026-10-30"))],
                                              calendar: cal, today: day("2026-11-20"))
        XCTAssertEqual(onTime.status, .decided(day("2026-10-30"), onTime: true))
        let late = try ReplyDeadline.derive(events: [.received(day("2026-09-28")), .decided(day("2026-11-02"))],
                                            calendar: cal, today: day("2026-11-20"))
        XCTAssertEqual(late.status, .decided(day("2026-11-02"), onTime: false))
    }

    /// Thousands of generated cases (random receipt dates 2019–2026, random pauses and extensions)
    /// against an independent day-by-day computation with Foundation's calendar.
    func testGeneratedCasesAgreeWithAnIndependentComputation() throws {
        let raw = WorkingCalendarTests.raw
        let g = WorkingCalendarTests.gregorian
        func working(_ s: String, _ date: Date) -> Bool {
            if raw.holidays.contains(s) { return false }
            if raw.workdays.contains(s) { return true }
            let wd = g.component(.weekday, from: date)
            return wd != 1 && wd != 7
        }
        var rng = SystemRandomNumberGenerator()
        let origin = g.date(from: DateComponents(year: 2019, month: 1, day: 2))!
        for _ in 0..<2000 {
            let receiptDate = g.date(byAdding: .day, value: Int.random(in: 0..<(365 * 8 - 120), using: &rng), to: origin)!
            let receipt = CivilDate(iso: WorkingCalendarTests.iso(receiptDate))!
            var events: [ReplyDeadline.Event] = [.received(receipt)]
            var pause: (Int, Int)?
            if Bool.random(using: &rng) {
                let a = Int.random(in: 0...15, using: &rng), b = a + Int.random(in: 0...25, using: &rng)
                pause = (a, b)
                events.append(.pauseStarted(receipt.adding(days: a), .otherOrganConsultation))
                events.append(.pauseEnded(receipt.adding(days: b)))
            }
            let ext = Bool.random(using: &rng) ? Int.random(in: 1...20, using: &rng) : 0
            // Within the period (Art. 33): ten calendar days after receipt is always before the last day.
            if ext > 0 { events.append(.extended(receipt.adding(days: 10), workingDays: ext)) }
            let got = try ReplyDeadline.derive(events: events, calendar: cal, today: receipt)

            var d = receiptDate
            var offset = 0
            var counted = 0
            while counted < 20 + ext {
                d = g.date(byAdding: .day, value: 1, to: d)!
                offset += 1
                let inPause = pause.map { offset > $0.0 && offset <= $0.1 } ?? false
                if working(WorkingCalendarTests.iso(d), d) && !inPause { counted += 1 }
            }
            XCTAssertEqual(got.dueDate?.description, WorkingCalendarTests.iso(d), "receipt \(receipt), pause \(String(describing: pause)), extension \(ext)")
        }
    }
}
