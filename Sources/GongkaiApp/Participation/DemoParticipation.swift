import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's participation: the county government's decision list for this year with two
/// decisions at different stages, a closed consultation with its comments classified and the
/// feedback published, and an open one with comments. Dates follow the day the demo is loaded.
struct DemoParticipation {
    let services: AppServices

    func load(_ demo: DemoContext) async throws {
        guard let gov = demo.organisations["gov"], let author = demo.account(holding: .informationOfficer) else { return }
        let actor = AuditActor.commandLine("gongkai demo")
        let today = services.clock.today()
        let calendar = try await CalendarStore(services: services).calendar()
        let decisions = DecisionDesk(services: services)
        let consultations = ConsultationDesk(services: services)

        var relief = DecisionInput()
        relief.title = "清溪县临时救助实施办法"
        relief.kind = .publicPolicy
        relief.undertaker = "清溪县民政局"
        relief.planned = "\(today.year)年\(max(1, today.month - 1))月"
        relief.methods = [.publicComment, .questionnaire, .symposium]
        let reliefDecision = try await decisions.add(relief, to: gov, year: today.year, since: today.adding(days: -90), actor: actor)
        var parking = DecisionInput()
        parking.title = "清溪县城区公共停车设施专项规划（\(today.year + 1)—\(today.year + 5)年）"
        parking.kind = .developmentPlan
        parking.undertaker = "清溪县住房和城乡建设局"
        parking.planned = "\(today.year + 1)年3月"
        parking.methods = [.publicComment, .hearing, .fieldVisit]
        let parkingDecision = try await decisions.add(parking, to: gov, year: today.year, since: today.adding(days: -40), actor: actor)
        guard let list = try await decisions.list(of: gov.requireID(), year: today.year) else { return }
        try await decisions.publish(list, approval: "经中共清溪县委常委会\(today.year)年2月10日会议审定", actor: actor)
        try await decisions.addMatter(to: gov, year: today.year, matter: "城区公共停车设施专项规划", scope: "城区居民、驾驶人、停车经营企业",
                                      methods: [.publicComment, .hearing, .questionnaire], channels: "清溪县人民政府网站“公众参与”栏目；电话 0000-12345678",
                                      timing: "\(today.year)年第四季度", actor: actor)
        try await decisions.addMatter(to: gov, year: today.year, matter: "临时救助实施办法", scope: "困难群众、村（社区）",
                                      methods: [.publicComment, .symposium], channels: "清溪县人民政府网站“公众参与”栏目；各乡镇便民服务中心",
                                      timing: "\(today.year)年第三季度", actor: actor)
        try await decisions.publishMatters(of: gov, year: today.year, actor: actor)
        // One adjustment after publication, so the public change log shows how it reads.
        parking.planned = "\(today.year + 1)年6月"
        try await decisions.update(parkingDecision, with: parking, actor: actor)

        // The closed consultation: a 规范性文件 draft, seven working days, two months ago.
        let opened = today.adding(days: -60)
        var input = ConsultationInput()
        input.title = "清溪县临时救助实施办法（征求意见稿）"
        input.subject = .normativeDocument
        input.explanation = "为进一步规范临时救助工作，及时解决群众遭遇的突发性、紧迫性、临时性基本生活困难，县民政局起草了本办法。\n主要内容包括救助对象、救助标准、办理程序和监督管理。"
        input.draft = Self.reliefDraft
        input.opensOn = opened
        input.closesOn = ParticipationPeriod.earliestClose(.normativeDocument, opensOn: opened, calendar: calendar).date.adding(days: 3)
        input.otherChannels = "信函请寄清溪县民政局社会救助股（清溪县人民路1号），邮编 000000"
        let closed = try await consultations.create(input, in: gov, decision: reliefDecision, actor: actor)
        try await consultations.publish(closed, actor: actor, now: PublishingDesk.date(from: LocalDateTime(date: opened, hour: 9, minute: 0)!))
        let sections = DraftSections.split(closed.draft)
        let at = { (day: CivilDate) in PublishingDesk.date(from: LocalDateTime(date: day, hour: 15, minute: 20)!) ?? services.clock.now() }
        var comments: [(ConsultationComment, CommentDisposition, String, String)] = []
        for (n, (name, section, text, disposition, theme, response)) in Self.reliefComments.enumerated() {
            var c = CommentInput()
            c.name = name
            c.text = text
            c.section = section
            let m = try await consultations.submit(c, to: closed, sections: sections, clientAddress: "192.0.2.\(10 + n)", now: at(opened.adding(days: 1 + n)))
            comments.append((m, disposition, theme, response))
        }
        for (m, disposition, theme, response) in comments {
            try await consultations.moderate(m, in: closed, to: disposition == .outOfScope ? .withheld : .approved,
                                             note: disposition == .outOfScope ? "与本次征求意见无关" : "", actor: actor)
            try await consultations.classify(m, in: closed, disposition: disposition.rawValue, theme: theme, response: response, actor: actor)
        }
        let feedback = try await consultations.draftFeedback(closed, organisation: gov, author: author, actor: actor)
        let publishing = PublishingDesk(services: services)
        try await publishing.publishForDemo(feedback, actor: actor)
        // The relief decision went on to legality review, deliberation and publication.
        let reviewStart = closed.closes.adding(days: 2)
        let deliberation = ParticipationPeriod.earliestLegalityReviewEnd(startedOn: reviewStart, calendar: calendar).date.adding(days: 2)
        try await decisions.advance(reliefDecision, to: .consultation, on: opened, actor: actor)
        try await decisions.advance(reliefDecision, to: .legalityReview, on: reviewStart, actor: actor)
        if deliberation.adding(days: 5) <= today {
            try await decisions.advance(reliefDecision, to: .deliberation, on: deliberation, actor: actor)
            try await decisions.advance(reliefDecision, to: .announced, on: deliberation.adding(days: 5), actor: actor)
        }
        // The decision as published (the 通知 issuing the 办法): its 承办单位 answers 政策咨询 about it.
        if let issued = try await ItemQueries.publicItems(on: services.db).filter(\.$title == "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知").first() {
            try await decisions.link(reliefDecision, role: .decision, indexNumber: issued.indexNumber, actor: actor)
        }
        try await decisions.setAdoptionNote(reliefDecision, note: "公开征求意见期间收到意见\(comments.count)条，采纳或部分采纳的已在办法中修改，详见意见采纳情况反馈。", actor: actor)

        // The open consultation on the parking plan: thirty days from three days ago.
        let opening = today.adding(days: -3)
        var plan = ConsultationInput()
        plan.title = "清溪县城区公共停车设施专项规划（征求意见稿）"
        plan.subject = .majorDecision
        plan.explanation = "为缓解城区停车难问题，县住房和城乡建设局会同有关部门编制了本规划。\n规划期为5年，提出新增公共停车泊位、建设立体停车设施和智慧停车系统等任务。"
        plan.draft = "一、规划范围\n本规划范围为清溪县城区建成区。\n二、规划目标\n到规划期末，城区新增公共停车泊位3000个。\n三、重点任务\n建设立体停车设施5处，推进机关、企事业单位停车场错时向社会开放。\n四、保障措施\n建立停车设施建设联席会议制度，落实建设用地和资金保障。"
        plan.opensOn = opening
        plan.closesOn = ParticipationPeriod.earliestClose(.majorDecision, opensOn: opening, calendar: calendar).date
        plan.otherChannels = "电子邮件：zjj@example.gov.cn"
        let open = try await consultations.create(plan, in: gov, decision: parkingDecision, actor: actor)
        try await consultations.publish(open, actor: actor, now: PublishingDesk.date(from: LocalDateTime(date: opening, hour: 9, minute: 0)!))
        try await decisions.advance(parkingDecision, to: .consultation, on: opening, actor: actor)
        let planSections = DraftSections.split(open.draft)
        var first = CommentInput()
        first.name = "周建国"
        first.text = "建议在老城区菜市场附近优先建设立体停车场，方便老年人买菜。"
        first.section = 3
        let approved = try await consultations.submit(first, to: open, sections: planSections, clientAddress: "192.0.2.30", now: at(opening))
        try await consultations.moderate(approved, in: open, to: .approved, note: "", actor: actor)
        var second = CommentInput()
        second.text = "希望增加电动自行车停放点和充电设施。"
        _ = try await consultations.submit(second, to: open, sections: planSections, clientAddress: "192.0.2.31", now: at(today))
        try await loadEvents(gov: gov, parking: parkingDecision, today: today, actor: actor)
        try await loadInterpretationDays(gov: gov, today: today, actor: actor)
        try await loadSurvey(gov: gov, parking: parkingDecision, today: today, actor: actor)
    }

    /// A questionnaire on parking, open, with its results public and a few answers.
    func loadSurvey(gov: Organisation, parking: Decision, today: CivilDate, actor: AuditActor) async throws {
        let desk = SurveyDesk(services: services)
        let fields = ["title": "城区停车状况问卷调查", "intro": "为编制城区公共停车设施专项规划，了解市民停车需求，请您花两分钟填写。",
                      "definition": SurveyRoutes.example, "opens_on": today.adding(days: -3).description,
                      "closes_on": today.adding(days: 27).description, "results_public": "1"]
        let (input, errors) = SurveyDesk.Input.parse { fields[$0] ?? "" }
        guard errors.isEmpty else { return }
        let survey = try await desk.create(input, in: gov, decision: parking, actor: actor)
        try await desk.publish(survey, actor: actor)
        let answers: [[Int: [String]]] = [
            [0: ["不满意"], 1: ["医院", "菜市场"], 2: ["2"]],
            [0: ["一般"], 1: ["学校"], 2: ["3"], 3: ["希望老城区晚上允许路边临时停车。"]],
            [0: ["不满意"], 1: ["医院"], 2: ["2"]],
            [0: ["满意"], 1: ["菜市场"], 2: ["4"]],
        ]
        for (n, a) in answers.enumerated() {
            try await desk.respond(survey, answers: a, voter: "demo-respondent-\(n)-\(UUID().uuidString)", clientAddress: "192.0.2.\(60 + n)")
        }
    }

    /// Next month's 政策解读日 plan, one theme proposed by the public and supported.
    func loadInterpretationDays(gov: Organisation, today: CivilDate, actor: AuditActor) async throws {
        let desk = InterpretationDayDesk(services: services)
        let proposal = try await desk.propose(text: "希望解读一下城乡居民医保缴费标准和报销比例的新变化。", name: "", contact: "",
                                              to: gov, clientAddress: "192.0.2.50")
        try await desk.moderate(proposal, to: .approved, actor: actor)
        for n in 0..<3 { _ = try await desk.support(proposal, voter: "demo-supporter-\(n)-\(UUID().uuidString)", clientAddress: "192.0.2.\(51 + n)") }
        let other = try await desk.propose(text: "农村宅基地申请审批的流程能不能讲一讲？", name: "", contact: "", to: gov, clientAddress: "192.0.2.55")
        try await desk.moderate(other, to: .approved, actor: actor)
        let next = CivilDate(year: today.year, month: today.month, day: 28)!.adding(days: 5)
        func day(_ d: Int) -> CivilDate { CivilDate(year: next.year, month: next.month, day: d)! }
        let themes: [(String, String, String, String, String, CivilDate, InterpretationProposal?)] = [
            ("城乡居民医保缴费和报销新政策", "清溪县医疗保障局", "城乡居民", "线上直播", "清溪县人民政府网站、“清溪发布”视频号", day(8), proposal),
            ("中小企业纾困解难措施", "清溪县发展和改革局", "企业", "政策宣讲会", "清溪县政务服务中心一楼宣讲室", day(15), nil),
            ("临时救助实施办法", "清溪县民政局", "困难群众、村（社区）干部", "入企入村解读", "各乡镇便民服务中心", day(22), nil),
        ]
        for t in themes {
            var theme = InterpretationDay.Theme()
            theme.title = t.0; theme.interpreter = t.1; theme.audience = t.2; theme.form = t.3; theme.channel = t.4; theme.heldOn = t.5
            _ = try await desk.addTheme(theme, to: gov, year: next.year, month: next.month, proposal: t.6, actor: actor)
        }
        if let plan = try await desk.plan(of: gov.requireID(), year: next.year, month: next.month) {
            try await desk.publish(plan, actor: actor)
        }
    }

    /// A hearing on the parking plan, a government meeting opened to the public last month, and this
    /// year's open days (one held, one to come with sign-ups).
    func loadEvents(gov: Organisation, parking: Decision, today: CivilDate, actor: AuditActor) async throws {
        let events = EventDesk(services: services)
        func input(_ kind: EventKind, _ title: String, _ day: CivilDate, _ place: String, _ description: String,
                   capacity: Int = 0, selection: String = "", stream: String = "", seats: [(String, Int)] = []) -> EventInput {
            var i = EventInput()
            i.kind = kind; i.title = title; i.startsOn = day; i.startsAt = "09:30"; i.place = place; i.description = description
            i.capacity = capacity; i.selectionMethod = selection; i.streamURL = stream; i.publicInterest = true
            i.seats = CategorySeats(seats: seats.map { (category: $0.0, count: $0.1) })
            return i
        }
        let hearing = try await events.create(input(.hearing, "清溪县城区公共停车设施专项规划听证会", today.adding(days: 12), "清溪县政务服务中心三楼会议室",
            "听证事项：清溪县城区公共停车设施专项规划（征求意见稿）。\n草案及起草说明见本网站公众参与栏目的征求意见页面。",
            capacity: 15, selection: "按利害关系人、群众代表、专家分类报名，报名人数超过名额的，由县住房和城乡建设局在县司法局监督下随机抽取。"),
            in: gov, decision: parking, actor: actor)
        try await events.publish(hearing, actor: actor)
        var signUp = RegistrationInput()
        signUp.name = "周建国"; signUp.contact = "13900001234"; signUp.category = "群众代表"; signUp.note = "老城区居民"
        _ = try await events.register(signUp, for: hearing, clientAddress: "192.0.2.40")

        let meeting = try await events.create(input(.openMeeting, "清溪县人民政府\(today.adding(days: -20).month)月常务会议", today.adding(days: -20),
            "清溪县人民政府常务会议室", "审议清溪县临时救助实施办法；研究城区公共停车设施建设有关事项。",
            capacity: 3, stream: "https://live.example.gov.cn/qxx/cwhy", seats: [("群众代表", 2), ("媒体", 1)]), in: gov, decision: nil, actor: actor)
        try await events.publish(meeting, actor: actor)
        try await events.setParticipants(meeting, text: "列席：群众代表2名、县人大代表1名", actor: actor)
        try await events.setRecord(meeting, text: "会议审议通过《清溪县临时救助实施办法》，由县民政局按程序印发并做好解读。\n会议原则同意城区公共停车设施专项规划编制思路，要求充分听取公众意见。",
                                   confirmed: false, publish: true, actor: actor)

        let heldOpenDay = try await events.create(input(.openDay, "“走进县政务服务中心”政府开放日", today.adding(days: -45), "清溪县政务服务中心",
            "参观政务服务大厅，体验“一窗通办”，与窗口工作人员座谈。", capacity: 30), in: gov, decision: nil, actor: actor)
        try await events.publish(heldOpenDay, actor: actor)
        try await events.setRecord(heldOpenDay, text: "28名市民参加活动，参观了政务服务大厅并提出意见建议12条，已逐条交有关窗口研究改进。",
                                   confirmed: false, publish: true, actor: actor)
        let openDay = try await events.create(input(.openDay, "“走进县应急指挥中心”政府开放日", today.adding(days: 20), "清溪县应急指挥中心",
            "参观应急指挥中心，了解防汛和森林防火预警流程，体验应急避险演练。", capacity: 30), in: gov, decision: nil, actor: actor)
        try await events.publish(openDay, actor: actor)
        var visitor = RegistrationInput()
        visitor.name = "王芳"; visitor.contact = "13700005678"
        _ = try await events.register(visitor, for: openDay, clientAddress: "192.0.2.41")
    }

    static let reliefDraft = """
    第一条　为规范临时救助工作，保障困难群众基本生活，根据《社会救助暂行办法》等规定，结合本县实际，制定本办法。
    第二条　本办法适用于本县行政区域内的临时救助工作。
    第三条　家庭人均收入低于本县最低生活保障标准、因突发事件导致基本生活暂时出现严重困难的家庭，可以申请临时救助。
    第四条　临时救助标准按照本县月最低生活保障标准的1至6倍确定。
    第五条　申请临时救助，由申请人向户籍所在地或者居住地乡镇人民政府（街道办事处）提出；情况紧急的，可以先行救助。
    第六条　本办法自发布之日起施行。
    """

    static let reliefComments: [(String, Int?, String, CommentDisposition, String, String)] = [
        ("李桂兰", 3, "第三条只写了家庭人均收入，建议把因病因残导致支出过大的家庭也纳入，很多家庭收入不低但看病花钱多。",
         .adopted, "救助对象", "第三条增加“因疾病、残疾等导致刚性支出过大、基本生活暂时出现严重困难的家庭”。"),
        ("王志强", 4, "救助标准1至6倍跨度太大，建议分档明确，避免随意。", .partlyAdopted, "救助标准",
         "第四条分为三档并写明适用情形；具体金额随最低生活保障标准调整，不在办法中写死。"),
        ("", 5, "希望取消乡镇审核环节，直接到县民政局申请。", .notAdopted, "办理程序",
         "乡镇人民政府（街道办事处）受理、审核是《社会救助暂行办法》的规定，保留；办法已规定情况紧急的可先行救助。"),
        ("张先生", nil, "我们小区门口路灯坏了很久，请尽快修理。", .outOfScope, "", "已转县综合行政执法局。"),
    ]
}
