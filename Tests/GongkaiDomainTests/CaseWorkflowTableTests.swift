import XCTest
@testable import GongkaiDomain

/// Every step from every status: allowed (and where it leads) or refused (and the reason staff
/// read). The table is written out here by hand from the handling procedure, not derived from
/// `CaseWorkflow`'s own sets.
final class CaseWorkflowTableTests: XCTestCase {
    typealias S = ApplicationStatus

    /// step → the statuses it is allowed in, with the status it leads to. Everything else is refused.
    static let allowed: [ApplicationStep: [S: S]] = [
        .submitted: [:],
        .registered: [.awaitingConfirmation: .inProgress],
        .assigned: [.inProgress: .awaitingAcceptance],
        .accepted: [.awaitingAcceptance: .inProgress],
        .returned: [.awaitingAcceptance: .inProgress],
        .correctionRequested: [.inProgress: .awaitingCorrection, .awaitingCorrection: .awaitingCorrection, .paused: .awaitingCorrection],
        .correctionReceived: [.inProgress: .inProgress, .awaitingCorrection: .inProgress, .paused: .inProgress],
        .pauseStarted: [.inProgress: .paused, .awaitingCorrection: .paused, .paused: .paused],
        .pauseEnded: [.inProgress: .inProgress, .awaitingCorrection: .inProgress, .paused: .inProgress],
        .extended: [.inProgress: .inProgress, .awaitingCorrection: .inProgress, .paused: .inProgress],
        .decided: [.inProgress: .decided, .awaitingCorrection: .decided, .paused: .decided],
        .delivered: [.decided: .delivered],
        .archived: [.delivered: .archived],
        .note: [.awaitingConfirmation: .awaitingConfirmation, .inProgress: .inProgress, .awaitingAcceptance: .awaitingAcceptance,
                .awaitingCorrection: .awaitingCorrection, .paused: .paused, .decided: .decided, .delivered: .delivered, .archived: .archived],
    ]

    /// The reason for a refusal, by step and status.
    static func reason(_ step: ApplicationStep, _ status: S) -> (field: String, message: String) {
        if status == .archived { return ("date", "已归档的申请不能再办理") }
        let clock: Set<ApplicationStep> = [.correctionRequested, .correctionReceived, .pauseStarted, .pauseEnded, .extended, .decided]
        if clock.contains(step) { return ("date", "当前状态（\(status.label)）下不能进行此操作") }
        switch step {
        case .submitted: return ("step", "“提交申请”只在收到申请时记录")
        case .registered: return ("date", "该申请已登记")
        case .assigned: return ("code", "只有办理中的申请才能交办")
        case .accepted, .returned: return ("date", "该申请不在待签收状态")
        case .delivered: return ("date", "作出答复后才能登记送达")
        case .archived: return ("date", "送达后才能归档")
        default: return ("?", "?")
        }
    }

    func testEveryStepFromEveryStatus() {
        XCTAssertEqual(Set(Self.allowed.keys), Set(ApplicationStep.allCases), "the table covers every step")
        var cells = 0
        for step in ApplicationStep.allCases {
            for status in S.allCases {
                cells += 1
                let result = CaseWorkflow.transition(step, from: status)
                if let to = Self.allowed[step]![status] {
                    guard case .success(let t) = result else { XCTFail("\(step) from \(status) should be allowed: \(result)"); continue }
                    XCTAssertEqual(t.to, to, "\(step) from \(status)")
                    XCTAssertEqual(t.from, status)
                    XCTAssertEqual(t.event, step, "the history event is the step itself")
                    XCTAssertEqual(t.auditAction, step.label, "the audit action is the step's Chinese label")
                } else {
                    let expected = Self.reason(step, status)
                    XCTAssertEqual(result, .failure(CaseWorkflow.Refusal(field: expected.field, message: expected.message)), "\(step) from \(status)")
                }
            }
        }
        XCTAssertEqual(cells, 14 * 8)
    }

    func testAuditActionsAreChineseAndDistinct() {
        let labels = ApplicationStep.allCases.map(\.label)
        XCTAssertEqual(Set(labels).count, labels.count)
        for l in labels { XCTAssertTrue(l.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, l) }
    }

    // MARK: What a step must say

    let today = CivilDate(iso: "2026-11-20")!
    func facts(_ status: S, submitted: String = "2026-11-02") -> CaseWorkflow.Facts {
        CaseWorkflow.Facts(status: status, organisationID: 7, submittedOn: CivilDate(iso: submitted), today: today)
    }

    func testFieldProblemsBesideTheirFields() {
        let d = CivilDate(iso: "2026-11-10")!
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .note, date: CivilDate(iso: "2026-11-21")!, note: "x"), facts: facts(.inProgress)),
                       ["date": "日期不能晚于今天"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .registered, date: CivilDate(iso: "2026-11-01")!), facts: facts(.awaitingConfirmation)),
                       ["date": "收到日期不能早于提交日期（2026-11-02）"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .correctionRequested, date: d), facts: facts(.inProgress)),
                       ["note": "请写明需要补正的内容", "deadline": "请填写补正期限"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .correctionRequested, date: d, note: "身份证明", deadline: d), facts: facts(.inProgress)),
                       ["deadline": "补正期限应晚于告知日期"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .decided, date: d), facts: facts(.inProgress)), ["code": "请选择办理结果"])
        let notHeld = CaseWorkflow.problems(.init(step: .decided, date: d, note: "经检索没有", code: ReplyOutcome.unavailableNotHeld.rawValue),
                                            facts: facts(.inProgress))
        XCTAssertEqual(Array(notHeld.keys), ["not_held"])
        let disclosed = CaseWorkflow.problems(.init(step: .decided, date: d, code: ReplyOutcome.disclosed.rawValue), facts: facts(.inProgress))
        XCTAssertEqual(Array(disclosed.keys), ["provision"])
        XCTAssertTrue(CaseWorkflow.problems(.init(step: .decided, date: d, code: ReplyOutcome.disclosed.rawValue, provision: "通过电子邮件发送"),
                                            facts: facts(.inProgress)).isEmpty)
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .assigned, date: d, code: "7"), facts: facts(.inProgress)),
                       ["code": "承办单位就是受理机关，无需交办"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .assigned, date: d, code: "x"), facts: facts(.inProgress)), ["code": "请选择承办单位"])
        XCTAssertTrue(CaseWorkflow.problems(.init(step: .assigned, date: d, code: "8"), facts: facts(.inProgress)).isEmpty)
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .pauseStarted, date: d, code: "nonsense"), facts: facts(.inProgress)),
                       ["code": "请选择暂停原因"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .extended, date: d, days: 20), facts: facts(.inProgress)), ["note": "请写明延期理由"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .returned, date: d), facts: facts(.awaitingAcceptance)), ["note": "请写明退回理由"])
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .delivered, date: d), facts: facts(.decided)),
                       ["note": "请写明送达方式和凭证（如邮件单号、签收人）"])
    }

    func testTheStatusRuleWinsOverTheFieldsOwnMessage() {
        let d = CivilDate(iso: "2026-11-10")!
        // Assigning a case that is not being handled: the status rule, not "choose a unit".
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .assigned, date: d), facts: facts(.decided))["code"], "只有办理中的申请才能交办")
        XCTAssertEqual(CaseWorkflow.problems(.init(step: .delivered, date: d, note: "EMS 123"), facts: facts(.archived)),
                       ["date": "已归档的申请不能再办理"])
    }

    func testEveryClockStepHasItsDeadlineEvent() {
        let d = CivilDate(iso: "2026-11-10")!, later = CivilDate(iso: "2026-11-30")!
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .registered, date: d)), .received(d))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .correctionRequested, date: d, deadline: later)), .correctionRequested(d, deadline: later))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .correctionReceived, date: d)), .correctionReceived(d))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .pauseStarted, date: d, code: ReplyDeadline.PauseReason.allCases[0].rawValue)),
                       .pauseStarted(d, ReplyDeadline.PauseReason.allCases[0]))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .pauseEnded, date: d)), .pauseEnded(d))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .extended, date: d, days: 20)), .extended(d, workingDays: 20))
        XCTAssertEqual(CaseWorkflow.deadlineEvent(.init(step: .decided, date: d)), .decided(d))
        for step in [ApplicationStep.submitted, .assigned, .accepted, .returned, .delivered, .archived, .note] {
            XCTAssertNil(CaseWorkflow.deadlineEvent(.init(step: step, date: d)), "\(step) does not move the clock")
        }
    }
}
