import XCTest
@testable import GongkaiDomain

final class PublishingRuleTests: XCTestCase {
    func testIndexNumbers() throws {
        XCTAssertEqual(IndexNumberPattern.standard.format(creditCode: "11441700007280420Y", organisationID: 3, year: 2021, serial: 50),
                       "11441700007280420Y/2021-00050")
        XCTAssertEqual(IndexNumberPattern.standard.format(creditCode: "", organisationID: 16, year: 2026, serial: 123456),
                       "16/2026-123456", "no credit code: the organisation number; long serials are not cut")
        let township = try IndexNumberPattern("6107280000/{年份}-{6位流水号}")
        XCTAssertEqual(township.format(creditCode: "x", organisationID: 1, year: 2024, serial: 1005), "6107280000/2024-001005")
        func problem(_ p: String) -> IndexNumberPattern.Problem? {
            do { _ = try IndexNumberPattern(p); return nil } catch { return error }
        }
        XCTAssertEqual(problem("{统一社会信用代码}/{年份}"), .missingSerial)
        XCTAssertEqual(problem("{统一社会信用代码}-{5位流水号}"), .missingYear)
        XCTAssertEqual(problem("{年份}-{9位流水号}"), .unknownToken("9位流水号"))
        XCTAssertEqual(problem("{年份}-{5位流水号"), .unclosedBrace)
        XCTAssertEqual(problem("{年份}}-{5位流水号}"), .unclosedBrace)
    }

    func testPublicationWithinTwentyWorkingDays() {
        let cal = WorkingCalendar.shipped
        let d = PublicationDeadline(formedOn: CivilDate(iso: "2026-09-28")!, calendar: cal)
        XCTAssertEqual(d.dueDate, CivilDate(iso: "2026-10-30"), "National Day week off, 10-10 a working Saturday")
        XCTAssertFalse(d.provisional)
        XCTAssertFalse(d.isLate(publishedOn: CivilDate(iso: "2026-10-30")!))
        XCTAssertTrue(d.isLate(publishedOn: CivilDate(iso: "2026-11-02")!))
        XCTAssertEqual(d.daysLate(publishedOn: CivilDate(iso: "2026-11-02")!, calendar: cal), 1)
        XCTAssertEqual(d.daysLate(publishedOn: CivilDate(iso: "2026-10-12")!, calendar: cal), 0)
        XCTAssertTrue(PublicationDeadline(formedOn: CivilDate(iso: "2030-03-01")!, calendar: cal).provisional)
    }

    func testReviewFlowNeedsEveryApprovalFromSomeoneElse() throws {
        let flow = ReviewFlow.standard
        var s = try flow.apply(.submit, to: .draft, actorRoles: [.informationOfficer], actorIsAuthor: true, unresolvedSevere: 2)
        XCTAssertEqual(s, .inReview(step: 0))
        XCTAssertThrowsError(try flow.apply(.approve, to: s, actorRoles: [.reviewer], actorIsAuthor: true, unresolvedSevere: 0)) {
            XCTAssertEqual($0 as? ReviewFlow.Refusal, .ownItem)
        }
        XCTAssertThrowsError(try flow.apply(.approve, to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 0)) {
            XCTAssertEqual($0 as? ReviewFlow.Refusal, .wrongRole("初审"))
        }
        XCTAssertThrowsError(try flow.apply(.publish, to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 0))
        s = try flow.apply(.approve, to: s, actorRoles: [.reviewer], actorIsAuthor: false, unresolvedSevere: 2)
        XCTAssertEqual(s, .inReview(step: 1))
        // The 保密审查 step decides the findings itself: it cannot pass them on to the leader.
        XCTAssertThrowsError(try flow.apply(.approve, to: s, actorRoles: [.secrecyReviewer], actorIsAuthor: false, unresolvedSevere: 2)) {
            XCTAssertEqual($0 as? ReviewFlow.Refusal, .secrecyFindingsOpen(2))
        }
        s = try flow.apply(.approve, to: s, actorRoles: [.secrecyReviewer], actorIsAuthor: false, unresolvedSevere: 0)
        XCTAssertEqual(s, .inReview(step: 2))
        XCTAssertThrowsError(try flow.apply(.approve, to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 2)) {
            XCTAssertEqual($0 as? ReviewFlow.Refusal, .blockingFindings(2))
        }
        s = try flow.apply(.approve, to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 0)
        XCTAssertEqual(s, .approved)
        s = try flow.apply(.publish, to: s, actorRoles: [], actorIsAuthor: false, unresolvedSevere: 0)
        XCTAssertEqual(s, .published)
        XCTAssertThrowsError(try flow.apply(.withdraw(reason: ""), to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 0))
        XCTAssertEqual(try flow.apply(.withdraw(reason: "内容有误"), to: s, actorRoles: [.leader], actorIsAuthor: false, unresolvedSevere: 0), .withdrawn)
    }

    func testSendingBackNeedsTheStepsRoleAndAReason() throws {
        let flow = ReviewFlow.standard
        XCTAssertThrowsError(try flow.apply(.sendBack(reason: "请修改"), to: .inReview(step: 1), actorRoles: [.reviewer], actorIsAuthor: false, unresolvedSevere: 0))
        XCTAssertThrowsError(try flow.apply(.sendBack(reason: " "), to: .inReview(step: 1), actorRoles: [.secrecyReviewer], actorIsAuthor: false, unresolvedSevere: 0))
        let back = try flow.apply(.sendBack(reason: "含个人信息"), to: .inReview(step: 1), actorRoles: [.secrecyReviewer], actorIsAuthor: false, unresolvedSevere: 0)
        XCTAssertEqual(back, .returned)
        XCTAssertTrue(back.isEditable)
        XCTAssertEqual(try flow.apply(.submit, to: back, actorRoles: [], actorIsAuthor: true, unresolvedSevere: 0), .inReview(step: 0), "review starts again")
        XCTAssertThrowsError(try flow.apply(.submit, to: .published, actorRoles: [], actorIsAuthor: true, unresolvedSevere: 0))
        for state in [ReviewFlow.State.draft, .inReview(step: 2), .returned, .approved, .published, .withdrawn] {
            XCTAssertEqual(ReviewFlow.State(status: state.stored.status, step: state.stored.step), state)
        }
    }

    func testAttributesGroundsColumnsAndTopics() {
        XCTAssertTrue(DisclosureAttribute.proactive.isPublic)
        XCTAssertFalse(DisclosureAttribute.onRequest.isPublic)
        XCTAssertTrue(NonDisclosureGround.stateSecret.allows(.withheld))
        XCTAssertFalse(NonDisclosureGround.stateSecret.allows(.onRequest))
        XCTAssertTrue(NonDisclosureGround.thirdPartyRights.allows(.onRequest))
        XCTAssertFalse(NonDisclosureGround.internalAffairs.allows(.proactive))
        XCTAssertTrue(Validity.amended.needsSuccessor)
        XCTAssertFalse(Validity.repealed.needsSuccessor)
        XCTAssertTrue(Validity.repealed.mayHaveSuccessor)
        XCTAssertFalse(Validity.expired.mayHaveSuccessor)

        let township = DisclosureColumn.columns(for: .townshipGovernment)
        let department = DisclosureColumn.columns(for: .countyDepartment)
        XCTAssertTrue(township.contains { $0.label == "土地承包经营权流转" })
        XCTAssertFalse(department.contains { $0.label == "土地承包经营权流转" })
        XCTAssertTrue(department.contains { $0.label == "治安管理" })
        // Villages publish 村（居）务 (the "两公开", 党务, 财务 and the matters of the plans); 公共企事业单位 their sector headings.
        let village = DisclosureColumn.columns(for: .villageCommittee)
        XCTAssertEqual(village.prefix(4).map(\.label), ["党务公开", "村务决议", "实施结果", "财务公开"])
        XCTAssertEqual(DisclosureColumn.columns(for: .residentsCommittee), village)
        XCTAssertFalse(village.contains { $0.basis.hasPrefix("条例") })
        let school = DisclosureColumn.columns(for: .school)
        XCTAssertTrue(school.contains { $0.label == "收费项目和标准" })
        XCTAssertEqual(DisclosureColumn.columns(for: .developmentZone), department)
        for list in [township, department, village, school] { XCTAssertEqual(Set(list.map(\.key)).count, list.count) }
        XCTAssertEqual(DisclosureColumn.article20.filter { $0.basis.hasPrefix("条例第二十条") }.count, 15)

        XCTAssertEqual(TopicCategory.standard.count, 21)
        XCTAssertTrue(TopicCategory.isKnown("民政、扶贫、救灾/社会福利"))
        XCTAssertTrue(TopicCategory.isKnown("综合政务"))
        XCTAssertFalse(TopicCategory.isKnown("民政、扶贫、救灾/不存在"))
        XCTAssertFalse(TopicCategory.isKnown("体育"))
    }
}

final class PublishingSettingsTests: XCTestCase {
    func testReviewStepsFromTheEditor() {
        let (flow, error) = PublishingSettings.parseSteps("初审=审核员\n\n保密审查=保密审查员\n签发=领导")
        XCTAssertNil(error)
        XCTAssertEqual(flow, ReviewFlow.standard.steps.count == 3 ? ReviewFlow(steps: [
            .init(name: "初审", role: .reviewer), .init(name: "保密审查", role: .secrecyReviewer), .init(name: "签发", role: .leader)]) : nil)
        XCTAssertEqual(PublishingSettings.stepsText(ReviewFlow.standard), "初审=审核员\n保密审查=保密审查员\n领导签发=领导")
        XCTAssertEqual(PublishingSettings.parseSteps(PublishingSettings.stepsText(.standard)).0, .standard)
        XCTAssertTrue(PublishingSettings.parseSteps("初审=审核员").1!.contains("第十七条"), "a secrecy review is required")
        XCTAssertTrue(PublishingSettings.parseSteps("初审").1!.contains("第1行"))
        XCTAssertTrue(PublishingSettings.parseSteps("初审=信息员\n保密=保密审查员").1!.contains("“信息员”不能审核"))
        XCTAssertNotNil(PublishingSettings.parseSteps("  \n").1)
    }
}

final class InterpretationTests: XCTestCase {
    func testQuestionsAndAnswers() throws {
        let qa = try QuestionsAndAnswers(parsing: "问：谁可以申请临时救助？\n答：遭遇突发事件的家庭。\n也包括个人。\n\n问：到哪里申请？\n答：户籍所在地乡镇人民政府。")
        XCTAssertEqual(qa.pairs.count, 2)
        XCTAssertEqual(qa.pairs[0].answer, "遭遇突发事件的家庭。\n也包括个人。")
        XCTAssertEqual(qa.pairs[1].question, "到哪里申请？")
        func problem(_ t: String) -> QuestionsAndAnswers.Problem? {
            do { _ = try QuestionsAndAnswers(parsing: t); return nil } catch { return error }
        }
        XCTAssertEqual(problem(""), .empty)
        XCTAssertEqual(problem("答：没有问题"), .answerWithoutQuestion(line: 1))
        XCTAssertEqual(problem("问：只有问题"), .questionWithoutAnswer("只有问题"))
        XCTAssertEqual(problem("问：一\n答：二\n答：三"), .answerWithoutQuestion(line: 3))
        XCTAssertEqual(problem("开头的说明"), .answerWithoutQuestion(line: 1))
    }

    func testThreeSynchronisationsRule() {
        XCTAssertNil(InterpretationSync.problem(needsInterpretation: false, interpretationStates: [], rule: .block))
        XCTAssertEqual(InterpretationSync.problem(needsInterpretation: true, interpretationStates: [], rule: .block)?.blocks, true)
        XCTAssertEqual(InterpretationSync.problem(needsInterpretation: true, interpretationStates: [.inReview(step: 1)], rule: .warn)?.blocks, false)
        XCTAssertTrue(InterpretationSync.problem(needsInterpretation: true, interpretationStates: [.draft], rule: .block)!.message.contains("尚未审核通过"))
        XCTAssertNil(InterpretationSync.problem(needsInterpretation: true, interpretationStates: [.draft, .approved], rule: .block))
        XCTAssertNil(InterpretationSync.problem(needsInterpretation: true, interpretationStates: [.published], rule: .block))
    }
}

final class CleanupTests: XCTestCase {
    func testNoticeGroupsDecisionsAndEscapes() {
        let rows = [
            CleanupDecision.Row(title: "办法甲", documentNumber: "清府发〔2019〕8号", issuer: "清溪县人民政府", decision: .repeal, note: "已被新办法替代"),
            .init(title: "办法乙<script>", documentNumber: "", issuer: "清溪县民政局", decision: .keep, note: ""),
            .init(title: "办法丙", documentNumber: "", issuer: "清溪县民政局", decision: .keep, note: ""),
        ]
        let html = CleanupDecision.noticeHTML(campaign: "2026年行政规范性文件集中清理", organisation: "清溪县人民政府", rows: rows)
        XCTAssertTrue(html.contains("共清理文件3件，继续有效2件，废止1件。"))
        XCTAssertTrue(html.contains("<h3>一、继续有效的文件</h3>"))
        XCTAssertTrue(html.contains("<h3>二、废止的文件</h3>"))
        XCTAssertFalse(html.contains("拟修改的文件"))
        XCTAssertTrue(html.contains("办法乙&lt;script&gt;"))
        XCTAssertEqual(HTMLSanitizer.sanitize(html), html, "the notice survives the sanitiser unchanged")
        XCTAssertEqual(CleanupDecision.repeal.resultingValidity, .repealed)
        XCTAssertEqual(CleanupDecision.declareInvalid.resultingValidity, .expired)
        XCTAssertNil(CleanupDecision.amend.resultingValidity)
    }
}

final class LocalDateTimeTests: XCTestCase {
    func testParsingScheduledTimes() {
        XCTAssertEqual(LocalDateTime(parsing: "2026-11-30T09:05")?.formValue, "2026-11-30T09:05")
        XCTAssertEqual(LocalDateTime(parsing: "2026-11-30 18:30")?.hour, 18)
        XCTAssertNil(LocalDateTime(parsing: "2026-11-30T25:00"))
        XCTAssertNil(LocalDateTime(parsing: "2026-02-30T09:00"))
        XCTAssertNil(LocalDateTime(parsing: "明天上午"))
        let (_, e) = ItemInput.parse({ ["publish_at": "下周一"][$0] ?? "" }, columns: [], allowedColumns: [])
        XCTAssertEqual(e["publish_at"], "定时发布时间格式应为 年-月-日 时:分")
    }
}
