import XCTest
@testable import GongkaiDomain

/// The decision stages, the rates, the consultation's phases, draft splitting and the feedback
/// document (dates on the shipped 2026 calendar: 国庆 10月1日–7日, 10月10日 调休上班).
final class ParticipationRuleTests: XCTestCase {
    let cal = WorkingCalendar.shipped
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testEveryStagePairIsAllowedOnlyForward() {
        let allowed: Set<String> = ["drafting>consultation", "drafting>legality_review", "consultation>legality_review",
                                    "legality_review>deliberation", "deliberation>announced", "announced>evaluation"]
        for a in DecisionStage.allCases {
            for b in DecisionStage.allCases {
                let p = a.problem(movingTo: b, on: day("2026-12-31"), entered: [:], calendar: cal)
                XCTAssertEqual(p == nil, allowed.contains("\(a.rawValue)>\(b.rawValue)"), "\(a) → \(b): \(p ?? "allowed")")
                if let p, !allowed.contains("\(a.rawValue)>\(b.rawValue)") {
                    XCTAssertEqual(p, "“\(a.label)”之后不能进入“\(b.label)”阶段")
                }
            }
        }
        XCTAssertTrue(DecisionStage.drafting < .evaluation)
    }

    func testDeliberationWaitsSevenWorkingDaysOfLegalityReview() {
        // Sent for review on 9月29日: 9/30, then 10/8, 10/9, 10/10 (调休), 10/12, 10/13, 10/14 is the 7th.
        let entered: [DecisionStage: CivilDate] = [.legalityReview: day("2026-09-29")]
        let early = DecisionStage.legalityReview.problem(movingTo: .deliberation, on: day("2026-10-13"), entered: entered, calendar: cal)
        XCTAssertEqual(early, "合法性审查一般不少于7个工作日（《重大行政决策程序暂行条例》第二十六条），自2026年9月29日送审，最早可于2026年10月14日提请审议")
        XCTAssertNil(DecisionStage.legalityReview.problem(movingTo: .deliberation, on: day("2026-10-14"), entered: entered, calendar: cal))
        // A stage cannot be left before the day it was entered.
        XCTAssertEqual(DecisionStage.drafting.problem(movingTo: .consultation, on: day("2026-03-01"),
                                                      entered: [.drafting: day("2026-03-02")], calendar: cal),
                       "日期不能早于进入“拟定”阶段的日期（2026年3月2日）")
    }

    func testPrePublicationRateCountsDecisionsDeliberatedInTheYear() {
        let d = [
            PrePublication.Decision(title: "甲", commentOpenedOn: day("2026-03-01"), deliberatedOn: day("2026-05-01")),
            PrePublication.Decision(title: "乙", commentOpenedOn: nil, deliberatedOn: day("2026-06-01")),
            PrePublication.Decision(title: "丙", commentOpenedOn: day("2026-06-01"), deliberatedOn: day("2026-06-01")),
            PrePublication.Decision(title: "丁", commentOpenedOn: day("2026-01-01"), deliberatedOn: nil),
            PrePublication.Decision(title: "戊", commentOpenedOn: day("2025-11-01"), deliberatedOn: day("2025-12-20")),
        ]
        let r = PrePublication.rate(d, year: 2026)
        XCTAssertEqual(r.counted.map(\.title), ["甲", "乙", "丙"])
        XCTAssertEqual(r.met.map(\.title), ["甲"])
        XCTAssertEqual(r.missed.map(\.title), ["乙", "丙"])
        XCTAssertEqual(r.text, "33.3%")
        XCTAssertEqual(PrePublication.rate(d, year: 2025).text, "100.0%")
        XCTAssertEqual(PrePublication.rate(d, year: 2024).text, "—")
        XCTAssertNil(PrePublication.rate(d, year: 2024).percent)
        XCTAssertEqual(ParticipationRate(counted: Array(0..<20), meets: { $0 != 0 }).text, "95.0%")
    }

    func testConsultationPhaseFollowsTheDates() {
        let (o, c) = (day("2026-09-25"), day("2026-10-12"))
        XCTAssertEqual(ConsultationPhase.on(day("2026-09-24"), opensOn: o, closesOn: c), .scheduled)
        XCTAssertEqual(ConsultationPhase.on(o, opensOn: o, closesOn: c), .open)
        XCTAssertEqual(ConsultationPhase.on(c, opensOn: o, closesOn: c), .open)
        XCTAssertEqual(ConsultationPhase.on(day("2026-10-13"), opensOn: o, closesOn: c), .closed)
        XCTAssertEqual(ConsultationPhase.daysLeft(on: c, closesOn: c), 1)
        XCTAssertEqual(ConsultationPhase.daysLeft(on: day("2026-10-10"), closesOn: c), 3)
        XCTAssertEqual(ConsultationPhase.daysLeft(on: day("2026-10-20"), closesOn: c), 0)
    }

    func testDraftSplitsIntoArticlesWithChaptersAsHeadings() {
        let text = """
        为规范临时救助工作，制定本办法。
        第一章　总则
        第一条　为了保障困难群众基本生活，制定本办法。
        第二条　本办法适用于本县行政区域。
        本条所称困难群众，是指……
        第二章 救助标准
        第十一条 救助标准由县民政局公布。
        第十二条本办法自发布之日起施行。
        """
        let s = DraftSections.split(text)
        XCTAssertEqual(s.map(\.label), ["说明", "第一章　总则", "第一条", "第二条", "第二章 救助标准", "第十一条", "第十二条"])
        XCTAssertEqual(s.filter { $0.kind == .clause }.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(s[3].text, "第二条　本办法适用于本县行政区域。\n本条所称困难群众，是指……")
        XCTAssertEqual(s[0].kind, .preamble)
    }

    func testDraftSplitsIntoNumberedPartsOrParagraphs() {
        let parts = DraftSections.split("总体要求如下：\n一、提高标准\n二、简化流程\n  具体办法另行制定。\n十二、附则")
        XCTAssertEqual(parts.map(\.label), ["说明", "一、", "二、", "十二、"])
        XCTAssertEqual(parts[2].text, "二、简化流程\n具体办法另行制定。")
        let plain = DraftSections.split("第一段文字\n\n第二段文字\n")
        XCTAssertEqual(plain.map(\.label), ["第1段", "第2段"])
        XCTAssertEqual(plain.map(\.number), [1, 2])
        XCTAssertEqual(DraftSections.split(""), [])
        // "第三方" is not an article.
        XCTAssertEqual(DraftSections.split("第三方机构评估。\n另一段").map(\.label), ["第1段", "第2段"])
    }

    func testClassificationNeedsThemeAndReason() {
        XCTAssertEqual(CommentDisposition.problems(disposition: "", theme: "", response: ""), ["disposition": "请选择处理结果"])
        XCTAssertEqual(CommentDisposition.problems(disposition: "not_adopted", theme: "救助标准", response: " "),
                       ["response": "请填写未采纳的理由"])
        XCTAssertEqual(CommentDisposition.problems(disposition: "adopted", theme: "", response: "已修改第三条"),
                       ["theme": "请填写意见所属主题，用于归类反馈"])
        XCTAssertEqual(CommentDisposition.problems(disposition: "out_of_scope", theme: "", response: ""), [:])
        XCTAssertEqual(CommentDisposition.problems(disposition: "partly_adopted", theme: "流程", response: "部分采纳"), [:])
    }

    func testFeedbackCountsGroupsAndMasks() {
        let c = AdoptionFeedback.Consultation(draftTitle: "某县临时救助办法（征求意见稿）", organisation: "某县民政局",
                                              opensOn: day("2026-09-25"), closesOn: day("2026-10-12"))
        let comments = [
            AdoptionFeedback.Comment(sectionLabel: "第三条", text: "建议提高标准，电话13812345678", disposition: .adopted,
                                     theme: "救助标准", response: "第三条已修改为按月人均收入认定。"),
            AdoptionFeedback.Comment(sectionLabel: nil, text: "希望简化审批", disposition: .notAdopted,
                                     theme: "办理流程", response: "审批环节为上位法规定。"),
            AdoptionFeedback.Comment(sectionLabel: "第四条", text: "标准应分档", disposition: .partlyAdopted,
                                     theme: "救助标准", response: "分两档；三档过细。"),
            AdoptionFeedback.Comment(sectionLabel: nil, text: "小区停车难", disposition: .outOfScope, theme: "", response: ""),
        ]
        XCTAssertEqual(AdoptionFeedback.counts(comments), [.adopted: 1, .notAdopted: 1, .partlyAdopted: 1, .outOfScope: 1])
        XCTAssertEqual(AdoptionFeedback.themes(comments).map(\.theme), ["救助标准", "办理流程"])
        let doc = AdoptionFeedback.document(c, comments: comments, issuedOn: day("2026-10-20"))
        XCTAssertEqual(doc.title, "关于《某县临时救助办法（征求意见稿）》公开征求意见采纳情况的反馈")
        let texts = doc.paragraphs.map(\.text)
        XCTAssertEqual(texts[0], "2026年9月25日至2026年10月12日，某县民政局就《某县临时救助办法（征求意见稿）》公开征求社会公众意见。"
            + "征求意见期间共收到意见建议4条，经逐条研究，采纳1条，部分采纳1条，未采纳1条，不属于本次征集范围1条。现将采纳情况反馈如下：")
        XCTAssertEqual(texts[1], "一、关于救助标准")
        XCTAssertEqual(doc.paragraphs[1].style, .heading)
        XCTAssertEqual(texts[2], "1. 意见（针对第三条）：建议提高标准，电话138****5678。处理结果：采纳。修改情况：第三条已修改为按月人均收入认定。")
        XCTAssertTrue(texts[3].hasPrefix("2. 意见（针对第四条）：标准应分档。处理结果：部分采纳。"))
        XCTAssertEqual(texts[4], "二、关于办理流程")
        XCTAssertEqual(texts[5], "1. 意见：希望简化审批。处理结果：未采纳。未采纳的理由：审批环节为上位法规定。")
        XCTAssertEqual(texts[6], "另有1条意见不属于本次征集范围，已转交有关单位研究处理，不在此逐条反馈。")
        XCTAssertFalse(doc.plainText.contains("13812345678"))
        XCTAssertFalse(doc.plainText.contains("停车"))
        let none = AdoptionFeedback.document(c, comments: [], issuedOn: day("2026-10-20"))
        XCTAssertTrue(none.paragraphs[0].text.hasSuffix("征求意见期间未收到意见建议。"))
        XCTAssertEqual(none.issuer, "某县民政局")
        XCTAssertEqual(none.date, "2026年10月20日")
    }

    func testWithheldCommentsAreAnsweredWithoutTheirWords() {
        let c = AdoptionFeedback.Consultation(draftTitle: "办法", organisation: "某局", opensOn: day("2026-09-25"), closesOn: day("2026-10-12"))
        let doc = AdoptionFeedback.document(c, comments: [
            AdoptionFeedback.Comment(sectionLabel: "第二条", text: "骂人的话", disposition: .notAdopted, theme: "其他", response: "与草案无关的内容不予采纳。", quotable: false),
        ], issuedOn: day("2026-10-20"))
        XCTAssertEqual(doc.paragraphs[2].text, "1. 意见（针对第二条）（未公开，不引用原文）。处理结果：未采纳。未采纳的理由：与草案无关的内容不予采纳。")
        XCTAssertFalse(doc.plainText.contains("骂人的话"))
    }

    func testLongCommentsAreShortenedWhenQuoted() {
        let long = String(repeating: "长", count: 300)
        XCTAssertEqual(AdoptionFeedback.quote(long), String(repeating: "长", count: 120) + "……")
        XCTAssertEqual(AdoptionFeedback.quote("一\n二"), "一 二")
    }

    func testChineseOrdinals() {
        XCTAssertEqual([1, 9, 10, 11, 20, 21, 99, 100].map(ChineseNumber.ordinal), ["一", "九", "十", "十一", "二十", "二十一", "九十九", "100"])
    }
}
