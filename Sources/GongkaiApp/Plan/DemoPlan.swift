import FluentKit
import Foundation
import GongkaiDomain

/// The demo county runs its plan: this year's 政务公开工作要点 as a ledger imported from a table in
/// the layout of 安岳's 附件2 (with one name the office had to place by hand), progress with
/// published items as evidence, one task overdue, a 回头看; a 三单 with open, overdue, reported and
/// closed items; two 联席会议 held with an absence and 议定事项, and the next one scheduled.
struct DemoPlan {
    let services: AppServices

    static func table(year: Int) -> [[String]] {
        [
            ["\(year)年清溪县政务公开工作要点任务分解表"],
            ["类别", "工作任务", "具体要求", "责任单位", "时限要求"],
            ["一、推进标准化规范化", "动态更新政务公开事项标准目录", "对照国务院部门26个领域标准指引，梳理本单位政务公开事项，动态调整标准目录", "县政府办公室，县政府工作部门、各乡镇(街道)人民政府(办事处)", "6月底前"],
            ["", "规范政府信息公开专栏", "按照全省统一栏目设置规范信息公开专栏，做到专栏内容及时准确", "县政府办公室、县数据资源局,县政府工作部门", "持续推进"],
            ["二、加强政策发布解读", "做好政策文件解读", "坚持政策文件与解读方案、解读材料同步组织、同步审签、同步部署", "县司法局,县政府工作部门、各乡镇(街道)人民政府(办事处)", "持续推进"],
            ["", "开展政策解读日活动", "每季度围绕群众关心的政策开展一次政策解读日活动", "县政府办公室牵头，县民政局、县人社局、县融媒体中心负责落实", "每季度"],
            ["三、重点领域信息公开", "做好社会救助信息公开", "及时公开低保、特困人员救助供养、临时救助政策和资金使用情况", "县民政局", "10月底前"],
            ["", "做好就业创业信息公开", "公开就业创业补贴政策、申领条件和办理流程", "县人社局", "9月30日前"],
            ["", "推进预决算信息公开", "按规定时限公开部门预决算和“三公”经费", "县财政局牵头，县直各单位负责落实", "8月底前"],
            ["", "做好重大建设项目信息公开", "公开批准、实施和竣工验收等信息", "县发改委牵头，县住建局、县交通运输局负责落实", "年底前"],
            ["四、加强平台建设", "办好政府开放日", "组织政府开放日活动，邀请群众走进机关", "县政府办公室牵头，各乡镇(街道)负责落实", "11月底前"],
            ["", "规范政务新媒体管理", "开展政务新媒体常态化监管，杜绝“僵尸号”", "县政府办公室,各政务新媒体主办单位", "每月"],
            ["五、强化保障措施", "编制政府信息公开工作年度报告", "按新模板编制并按时发布年度报告", "县政府办公室,县政府工作部门、各乡镇(街道)人民政府(办事处)", "2027年1月31日前"],
            ["", "开展政务公开培训", "组织全县政务公开业务培训", "县政府办公室", "12月20日前"],
        ]
    }

    func load(_ demo: DemoContext) async throws {
        let actor = AuditActor.commandLine("gongkai demo")
        let db = services.db
        let today = services.clock.today()
        let year = today.year
        guard let office = demo.organisations["office"], let mz = demo.organisations["mz"], let rs = demo.organisations["rs"],
              let cz = demo.organisations["cz"], let qx = demo.organisations["qx"] else { return }

        // The office imports the table; 县融媒体中心 is not one of the site's organisations and is left out.
        let importer = PlanImporter(services: services)
        let bytes = XlsxSheet.write(name: "任务分解表", rows: Self.table(year: year))
        let draft = try await importer.read(fileName: "\(year)年政务公开工作要点任务分解表.xlsx", data: bytes, year: year, actor: actor)
        let names = try await importer.preview(draft, mapping: [:]).unresolved
        _ = try await importer.commit(draft, mapping: Dictionary(uniqueKeysWithValues: names.map { ($0, 0) }), actor: actor)
        // The table was taken in at the start of the year.
        let january = CivilDate(year: year, month: 1, day: 15)!
        for t in try await PlanTask.query(on: db).filter(\.$year == year).all() {
            t.createdOn = january.description
            try await t.update(on: db)
        }
        let tasks = try await PlanTask.query(on: db).filter(\.$year == year).sort(\.$number).all()
        func task(_ title: String) -> PlanTask? { tasks.first { $0.title == title } }
        let ledger = PlanLedgerDesk(services: services)
        func evidence(_ org: Organisation) async throws -> InformationItem? {
            try await ItemQueries.publicItems(on: db).filter(\.$organisationID == org.id!).sort(\.$publishedAt, .descending).first()
        }
        func report(_ t: PlanTask?, _ org: Organisation, _ body: String, on day: CivilDate, done: Bool, withItem: Bool) async throws {
            guard let t else { return }
            let item = withItem ? try await evidence(org) : nil
            try await ledger.report(t, organisationID: org.id!, .init(body: body, item: item?.id?.uuidString ?? "", link: "", marksDone: done), file: nil, actor: actor)
            // Reported on the day it happened.
            if let p = try await PlanProgress.query(on: db).filter(\.$taskID == t.id!).sort(\.$createdAt, .descending).first() {
                p.reportedOn = day.description
                try await p.update(on: db)
            }
            if done { t.completedOn = day.description; try await t.update(on: db) }
        }
        try await report(task("做好社会救助信息公开"), mz, "已在信息公开专栏公开低保、特困供养和临时救助政策及资金使用情况，按月更新。",
                         on: CivilDate(year: year, month: 9, day: 26)!, done: true, withItem: true)
        try await report(task("做好就业创业信息公开"), rs, "已梳理就业创业补贴政策并公开申领条件和流程，办事指南同步更新。",
                         on: CivilDate(year: year, month: 9, day: 12)!, done: true, withItem: true)
        try await report(task("推进预决算信息公开"), cz, "县本级和各部门预算已在批复后20日内公开，决算公开正在汇总。",
                         on: CivilDate(year: year, month: 8, day: 20)!, done: false, withItem: true)
        try await report(task("开展政策解读日活动"), office, "第三季度政策解读日围绕养老服务补贴开展，县民政局负责人现场解读。",
                         on: CivilDate(year: year, month: 9, day: 18)!, done: false, withItem: false)
        try await report(task("动态更新政务公开事项标准目录"), office, "已组织各部门对照26个领域标准指引完成目录梳理，公开办汇总发布。",
                         on: CivilDate(year: year, month: 6, day: 28)!, done: true, withItem: true)
        if let t = task("推进预决算信息公开") {
            try await ledger.addNote(t, body: "决算公开已超过时限，请县财政局督促尚未公开的部门在两周内完成，并报告进展。", actor: actor)
        }

        // A 回头看 at the end of November.
        _ = try await PlanReviewDesk(services: services).take(year: year, day: min(CivilDate(year: year, month: 11, day: 30)!, today),
                                                             title: "\(year)年政务公开工作要点落实情况回头看", actor: actor)

        // Two 联席会议 held and the next one scheduled.
        let meetings = JointMeetingDesk(services: services)
        let members = try await meetings.members()
        let calendar = try await CalendarStore(services: services).calendar()
        let schedule = JointMeetingSchedule(dayOfMonth: services.config.plan.meetingDay)
        for (month, absentKey, item) in [(10, "jt", ("10月底前完成各乡镇政府信息公开专栏栏目规范化整改", "各乡镇(街道)", "11月15日前")),
                                         (11, "zj", ("年度报告编制培训和模板下发", "县政府办公室", "12月10日前"))] {
            let day = schedule.date(year: year, month: month, isWorkingDay: calendar.isWorkingDay)
            guard day <= today else { continue }
            let m = try await meetings.schedule(day: day.description, title: "\(year)年\(month)月政务公开工作联席会议",
                                                topics: "通报工作任务推进情况；研究网站监测发现问题的整改；部署下月重点工作。", actor: actor)
            let absent = demo.organisations[absentKey]?.id
            try await meetings.record(m, minutes: "会议通报了\(month)月工作任务台账推进情况和网站监测发现的问题，逐项明确整改责任单位和时限。会议议定事项列入工作任务台账。",
                                      attendance: members.map { .init(organisationID: $0.id!, present: $0.id != absent, attendee: "",
                                                                      absenceReason: $0.id == absent ? "参加市局业务培训" : "") }, actor: actor)
            try await ledger.save(.init(year: String(year), category: "联席会议议定事项", title: item.0, requirements: "", units: item.1, deadline: item.2, note: ""),
                                  task: nil, source: "meeting", meetingID: m.id, actor: actor)
        }
        let next = schedule.next(onOrAfter: today, isWorkingDay: calendar.isWorkingDay)
        _ = try await meetings.schedule(day: next.description, title: "\(next.year)年\(next.month)月政务公开工作联席会议",
                                        topics: "年度工作要点回头看结果通报；年度报告编制进度。", actor: actor)

        // The 三单: problems from monitoring and the catalogue, and from the third-party evaluation.
        let fixes = RectificationDesk(services: services)
        _ = try await fixes.collect(organisationIDs: demo.organisations.values.compactMap(\.id), actor: actor)
        let all = Set(demo.organisations.values.compactMap(\.id))
        let third = try await fixes.save(.init(source: RectificationSource.thirdParty.rawValue, problem: "第三方评估：清溪镇信息公开专栏“财政资金”栏目近半年未更新",
                                               organisation: String(qx.id!), person: "张敏（党政办）", measure: "补充公开本年度惠民惠农财政补贴资金发放情况，建立月度更新机制",
                                               deadline: today.adding(days: 20).description), rectification: nil, organisations: all, actor: actor)
        _ = third
        let overdue = try await fixes.save(.init(source: RectificationSource.inspection.rawValue, problem: "督查检查：县财政局部门决算未在规定时限内公开",
                                                 organisation: String(cz.id!), person: "李华（预算股）", measure: "督促各部门补充公开决算并说明原因",
                                                 deadline: today.description), rectification: nil, organisations: all, actor: actor)
        overdue.deadline = today.adding(days: -10).description
        try await overdue.update(on: db)
        let done = try await fixes.save(.init(source: RectificationSource.manual.rawValue, problem: "自查：县民政局办事指南“临时救助申请”缺少办理时限",
                                              organisation: String(mz.id!), person: "王丽（社会救助股）", measure: "补充办理时限并重新发布",
                                              deadline: today.adding(days: 5).description), rectification: nil, organisations: all, actor: actor)
        let item = try await evidence(mz)
        try await fixes.report(done, text: "已补充办理时限（7个工作日）并重新发布办事指南。", item: item?.id?.uuidString ?? "", link: item == nil ? "https://example.gov.cn/" : "", actor: actor)
        try await fixes.decide(done, accept: true, note: "", actor: actor)
        let reported = try await fixes.save(.init(source: RectificationSource.manual.rawValue, problem: "自查：县人社局就业补贴政策缺少解读材料",
                                                  organisation: String(rs.id!), person: "陈刚（就业股）", measure: "补充图解解读",
                                                  deadline: today.adding(days: 10).description), rectification: nil, organisations: all, actor: actor)
        let rsItem = try await evidence(rs)
        try await fixes.report(reported, text: "已补充图解解读并与政策文件关联。", item: rsItem?.id?.uuidString ?? "", link: rsItem == nil ? "https://example.gov.cn/" : "", actor: actor)

        // The year's assessment: indicator items computed, the manual item scored and confirmed by a leader, a deduction.
        let assess = AssessmentDesk(services: services)
        let scheme = try await assess.create(year: String(year), title: "清溪县\(year)年度政务公开工作考核方案", weight: "4", items: AssessmentDesk.defaultItems, actor: actor)
        _ = try await assess.compute(scheme, actor: actor)
        let manual = scheme.scheme.items.firstIndex { $0.rule == .manual } ?? 0
        let leader = AuditActor(id: nil, name: "县政府分管领导（演示）", clientAddress: "本机")
        for (i, u) in try await assess.units().enumerated() {
            let points = [18, 16, 19, 15, 17, 14, 20, 12][i % 8]
            try await assess.score(scheme, itemIndex: manual, organisationID: u.id!, points: String(points),
                                   basis: "据\(year)年工作任务台账回头看：牵头任务完成情况和佐证材料", actor: actor)
        }
        for sc in try await AssessmentScore.query(on: db).filter(\.$schemeID == scheme.id!).filter(\.$reviewedBy == "").all() {
            // One score is left for the reviewer to confirm.
            if sc.organisationID == qx.id { continue }
            try await assess.confirm(sc, actor: leader)
        }
        try await assess.adjust(scheme, organisationID: cz.id!, bonus: false, points: "2", reason: "部门决算未在规定时限内公开（督查通报）", actor: actor)
        try await assess.adjust(scheme, organisationID: mz.id!, bonus: true, points: "3", reason: "社会救助信息公开经验被市政府办公室推广", actor: actor)

        // 社会评议: the county's 社会监督员, their feedback, a third-party evaluation.
        let social = SocialEvaluationDesk(services: services)
        for (name, phone, area) in [("周建国", "13905710001", "清溪镇退休教师"), ("刘芳", "13905710002", "县人大代表"), ("吴海", "", "白塔街道个体工商户")] {
            try await social.addSupervisor(name: name, phone: phone, area: area, appointedOn: CivilDate(year: year, month: 3, day: 1)!.description, actor: actor)
        }
        if let first = try await PublicSupervisor.query(on: db).sort(\.$appointedOn).first() {
            try await social.addFeedback(supervisor: first.id!.uuidString, organisation: String(qx.id!), body: "清溪镇公开栏的低保名单两个月未更新。",
                                         receivedOn: today.adding(days: -12).description, rectify: true, actor: actor)
            try await social.addFeedback(supervisor: first.id!.uuidString, organisation: String(mz.id!), body: "民政局网站上的临时救助办事指南清楚易懂。",
                                         receivedOn: today.adding(days: -40).description, rectify: false, actor: actor)
        }
        _ = try await social.addEvaluation(year: String(year - 1), evaluator: "省政务公开第三方评估组", result: "得分86.5，全市第3名",
                                           summary: "政策解读和依申请公开规范，基层政务公开专栏更新不及时。",
                                           findings: "石桥镇政务公开专栏“重大建设项目”栏目内容空白\n部分部门政策解读形式单一", organisation: String(office.id!), actor: actor)
    }
}
