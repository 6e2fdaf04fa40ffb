import Foundation
import XCTest
@testable import GongkaiDomain

/// 政民互动 rules on the shipped 2026 calendar (国庆 10月1日–7日, 10月10日 调休上班), worked by hand.
final class InteractionRuleTests: XCTestCase {
    let cal = WorkingCalendar.shipped
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testReplyPeriodsPerKindOnTheHolidayCalendar() {
        let p = LetterPeriods.standard
        // 9/29, 9/30, 10/8, 10/9, 10/10 (调休).
        XCTAssertEqual(p.due(.consultation, receivedOn: day("2026-09-28"), calendar: cal).date, day("2026-10-10"))
        XCTAssertEqual(p.due(.policyQuestion, receivedOn: day("2026-09-28"), calendar: cal).date, day("2026-10-10"))
        // Fifteen: … 10/12 (6) … 10/16 (10), 10/19 … 10/23 (15).
        for kind in [LetterKind.suggestion, .complaint, .help] {
            XCTAssertEqual(p.due(kind, receivedOn: day("2026-09-28"), calendar: cal).date, day("2026-10-23"), kind.label)
        }
    }

    func testCountiesSetTheirOwnPeriods() throws {
        let p = try LetterPeriods.parse("咨询=3，建议=10").get()
        XCTAssertEqual(p.workingDays(for: .consultation), 3)
        XCTAssertEqual(p.workingDays(for: .suggestion), 10)
        XCTAssertEqual(p.workingDays(for: .complaint), 15, "unnamed kinds keep their default")
        XCTAssertEqual(LetterPeriods.parse("咨询=0"), .failure(.init(message: "“咨询”的答复期限应为1到60个工作日")))
        XCTAssertEqual(LetterPeriods.parse("咨询=99999999999999999999"), .failure(.init(message: "“咨询”的答复期限应为1到60个工作日")))
        XCTAssertEqual(LetterPeriods.parse("其他=5"),
                       .failure(.init(message: "无法识别“其他=5”：应写成“咨询=5,建议=15”，类别为咨询、政策咨询、建议、投诉、求助")))
        XCTAssertEqual(try LetterPeriods.parse("").get(), .standard)
    }

    func testThreeMonthInspectionLimitAndWatch() {
        XCTAssertEqual(LetterPeriods.inspectionLimit(receivedOn: day("2026-10-15")), day("2027-01-15"))
        XCTAssertEqual(LetterPeriods.inspectionLimit(receivedOn: day("2026-11-30")), day("2027-02-28"))
        XCTAssertEqual(LetterPeriods.inspectionLimit(receivedOn: day("2026-01-31")), day("2026-04-30"))
        XCTAssertEqual(LetterPeriods.inspectionLimit(receivedOn: day("2027-11-30")), day("2028-02-29"))
        XCTAssertEqual(LetterPeriods.watch(receivedOn: day("2026-09-01"), today: day("2026-10-01")), .clear)
        XCTAssertEqual(LetterPeriods.watch(receivedOn: day("2026-09-01"), today: day("2026-11-15")), .approaching(daysLeft: 16))
        XCTAssertEqual(LetterPeriods.watch(receivedOn: day("2026-09-01"), today: day("2026-12-01")), .approaching(daysLeft: 0))
        XCTAssertEqual(LetterPeriods.watch(receivedOn: day("2026-09-01"), today: day("2026-12-02")), .exceeded(days: 1))
    }

    func testEveryActionInEveryState() {
        let actions: [LetterFlow.Action] = [.assign(organisationID: 2), .accept, .returnToOffice(reason: "不属本部门职责"),
                                            .transfer(organisationID: 3, reason: "属县住建局职责"), .submitReply, .approveReply,
                                            .sendBackReply(reason: "答复不完整"), .followUp, .close]
        let allowed: [String: LetterFlow.State] = [
            "交办@received": .assigned, "签收@assigned": .accepted, "退回@assigned": .received,
            "转办@assigned": .assigned, "转办@accepted": .assigned,
            "提交答复审核@accepted": .replyInReview, "提交答复审核@follow_up": .replyInReview,
            "答复审核通过并公开@reply_in_review": .replied, "答复退回修改@reply_in_review": .accepted,
            "追问@replied": .followUp, "办结@replied": .closed,
        ]
        for state in LetterFlow.State.allCases {
            for action in actions {
                let key = "\(action.label)@\(state.rawValue)"
                switch LetterFlow.apply(action, to: state) {
                case .success(let next): XCTAssertEqual(next, allowed[key], key)
                case .failure(let r):
                    XCTAssertNil(allowed[key], key)
                    XCTAssertEqual(r.message, "来信“\(state.label)”时不能\(action.label)", key)
                }
            }
        }
        XCTAssertEqual(LetterFlow.apply(.followUp, to: .replied, followUps: 1), .failure(.init(message: "每件来信只能追问一次")))
        XCTAssertEqual(LetterFlow.apply(.returnToOffice(reason: " "), to: .assigned), .failure(.init(message: "请填写退回的理由")))
        XCTAssertEqual(LetterFlow.apply(.transfer(organisationID: 3, reason: ""), to: .accepted), .failure(.init(message: "请填写转办的理由")))
        XCTAssertEqual(LetterFlow.State.allCases.filter(\.awaitsReply), [.received, .assigned, .accepted, .replyInReview, .followUp])
    }

    func testOpinionClocksRunThroughNightsAndHolidays() {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int) -> Date { c.date(from: DateComponents(year: y, month: m, day: d, hour: h))! }
        let limits = OpinionLimits()
        let known = at(2026, 9, 30, 22)
        XCTAssertEqual(limits.deadlines(.major, knownAt: known).map(\.due), [at(2026, 10, 1, 3), at(2026, 10, 1, 22)])
        XCTAssertEqual(limits.deadlines(.major, knownAt: known).map(\.what), ["发布权威信息", "召开新闻发布会"])
        XCTAssertEqual(limits.deadlines(.ordinary, knownAt: known).map(\.due), [at(2026, 10, 2, 22)])
        XCTAssertTrue(limits.onTime(.major, knownAt: known, respondedAt: at(2026, 10, 1, 3)))
        XCTAssertFalse(limits.onTime(.major, knownAt: known, respondedAt: at(2026, 10, 1, 4)))
        XCTAssertTrue(limits.onTime(.ordinary, knownAt: known, respondedAt: at(2026, 10, 2, 21)))
        var local = OpinionLimits()
        local.ordinaryResponseHours = 24
        XCTAssertFalse(local.onTime(.ordinary, knownAt: known, respondedAt: at(2026, 10, 2, 21)))
    }

    func testCommitmentsAreOverdueOnlyWhileOpen() {
        XCTAssertTrue(CommitmentState.open.isOverdue(due: day("2026-10-10"), today: day("2026-10-11")))
        XCTAssertFalse(CommitmentState.open.isOverdue(due: day("2026-10-10"), today: day("2026-10-10")))
        XCTAssertFalse(CommitmentState.done.isOverdue(due: day("2026-10-10"), today: day("2026-12-01")))
        XCTAssertEqual(ReplyRating.allCases.filter(\.countsAsSatisfied), [.satisfied, .fairlySatisfied])
    }

    /// Every response kind against every deadline: which kinds meet which, on time or late, and
    /// what an unmet deadline is before and after it passes.
    func testOpinionChecksPerResponseKind() {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        func at(_ d: Int, _ h: Int, _ m: Int = 0) -> Date { c.date(from: DateComponents(year: 2026, month: 10, day: d, hour: h, minute: m))! }
        let limits = OpinionLimits()
        let known = at(1, 21) // 国庆 evening: the hours run through the night and the holiday
        // Major: 5 h → 10月2日 02:00; 24 h → 10月2日 21:00.
        let firstMet: [OpinionResponseKind: Bool] = [.information: true, .pressConference: true, .statement: true, .progress: false]
        for kind in OpinionResponseKind.allCases {
            let early = limits.checks(.major, knownAt: known, responses: [(kind, at(2, 1, 59))], now: at(3, 0))
            XCTAssertEqual(early.map(\.what), ["发布权威信息", "召开新闻发布会"])
            XCTAssertEqual(early[0].outcome, firstMet[kind]! ? .onTime(at(2, 1, 59)) : .missed, kind.label)
            XCTAssertEqual(early[1].outcome, kind == .pressConference ? .onTime(at(2, 1, 59)) : .missed, kind.label)
            let ordinary = limits.checks(.ordinary, knownAt: known, responses: [(kind, at(3, 21, 1))], now: at(5, 0))
            XCTAssertEqual(ordinary.count, 1)
            XCTAssertEqual(ordinary[0].outcome, firstMet[kind]! ? .late(at(3, 21, 1)) : .missed, kind.label)
        }
        // The earliest counting response decides; before the deadline nothing is missed yet.
        let two = limits.checks(.major, knownAt: known, responses: [(.pressConference, at(2, 20)), (.information, at(2, 3))], now: at(2, 22))
        XCTAssertEqual(two.map(\.outcome), [.late(at(2, 3)), .onTime(at(2, 20))])
        XCTAssertEqual(two.map(\.isLateOrMissed), [true, false])
        let waiting = limits.checks(.major, knownAt: known, responses: [], now: at(2, 1))
        XCTAssertEqual(waiting.map(\.outcome), [.pending, .pending])
        XCTAssertEqual(limits.checks(.major, knownAt: known, responses: [], now: at(2, 3)).map(\.outcome), [.missed, .pending])
        XCTAssertEqual(limits.checks(.ordinary, knownAt: known, responses: [], now: at(3, 21)).map(\.outcome), [.pending], "exactly at the limit is still in time")
        XCTAssertEqual(limits.checks(.ordinary, knownAt: known, responses: [(.statement, at(3, 21))], now: at(9, 0)).map(\.outcome), [.onTime(at(3, 21))])
    }

    func testOpinionLimitsFromConfiguration() {
        XCTAssertEqual(try OpinionLimits.parse("5,24,48").get(), OpinionLimits())
        XCTAssertEqual(try OpinionLimits.parse(" 3，12，24 ").get(), OpinionLimits(majorFirstInformationHours: 3, majorPressConferenceHours: 12, ordinaryResponseHours: 24))
        for bad in ["", "5,24", "5,24,48,1", "0,24,48", "5,24,721", "a,b,c", "5,-1,48", "25,24,48", "5.5,24,48"] {
            if case .success = OpinionLimits.parse(bad) { XCTFail(bad) }
        }
        XCTAssertTrue(CommitmentState.kept(due: day("2026-10-10"), doneOn: day("2026-10-10")))
        XCTAssertFalse(CommitmentState.kept(due: day("2026-10-10"), doneOn: day("2026-10-11")))
        XCTAssertFalse(CommitmentState.kept(due: day("2026-10-10"), doneOn: nil))
    }
}

final class InterviewRuleTests: XCTestCase {
    func testInterviewStatesAndWhatEachAllows() {
        XCTAssertEqual(InterviewState.allCases.map { $0.next?.state }, [.announced, .live, .ended, nil])
        XCTAssertEqual(InterviewState.allCases.map { $0.next?.action }, ["发布预告", "开始访谈", "结束访谈", nil])
        XCTAssertEqual(InterviewState.allCases.filter(\.isPublic), [.announced, .live, .ended])
        XCTAssertEqual(InterviewState.allCases.filter(\.acceptsQuestions), [.announced, .live])
        XCTAssertEqual(InterviewState.allCases.filter(\.takesTranscript), [.live])
    }

    /// Five working days after the session on the shipped calendar: across a weekend, and across
    /// 国庆 with its 调休 Sunday.
    func testFollowUpDayOnTheWorkingCalendar() {
        let c = WorkingCalendar.shipped
        XCTAssertEqual(InterviewFollowUp.due(endedOn: CivilDate(iso: "2026-11-27")!, days: 5, calendar: c), CivilDate(iso: "2026-12-04")!)
        // Ended 9月29日 (Tuesday): 9月30日, then 10月8日, 9日, 10日 (调休 Saturday), 12日.
        XCTAssertEqual(InterviewFollowUp.due(endedOn: CivilDate(iso: "2026-09-29")!, days: 5, calendar: c), CivilDate(iso: "2026-10-12")!)
        XCTAssertTrue(InterviewFollowUp.overdue(due: CivilDate(iso: "2026-12-04")!, today: CivilDate(iso: "2026-12-05")!, unanswered: 1))
        XCTAssertFalse(InterviewFollowUp.overdue(due: CivilDate(iso: "2026-12-04")!, today: CivilDate(iso: "2026-12-04")!, unanswered: 1))
        XCTAssertFalse(InterviewFollowUp.overdue(due: CivilDate(iso: "2026-12-04")!, today: CivilDate(iso: "2026-12-09")!, unanswered: 0))
    }
}
