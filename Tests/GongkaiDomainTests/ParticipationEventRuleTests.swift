import XCTest
@testable import GongkaiDomain

/// Events: who gets a place, the hearing checks, the 会议公开率 and the forms.
final class ParticipationEventRuleTests: XCTestCase {
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testOpenDaysFillInOrderThenWaitAndMoveUp() {
        let book = RegistrationBook(capacity: 2)
        XCTAssertEqual(book.statusForNewSignUp(existing: [], selects: false), .confirmed)
        XCTAssertEqual(book.statusForNewSignUp(existing: [.confirmed], selects: false), .confirmed)
        XCTAssertEqual(book.statusForNewSignUp(existing: [.confirmed, .confirmed], selects: false), .waiting)
        XCTAssertEqual(book.statusForNewSignUp(existing: [.confirmed, .withdrawn], selects: false), .confirmed)
        XCTAssertEqual(book.statusForNewSignUp(existing: [.confirmed, .waiting], selects: false), .waiting, "nobody jumps the queue")
        XCTAssertEqual(book.statusForNewSignUp(existing: [], selects: true), .applied)
        // One of two places freed: only the first waiting person moves up, in sign-up order.
        XCTAssertEqual(book.promote([.withdrawn, .confirmed, .waiting, .waiting]), [.withdrawn, .confirmed, .confirmed, .waiting])
        XCTAssertEqual(book.promote([.withdrawn, .withdrawn, .waiting, .waiting, .waiting]), [.withdrawn, .withdrawn, .confirmed, .confirmed, .waiting])
        XCTAssertEqual(book.promote([.confirmed, .confirmed, .waiting]), [.confirmed, .confirmed, .waiting])
        XCTAssertEqual(RegistrationBook(capacity: -3).capacity, 0)
        XCTAssertEqual(book.selectionProblem([.selected, .applied]), nil)
        XCTAssertEqual(book.selectionProblem([.selected, .selected, .applied]), "已入选2人，达到名额上限")
        XCTAssertEqual(RegistrationBook.Status.allCases.filter(\.holdsPlace), [.confirmed, .selected])
    }

    func testEveryKindSaysWhatItNeeds() {
        XCTAssertEqual(EventKind.allCases.filter(\.takesRegistration), [.hearing, .openMeeting, .openDay, .hallVisit])
        XCTAssertEqual(EventKind.allCases.filter(\.selectsParticipants), [.hearing, .openMeeting])
        XCTAssertEqual(EventKind.allCases.filter(\.publishesParticipants), [.hearing, .symposium, .fieldVisit])
        XCTAssertEqual(EventKind.allCases.filter(\.deliversMaterials), [.hearing])
        XCTAssertEqual(EventKind.openMeeting.categories, ["利益相关方", "群众代表", "专家", "媒体"])
    }

    func testHearingWarnings() {
        let on = day("2026-10-20")
        XCTAssertEqual(EventChecks.warnings(kind: .hearing, startsOn: on, today: day("2026-10-10"), materialsDeliveredOn: nil,
                                            participantsPublished: false, recordPublished: false),
                       ["听证材料须于2026年10月13日前送达参加人", "听证参加人名单尚未公布（第十六条要求事先公布）"])
        XCTAssertEqual(EventChecks.warnings(kind: .hearing, startsOn: on, today: day("2026-10-14"), materialsDeliveredOn: nil,
                                            participantsPublished: true, recordPublished: false),
                       ["听证材料应于2026年10月13日前送达参加人（《重大行政决策程序暂行条例》第十七条），尚未登记送达"])
        XCTAssertEqual(EventChecks.warnings(kind: .hearing, startsOn: on, today: day("2026-10-15"), materialsDeliveredOn: day("2026-10-15"),
                                            participantsPublished: true, recordPublished: false),
                       ["听证材料于2026年10月15日送达，距听证不足7日"])
        XCTAssertEqual(EventChecks.warnings(kind: .hearing, startsOn: on, today: day("2026-10-12"), materialsDeliveredOn: day("2026-10-12"),
                                            participantsPublished: true, recordPublished: false), [])
        XCTAssertEqual(EventChecks.warnings(kind: .openDay, startsOn: on, today: day("2026-10-21"), materialsDeliveredOn: nil,
                                            participantsPublished: false, recordPublished: false), ["活动已结束，活动情况尚未公开"])
        XCTAssertEqual(EventChecks.warnings(kind: .openDay, startsOn: on, today: day("2026-10-21"), materialsDeliveredOn: nil,
                                            participantsPublished: false, recordPublished: true), [])
    }

    func testMeetingOpennessCountsPublicInterestMeetingsOfTheYear() {
        let m = [
            MeetingOpenness.Meeting(title: "常务会议一", heldOn: day("2026-03-01"), publicInterest: true, seatsOffered: 3, streamed: false),
            MeetingOpenness.Meeting(title: "常务会议二", heldOn: day("2026-04-01"), publicInterest: true, seatsOffered: 0, streamed: true),
            MeetingOpenness.Meeting(title: "常务会议三", heldOn: day("2026-05-01"), publicInterest: true, seatsOffered: 0, streamed: false),
            MeetingOpenness.Meeting(title: "内部会议", heldOn: day("2026-05-02"), publicInterest: false, seatsOffered: 0, streamed: false),
            MeetingOpenness.Meeting(title: "去年", heldOn: day("2025-05-02"), publicInterest: true, seatsOffered: 0, streamed: false),
        ]
        let r = MeetingOpenness.rate(m, year: 2026)
        XCTAssertEqual(r.counted.map(\.title), ["常务会议一", "常务会议二", "常务会议三"])
        XCTAssertEqual(r.missed.map(\.title), ["常务会议三"])
        XCTAssertEqual(r.text, "66.7%")
        XCTAssertEqual(MeetingOpenness.rate(m, year: 2025).text, "0.0%")
    }

    func testEventForm() {
        func parse(_ f: [String: String]) -> (EventInput, [String: String]) {
            EventInput.parse({ f[$0] ?? "" }, today: day("2026-10-01"))
        }
        let base = ["kind": "hearing", "title": "停车规划听证会", "starts_on": "2026-10-20", "starts_at": "09:30", "place": "会议室",
                    "description": "听证事项", "capacity": "15", "selection_method": "随机抽取"]
        XCTAssertEqual(parse(base).1, [:])
        var f = base; f["selection_method"] = ""
        XCTAssertEqual(parse(f).1["selection_method"], "请填写听证参加人的遴选办法（《重大行政决策程序暂行条例》第十六条要求事先公布）")
        f = base; f["capacity"] = "99999999999999999999"
        XCTAssertEqual(parse(f).1["capacity"], "名额应为0到10000之间的整数")
        f = base; f["capacity"] = ""
        XCTAssertEqual(parse(f).1["capacity"], "接受报名的活动请填写名额")
        f = base; f["starts_at"] = "9点半"
        XCTAssertEqual(parse(f).1["starts_at"], "请填写开始时间，格式如 09:30")
        f = base; f["starts_at"] = "24:00"
        XCTAssertNotNil(parse(f).1["starts_at"])
        f = base; f["registration_closes_on"] = "2026-10-21"
        XCTAssertEqual(parse(f).1["registration_closes_on"], "报名截止日期不能晚于活动日期")
        f = base; f["stream_url"] = "javascript:alert(1)"
        XCTAssertEqual(parse(f).1["stream_url"], "直播或回放地址应以 https:// 开头")
        f = base; f["kind"] = "symposium"; f["capacity"] = ""; f["selection_method"] = ""
        XCTAssertEqual(parse(f).1, [:], "a 座谈会 takes no sign-up")
        f = base; f["starts_on"] = "2025-09-01"
        XCTAssertEqual(parse(f).1["starts_on"], "日期不能早于一年前")
    }

    func testRegistrationForm() {
        func parse(_ f: [String: String], _ kind: EventKind) -> [String: String] {
            RegistrationInput.parse({ f[$0] ?? "" }, kind: kind).1
        }
        XCTAssertEqual(parse(["name": "王芳", "contact": "13700005678"], .openDay), [:])
        XCTAssertEqual(parse(["name": "王芳", "contact": "wf@example.com"], .openDay), [:])
        XCTAssertEqual(parse(["name": "王芳", "contact": "12345"], .openDay), ["contact": "请填写11位手机号码或电子邮箱"])
        XCTAssertEqual(parse(["name": "王芳", "contact": "13700005678"], .openMeeting), ["category": "请选择报名类别"])
        XCTAssertEqual(parse(["name": "王芳", "contact": "13700005678", "category": "媒体"], .openMeeting), [:])
        XCTAssertEqual(parse([:], .hearing)["name"], "请填写姓名")
        XCTAssertEqual(RegistrationInput.parse({ ["name": "王", "contact": "13700005678"][$0] ?? "" }, kind: .openDay).0.category, "公众")
    }
}

/// 政策解读日: the plan's deadline, its problems and the theme form.
final class InterpretationDayRuleTests: XCTestCase {
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testPlanIsDueByTheEndOfThePreviousMonth() {
        XCTAssertEqual(InterpretationDay.planDeadline(year: 2026, month: 11), day("2026-10-31"))
        XCTAssertEqual(InterpretationDay.planDeadline(year: 2027, month: 1), day("2026-12-31"))
        XCTAssertEqual(InterpretationDay.planDeadline(year: 2028, month: 3), day("2028-02-29"))
        XCTAssertTrue(InterpretationDay.isOnTime(publishedOn: day("2026-10-31"), year: 2026, month: 11))
        XCTAssertFalse(InterpretationDay.isOnTime(publishedOn: day("2026-11-01"), year: 2026, month: 11))
    }

    func testProblemsCountThemesAndMonths() {
        var a = InterpretationDay.Theme(); a.title = "甲"; a.heldOn = day("2026-11-08")
        var b = InterpretationDay.Theme(); b.title = "乙"; b.heldOn = day("2026-12-01")
        XCTAssertEqual(InterpretationDay.problems([a, b], year: 2026, month: 11, minimumThemes: 3),
                       ["每月应安排3个解读主题，目前2个", "“乙”的解读日期不在2026年11月"])
        XCTAssertEqual(InterpretationDay.problems([a, a, a], year: 2026, month: 11, minimumThemes: 3), [])
        XCTAssertEqual(InterpretationDay.problems([a], year: 2026, month: 11, minimumThemes: 1), [])
    }

    func testThemeForm() {
        let ok = ["title": "医保新政", "interpreter": "县医保局", "audience": "居民", "form": "线上直播", "channel": "网站", "held_on": "2026-11-08"]
        XCTAssertEqual(InterpretationDay.parseTheme({ ok[$0] ?? "" }, year: 2026, month: 11).1, [:])
        var f = ok; f["held_on"] = "2026-12-08"
        XCTAssertEqual(InterpretationDay.parseTheme({ f[$0] ?? "" }, year: 2026, month: 11).1, ["held_on": "解读日期应在2026年11月"])
        f = ok; f["form"] = "随便"; f["interpreter"] = ""
        XCTAssertEqual(InterpretationDay.parseTheme({ f[$0] ?? "" }, year: 2026, month: 11).1,
                       ["form": "请选择解读形式", "interpreter": "请填写解读单位（谁起草谁解读）"])
    }
}

/// Questionnaires written as lines, answers checked, results tallied and drawn.
final class QuestionnaireTests: XCTestCase {
    let definition = "[单选] 是否满意？\n- 满意\n- 不满意\n\n[多选] 哪里增加车位？\n- 医院\n- 学校\n- 菜市场\n[打分] 收费标准\n【填空】其他建议（选填）"

    func testParsesEveryKindAndOptionalMark() {
        let (q, errors) = Questionnaire.parse(definition)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(q?.questions.map(\.kind), [.single, .multiple, .scale, .text])
        XCTAssertEqual(q?.questions[1].options, ["医院", "学校", "菜市场"])
        XCTAssertEqual(q?.questions.map(\.required), [true, true, true, false])
        XCTAssertEqual(q?.questions[3].text, "其他建议")
    }

    func testDefinitionErrorsNameTheLine() {
        XCTAssertEqual(Questionnaire.parse("[单选] 一个选项\n- 甲").1, ["第1行的问题至少需要2个选项（以“- ”开头的行）"])
        XCTAssertEqual(Questionnaire.parse("[判断] 对吗").1, ["第1行：题型应为[单选]、[多选]、[打分]或[填空]"])
        XCTAssertEqual(Questionnaire.parse("- 甲").1, ["第1行的选项前面没有问题"])
        XCTAssertEqual(Questionnaire.parse("随便写").1, ["第1行：问题以[题型]开头，选项以“- ”开头"])
        XCTAssertEqual(Questionnaire.parse("[打分] 打分\n- 甲").1, ["第1行的打分题不需要选项"])
        XCTAssertEqual(Questionnaire.parse("[单选] 重复\n- 甲\n- 甲").1, ["第1行的问题有重复的选项"])
        XCTAssertEqual(Questionnaire.parse("").1, ["请至少写一个问题"])
        XCTAssertEqual(Questionnaire.parse(String(repeating: "\n", count: 600)).1, ["问卷不能超过500行"])
    }

    func testAnswersAreCheckedAgainstTheQuestions() {
        let q = Questionnaire.parse(definition).0!
        func check(_ one: [String: String], _ many: [String: [String]] = [:]) -> ([Int: [String]], [String: String]) {
            q.answers({ one[$0] ?? "" }, all: { many[$0] ?? [] })
        }
        let good = check(["q1": "满意", "q3": "4"], ["q2": ["菜市场", "医院", "医院"]])
        XCTAssertEqual(good.1, [:])
        XCTAssertEqual(good.0[1], ["医院", "菜市场"], "in the options' order, once each")
        XCTAssertNil(good.0[3], "the optional text left out")
        XCTAssertEqual(check([:]).1, ["q1": "请选择一项", "q2": "请至少选择一项", "q3": "请打分"])
        XCTAssertEqual(check(["q1": "<script>", "q3": "6"], ["q2": ["机场"]]).1,
                       ["q1": "请从列出的选项中选择", "q2": "请从列出的选项中选择", "q3": "请打1到5分"])
        XCTAssertEqual(check(["q1": "满意", "q3": "99999999999999999999"], ["q2": ["学校"]]).1, ["q3": "请打1到5分"])
        XCTAssertEqual(check(["q1": "满意", "q3": "1", "q4": String(repeating: "字", count: 1001)], ["q2": ["学校"]]).1, ["q4": "不能超过1000个字"])
    }

    func testTallyCountsEachOptionAndTheMean() {
        let q = Questionnaire.parse(definition).0!
        let r = q.tally([[0: ["满意"], 1: ["医院", "学校"], 2: ["4"]], [0: ["不满意"], 1: ["医院"], 2: ["2"], 3: ["多建停车场"]], [0: ["满意"]]])
        XCTAssertEqual(r[0].counts.map(\.count), [2, 1])
        XCTAssertEqual(r[0].respondents, 3)
        XCTAssertEqual(r[1].counts.map(\.count), [2, 1, 0])
        XCTAssertEqual(r[2].counts.map(\.label), ["1分", "2分", "3分", "4分", "5分"])
        XCTAssertEqual(r[2].counts.map(\.count), [0, 1, 0, 1, 0])
        XCTAssertEqual(r[2].mean, 3.0)
        XCTAssertEqual(r[3].texts, ["多建停车场"])
        XCTAssertNil(q.tally([])[2].mean)
    }

    func testChartEscapesLabelsAndStatesItsNumbers() {
        let svg = BarChart.svg(title: "是否<满意>", bars: [("满意", 3), ("<b>不满意</b>", 1)])
        XCTAssertTrue(svg.contains("aria-label=\"是否&lt;满意&gt;：满意3，&lt;b&gt;不满意&lt;/b&gt;1\""))
        XCTAssertFalse(svg.contains("<b>"))
        XCTAssertTrue(svg.contains(">3（75%）</text>"))
        XCTAssertTrue(svg.contains(">1（25%）</text>"))
        XCTAssertTrue(BarChart.svg(title: "空", bars: []).hasPrefix("<svg"))
        XCTAssertTrue(BarChart.svg(title: "零", bars: [("甲", 0)]).contains(">0（0%）</text>"))
    }
}

/// 列席 places by category.
final class CategorySeatsTests: XCTestCase {
    func testSeatsParseStoreAndLimitSelection() {
        let cats = EventKind.openMeeting.categories
        let (seats, errors) = CategorySeats.parse({ ["seats_1": "2", "seats_2": "", "seats_3": "0", "seats_4": "1"][$0] ?? "" }, categories: cats)
        XCTAssertEqual(errors, [:])
        XCTAssertEqual(seats.stored, "利益相关方=2;媒体=1")
        XCTAssertEqual(seats.total, 3)
        XCTAssertEqual(seats.text, "利益相关方2个、媒体1个")
        XCTAssertEqual(CategorySeats(stored: seats.stored), seats)
        XCTAssertEqual(CategorySeats.parse({ $0 == "seats_2" ? "99999" : "" }, categories: cats).1, ["seats_2": "“群众代表”名额应为0到1000之间的整数"])
        XCTAssertNil(seats.selectionProblem(category: "利益相关方", selectedCategories: ["利益相关方", "媒体"]))
        XCTAssertEqual(seats.selectionProblem(category: "媒体", selectedCategories: ["媒体"]), "“媒体”列席名额1个已满")
        XCTAssertEqual(seats.selectionProblem(category: "专家", selectedCategories: []), "本次会议没有为“专家”安排列席名额")
        XCTAssertNil(CategorySeats(stored: "").selectionProblem(category: "专家", selectedCategories: ["专家"]), "no seats by category: only the total counts")
    }

    func testMeetingFormTakesCapacityFromTheSeats() {
        let f = ["kind": "open_meeting", "title": "常务会议", "starts_on": "2026-10-20", "starts_at": "09:30", "place": "会议室",
                 "description": "议题", "seats_2": "3", "seats_4": "2"]
        let (input, errors) = EventInput.parse({ f[$0] ?? "" }, today: CivilDate(iso: "2026-10-01")!)
        XCTAssertEqual(errors, [:])
        XCTAssertEqual(input.capacity, 5)
        XCTAssertEqual(input.seats.stored, "群众代表=3;媒体=2")
        var none = f; none["seats_2"] = ""; none["seats_4"] = ""
        XCTAssertEqual(EventInput.parse({ none[$0] ?? "" }, today: CivilDate(iso: "2026-10-01")!).1["capacity"], "请填写各类别的列席名额或总名额")
    }
}
