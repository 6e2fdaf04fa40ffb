import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import XCTest
@testable import GongkaiApp

/// The indicators against figures computed by hand, and the office's oversight over HTTP: the 三单
/// from a monitoring problem to 销号, a 联席会议 with an absence and a 议定事项, and a 考核 with the
/// ≥ 4 % check, a manual score confirmed by a second person, a deduction, the ranking and the 通报.
final class PlanOversightTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// Publishes an item of 县民政局 on the clock's day through a one-step review.
    func publish(_ env: TestEnvironment, _ f: Fixture, _ title: String, kind: InformationKind = .notice, written: String = "2026-11-02",
                 needsInterpretation: Bool = false, interprets: InformationItem? = nil, publish: Bool = true) async throws -> InformationItem {
        let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)]), interpretationRule: .warn))
        var i = ItemInput()
        i.title = title; i.kind = kind; i.writtenOn = CivilDate(iso: written); i.bodyHTML = "<p>\(title)</p>"
        i.columns = kind == .interpretation ? ["zcjd"] : kind == .notice ? ["msxx"] : ["zcwj"]
        i.needsInterpretation = needsInterpretation
        if let p = interprets { i.interprets = p.indexNumber; i.interpretationForm = .text }
        let item = try await desk.create(i, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
        if publish {
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("t"))
        }
        return item
    }

    func testIndicatorsAgainstHandComputedFigures() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            // 3 Nov: two policies needing interpretation, one interpreted the next working day; an item formed in September.
            env.services.clock.set(day: d("2026-11-03"))
            let p1 = try await publish(env, f, "测试县救助办法", kind: .normativeDocument, needsInterpretation: true)
            let p2 = try await publish(env, f, "测试县补贴办法", kind: .normativeDocument, needsInterpretation: true)
            _ = try await publish(env, f, "九月形成的通知", written: "2026-09-01")
            _ = try await publish(env, f, "十一月民生通知")
            env.services.clock.set(day: d("2026-11-04"))
            _ = try await publish(env, f, "救助办法解读", kind: .interpretation, interprets: p1)
            env.services.clock.set(day: d("2026-11-20"))
            _ = try await publish(env, f, "补贴办法解读", kind: .interpretation, interprets: p2)
            _ = try await publish(env, f, "尚未公开的通知", written: "2026-11-05", publish: false)
            // Monitoring: one open since October, one resolved mid-November, one found in December.
            let run = MonitorRun()
            run.id = UUID(); run.siteKey = "portal"; run.startedAt = Date(); run.status = "finished"; run.trigger = "t"; run.pages = 1; run.countsJSON = "{}"
            try await run.create(on: env.db)
            for (n, first, resolved) in [("a", "2026-10-01", nil), ("b", "2026-10-01", "2026-11-15"), ("c", "2026-12-01", nil)] as [(String, String, String?)] {
                let p = MonitorProblem()
                p.id = UUID(); p.siteKey = "portal"; p.organisationID = f.deptA.id!; p.kind = "dead_link"; p.pageURL = "http://x/\(n)"; p.target = n
                p.detail = "死链\(n)"; p.fingerprint = n; p.firstRunID = run.id!; p.lastRunID = run.id!
                p.firstSeenAt = SiteClock.instant(d(first), hour: 10, minute: 0)!; p.lastSeenAt = p.firstSeenAt
                p.status = resolved == nil ? "open" : "resolved"; p.resolvedAt = resolved.map { SiteClock.instant(d($0), hour: 10, minute: 0)! }
                p.assignee = ""; p.note = ""
                try await p.create(on: env.db)
            }
            // Proceedings about an application of 县民政局: one corrected, one upheld in 2026, one concluded in 2025.
            var input = ApplicationInput()
            input.name = "李四"; input.idNumber = "11010519491231002X"; input.phone = "13900001111"; input.address = "测试地址"; input.description = "救助资金"
            let (application, _) = try await ApplicationDesk(services: env.services).submit(input, to: f.deptA, channel: .online, receiptDate: nil,
                                                                                          clientAddress: "127.0.0.1", actor: .commandLine("t"))
            for (concluded, result) in [("2026-03-01", "corrected"), ("2026-06-01", "upheld"), ("2025-12-01", "corrected")] {
                let r = ReviewProceeding()
                r.applicationID = application.id!; r.kind = ProceedingKind.administrativeReview.rawValue; r.filedOn = "2025-11-01"
                r.body = "测试县人民政府"; r.note = ""; r.concludedOn = concluded; r.result = result
                try await r.create(on: env.db)
            }
            env.services.clock.set(day: d("2026-12-02"))
            let a = [f.deptA.id!]
            let november = IndicatorPeriod(year: 2026, month: 11), year = IndicatorPeriod(year: 2026, month: nil)
            func value(_ i: PlanIndicator, _ p: IndicatorPeriod, _ orgs: [Int]) async throws -> IndicatorValue {
                try await IndicatorQueries.compute(i, env.services, organisations: orgs, period: p).value
            }
            // Interpreted within 3 working days: p1 (next day) yes, p2 (13 working days) no.
            let interpretation = try await IndicatorQueries.compute(.interpretation, env.services, organisations: a, period: november)
            XCTAssertEqual(interpretation.value, .rate(numerator: 1, denominator: 2))
            XCTAssertEqual(Set(interpretation.records.map { "\($0.label)=\($0.met!)" }), ["测试县救助办法=true", "测试县补贴办法=false"])
            // Published in November: six items, the one formed on 1 September late.
            let timeliness = try await IndicatorQueries.compute(.catalogueTimeliness, env.services, organisations: a, period: november)
            XCTAssertEqual(timeliness.value, .rate(numerator: 5, denominator: 6))
            XCTAssertEqual(timeliness.records.filter { $0.met == false }.map(\.label), ["九月形成的通知"])
            // Formed in November in a key area (民生政策): two notices, one not yet public; policies and interpretations are not key areas.
            let keyAreas = try await value(.keyAreas, november, a)
            XCTAssertEqual(keyAreas, .rate(numerator: 1, denominator: 2))
            let open = try await value(.monitoringOpen, november, a)
            XCTAssertEqual(open, .count(1))
            let openOctober = try await value(.monitoringOpen, IndicatorPeriod(year: 2026, month: 10), a)
            XCTAssertEqual(openOctober, .count(2))
            let correction = try await value(.reviewCorrection, year, a)
            XCTAssertEqual(correction, .rate(numerator: 1, denominator: 2))
            // Nothing to measure is 无数据, never zero.
            let noLetters = try await value(.lettersOnTime, year, a)
            XCTAssertEqual(noLetters, .noData)
            let otherUnit = try await value(.interpretation, november, [f.deptB.id!])
            XCTAssertEqual(otherUnit, .noData)
            let openDays = try await value(.openDays, year, a)
            XCTAssertEqual(openDays, .count(0))

            try await env.withClient { client in
                let leader = Browser(client)
                try await leader.logIn("root", Fixture.password)
                let page = try await leader.get("/admin/indicators?year=2026&month=11&indicator=interpretation")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("50.0%（1/2）"))
                XCTAssertTrue(page.body.contains("<svg"), "the trend chart")
                XCTAssertTrue(page.body.contains("测试县补贴办法"), "the list behind the number")
                let book = try await leader.get("/admin/indicators?year=2026&month=11&format=xlsx")
                let rows = try XCTUnwrap(XlsxReader.read(book.bytes))
                XCTAssertEqual(rows[0][0], "单位")
                XCTAssertEqual(rows.first { $0.first == "测试县民政局" }?[1], "50.0%（1/2）")
            }
        }
    }

    func testLetterAndCatalogueIndicatorsAgainstHandComputedFigures() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: d("2026-12-02"))
            // November's letters: on time and satisfied; late and dissatisfied; still open past its due day; not yet due.
            // October's letter is outside the month.
            for (n, received, due, replied, rating, state) in [
                ("1", "2026-11-02", "2026-11-09", "2026-11-06", "satisfied", "replied"), ("2", "2026-11-03", "2026-11-10", "2026-11-12", "dissatisfied", "replied"),
                ("3", "2026-11-04", "2026-11-11", nil, nil, "accepted"), ("4", "2026-11-25", "2026-12-05", nil, nil, "accepted"),
                ("5", "2026-10-30", "2026-11-06", "2026-11-01", "satisfied", "replied")] as [(String, String, String, String?, String?, String)] {
                let l = Letter()
                l.id = UUID(); l.mailboxID = f.deptA.id!; l.handlingID = f.deptA.id!; l.number = "XJ\(n)"; l.queryCodeHash = n; l.kind = "consultation"
                l.subject = "来信\(n)"; l.body = "内容"; l.writerName = "张三"; l.writerPhone = ""; l.writerEmail = ""; l.isPublic = false; l.privateReason = ""
                l.state = state; l.receivedOn = received; l.dueOn = due; l.flags = ""; l.reply = replied == nil ? "" : "答复"; l.repliedOn = replied
                l.followUps = 0; l.followUpText = ""; l.rating = rating; l.clientAddress = "127.0.0.1"; l.submittedAt = Date()
                try await l.create(on: env.db)
            }
            let november = IndicatorPeriod(year: 2026, month: 11)
            let onTime = try await IndicatorQueries.compute(.lettersOnTime, env.services, organisations: [f.deptA.id!], period: november)
            XCTAssertEqual(onTime.value, .rate(numerator: 1, denominator: 3))
            XCTAssertEqual(onTime.records.map { "\($0.label)=\($0.met!)" }.sorted(), ["XJ1 来信1=true", "XJ2 来信2=false", "XJ3 来信3=false"])
            let satisfaction = try await IndicatorQueries.compute(.letterSatisfaction, env.services, organisations: [f.deptA.id!], period: november)
            XCTAssertEqual(satisfaction.value, .rate(numerator: 1, denominator: 2))
            // The catalogue: two 主动 rows, something published under one of them.
            let store = CatalogueStore(services: env.services)
            for content in ["低保对象名单", "特困人员名单"] {
                var row = CatalogueRow()
                row.level1 = "最低生活保障"; row.level2 = content; row.content = content; row.subject = "测试县民政局"; row.channels = ["政府网站"]
                try await store.add(row, org: f.deptA.id!, domain: "社会救助", actor: .commandLine("t"))
            }
            let rows = try await store.rows(f.deptA.id!, "社会救助")
            let item = try await f.item(env, title: "低保对象名单公示")
            let link = ItemCatalogueLink()
            link.id = UUID(); link.itemID = item.id!; link.catalogueItemID = rows.first { $0.row.content == "低保对象名单" }!.id!
            try await link.create(on: env.db)
            let coverage = try await IndicatorQueries.compute(.catalogueCoverage, env.services, organisations: [f.deptA.id!], period: IndicatorPeriod(year: 2026, month: nil))
            XCTAssertEqual(coverage.value, .rate(numerator: 1, denominator: 2))
            XCTAssertEqual(coverage.records.filter { $0.met == false }.count, 1)
            XCTAssertTrue(coverage.records.first { $0.met == false }?.label.contains("特困人员名单") ?? false)
        }
    }

    func testApplicationMeetingAndOpenDayIndicatorsAgainstHandComputedFigures() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: d("2026-12-02"))
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("t")
            var input = ApplicationInput()
            input.name = "申请人"; input.idNumber = "11010519491231002X"; input.phone = "13900003333"; input.description = "救助资金"
            // Received 5 January, answered 20 March without an extension: past the 20 working days. The other within a week.
            let (late, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: d("2026-01-05"), clientAddress: "x", actor: actor)
            try await desk.record(.init(step: .decided, date: d("2026-03-20"), code: "1", provision: "邮寄"), on: late, actor: actor)
            let (quick, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: d("2026-02-02"), clientAddress: "x", actor: actor)
            try await desk.record(.init(step: .decided, date: d("2026-02-10"), code: "1", provision: "邮寄"), on: quick, actor: actor)
            let applications = try await IndicatorQueries.compute(.applicationsOnTime, env.services, organisations: [f.deptA.id!], period: IndicatorPeriod(year: 2026, month: nil))
            XCTAssertEqual(applications.value, .rate(numerator: 1, denominator: 2))
            XCTAssertEqual(applications.records.first { $0.met == false }?.date, "2026-03-20")
            let february = try await IndicatorQueries.compute(.applicationsOnTime, env.services, organisations: [f.deptA.id!], period: IndicatorPeriod(year: 2026, month: 2))
            XCTAssertEqual(february.value, .rate(numerator: 1, denominator: 1))
            // Meetings of public interest: one announced with seats, one not announced, one still to come; open days: one held, one not
            // announced, one still to come.
            for (kind, title, day, published, capacity) in [
                (EventKind.openMeeting, "常务会议", "2026-04-10", true, 5), (.openMeeting, "专题会议", "2026-06-10", false, 5), (.openMeeting, "年终会议", "2026-12-20", true, 5),
                (.openDay, "开放日", "2026-05-01", true, 30), (.openDay, "未公告的开放日", "2026-06-01", false, 30), (.openDay, "冬季开放日", "2026-12-20", true, 30),
            ] {
                let e = ParticipationEvent()
                e.id = UUID(); e.organisationID = f.deptA.id!; e.kind = kind.rawValue; e.title = title; e.startsOn = day; e.startsAt = "09:00"
                e.place = "会议室"; e.description = ""; e.selectionMethod = "order"; e.capacity = capacity; e.categorySeats = ""; e.streamURL = ""
                e.publicInterest = true; e.participants = ""; e.record = ""; e.recordConfirmed = false
                e.publishedAt = published ? SiteClock.instant(d("2026-03-01"), hour: 9, minute: 0) : nil; e.createdAt = Date()
                try await e.create(on: env.db)
            }
            let year = IndicatorPeriod(year: 2026, month: nil)
            let meetings = try await IndicatorQueries.compute(.meetingOpenness, env.services, organisations: [f.deptA.id!], period: year)
            XCTAssertEqual(meetings.value, .rate(numerator: 1, denominator: 2))
            XCTAssertEqual(meetings.records.first { $0.met == false }?.label, "专题会议")
            let openDays = try await IndicatorQueries.compute(.openDays, env.services, organisations: [f.deptA.id!], period: year)
            XCTAssertEqual(openDays.value, .count(1))
            XCTAssertEqual(openDays.records.map(\.label), ["开放日"])
        }
    }

    func testThreeListsMeetingAndAssessment() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "office2", displayName: "县公开办", phone: "", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("t"))
            env.services.clock.set(day: d("2026-12-01"))
            let run = MonitorRun()
            run.id = UUID(); run.siteKey = "portal"; run.startedAt = Date(); run.status = "finished"; run.trigger = "t"; run.pages = 1; run.countsJSON = "{}"
            try await run.create(on: env.db)
            let p = MonitorProblem()
            p.id = UUID(); p.siteKey = "portal"; p.organisationID = f.deptA.id!; p.kind = "dead_link"; p.pageURL = "http://x/"; p.target = "http://x/gone"
            p.detail = "救助专栏链接失效"; p.fingerprint = "x"; p.firstRunID = run.id!; p.lastRunID = run.id!; p.firstSeenAt = Date(); p.lastSeenAt = Date()
            p.status = "open"; p.assignee = ""; p.note = ""
            try await p.create(on: env.db)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("office2", Fixture.password)
                try await office.get("/admin/fixes")
                let collected = try await office.post("/admin/fixes", [("action", "collect")])
                XCTAssertEqual(collected.location, "/admin/fixes?collected=1")
                let again = try await office.post("/admin/fixes", [("action", "collect")])
                XCTAssertEqual(again.location, "/admin/fixes?collected=0", "taken over once")
                let fix = try await Rectification.query(on: env.db).first()!
                XCTAssertTrue(fix.problem.contains("救助专栏链接失效"))
                let path = "/admin/fixes/\(fix.id!.uuidString)"
                let badDate = try await office.post(path, [("organisation", String(f.deptA.id!)), ("person", "张三"), ("deadline", "明天")])
                XCTAssertEqual(badDate.status, .badRequest)
                XCTAssertTrue(badDate.body.contains("整改时限应为日期"))
                let assigned = try await office.post(path, [("organisation", String(f.deptA.id!)), ("person", "张三"), ("measure", "修复链接"), ("deadline", "2026-12-10")])
                XCTAssertEqual(assigned.status, .found)

                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let list = try await officer.get("/admin/fixes")
                XCTAssertTrue(list.body.contains("救助专栏链接失效"))
                let noEvidence = try await officer.post(path + "/report", [("report", "已修复")])
                XCTAssertEqual(noEvidence.status, .badRequest)
                XCTAssertTrue(noEvidence.body.contains("请提供佐证"))
                let reported = try await officer.post(path + "/report", [("report", "已修复链接"), ("link", "https://example.gov.cn/jz")])
                XCTAssertEqual(reported.status, .found)
                let notOffice = try await officer.post(path, [("action", "accept")])
                XCTAssertEqual(notOffice.status, .forbidden, "only the office closes a problem")
                let stranger = Browser(client)
                try await stranger.logIn("adminb", Fixture.password)
                let hidden = try await stranger.get(path)
                XCTAssertEqual(hidden.status, .forbidden)
                let closed = try await office.post(path, [("action", "accept")])
                XCTAssertEqual(closed.status, .found)
                let book = try await office.get("/admin/fixes?format=xlsx")
                let rows = try XCTUnwrap(XlsxReader.read(book.bytes))
                XCTAssertEqual(rows[0], ["序号", "问题来源", "问题描述", "发现日期"])
                XCTAssertEqual(rows[1][1], "网站监测")
                XCTAssertTrue(book.body.contains("xl/worksheets/sheet3.xml"), "问题清单, 责任清单 and 整改清单")

                // A 联席会议 held with 县财政局 absent; its 议定事项 enters the ledger.
                try await office.get("/admin/meetings")
                let scheduled = try await office.post("/admin/meetings", [("held_on", "2026-11-16"), ("title", "11月联席会议"), ("topics", "通报进展")])
                XCTAssertEqual(scheduled.status, .found)
                let meeting = scheduled.location!.components(separatedBy: "?")[0]
                let short = try await office.post(meeting, [("action", "record"), ("minutes", "太短")])
                XCTAssertEqual(short.status, .badRequest)
                XCTAssertTrue(short.body.contains("请填写会议纪要"))
                let recorded = try await office.post(meeting, [("action", "record"), ("minutes", "会议通报了各单位工作任务推进情况，研究了整改问题。"),
                                                               ("present\(f.deptA.id!)", "1"), ("present\(f.township.id!)", "1"), ("reason\(f.deptB.id!)", "出差")])
                XCTAssertEqual(recorded.status, .found)
                let decided = try await office.post(meeting, [("action", "task"), ("title", "补充救助资金明细"), ("units", "县民政局"), ("deadline", "12月10日前")])
                XCTAssertEqual(decided.status, .found)
                let officerView = try await officer.get(meeting)
                XCTAssertTrue(officerView.body.contains("补充救助资金明细"))
                XCTAssertFalse(officerView.body.contains("出差"), "another unit's absence is not shown to this unit")

                // 考核: the weight must be at least 4 %.
                try await office.get("/admin/assessments")
                let items = "信箱按期答复，50，信箱按期答复率\n年度任务落实，50，人工"
                let low = try await office.post("/admin/assessments", [("year", "2026"), ("title", "2026年考核方案"), ("weight", "3"), ("items", items)])
                XCTAssertEqual(low.status, .badRequest)
                XCTAssertTrue(low.body.contains("政务公开在绩效考核中的权重应不低于4%"))
                let made = try await office.post("/admin/assessments", [("year", "2026"), ("title", "2026年考核方案"), ("weight", "4.5"), ("items", items)])
                XCTAssertEqual(made.status, .found)
                let scheme = made.location!.components(separatedBy: "?")[0]
                try await office.post(scheme, [("action", "compute")])
                let tooMany = try await office.post(scheme, [("action", "score"), ("organisation", String(f.deptA.id!)), ("item", "1"), ("points", "60"), ("basis", "回头看结论")])
                XCTAssertEqual(tooMany.status, .badRequest)
                XCTAssertTrue(tooMany.body.contains("得分应为0–50之间的数"))
                let scored = try await office.postMultipart(scheme, [("action", "score"), ("organisation", String(f.deptA.id!)), ("item", "1"), ("points", "45"),
                                                                    ("basis", "回头看：任务全部完成")], files: [("file", "回头看结论.pdf", Array("%PDF-1.4\n回头看结论\n%%EOF\n".utf8))])
                XCTAssertEqual(scored.status, .found)
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                try await root.post(scheme, [("action", "score"), ("organisation", String(f.deptB.id!)), ("item", "1"), ("points", "30"), ("basis", "回头看：一项未完成")])
                let scores = try await AssessmentScore.query(on: env.db).all()
                let mine = scores.first { $0.organisationID == f.deptA.id! }!, theirs = scores.first { $0.organisationID == f.deptB.id! }!
                let evidence = try await root.get(scheme + "?evidence=\(mine.id!.uuidString)")
                XCTAssertEqual(evidence.status, .ok)
                XCTAssertTrue(evidence.body.contains("回头看结论"), "the uploaded evidence is kept with the score")
                let pendingPage = try await root.get(scheme)
                XCTAssertTrue(pendingPage.body.contains("佐证：回头看结论.pdf"))
                let own = try await office.post(scheme, [("action", "confirm"), ("score", mine.id!.uuidString)])
                XCTAssertEqual(own.status, .badRequest)
                XCTAssertTrue(own.body.contains("评分人不能复核自己的评分"))
                let confirmed = try await root.post(scheme, [("action", "confirm"), ("score", mine.id!.uuidString)])
                XCTAssertEqual(confirmed.status, .found)
                let confirmed2 = try await office.post(scheme, [("action", "confirm"), ("score", theirs.id!.uuidString)])
                XCTAssertEqual(confirmed2.status, .found)
                try await office.post(scheme, [("action", "deduct"), ("adjust_org", String(f.deptA.id!)), ("adjust_points", "2"), ("reason", "决算公开超时限")])
                let sheet = try await office.get(scheme + "?format=xlsx")
                let ranking = try XCTUnwrap(XlsxReader.read(sheet.bytes))
                XCTAssertEqual(ranking[1].first, "1")
                XCTAssertEqual(ranking[1][1], "测试县民政局")
                XCTAssertEqual(ranking[1].last, "43")
                XCTAssertEqual(ranking[2][1], "测试县财政局")
                XCTAssertEqual(ranking[2].last, "30")
                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                let refused = try await leader.get(scheme)
                XCTAssertEqual(refused.status, .forbidden, "a department's leader does not see the county's ranking")
                let notice = try await office.post(scheme, [("action", "notice")])
                XCTAssertEqual(notice.status, .found, String(notice.body.components(separatedBy: "<main").last?.prefix(1500) ?? ""))
            }
            let decided = try await PlanTask.query(on: env.db).filter(\.$source == "meeting").all()
            XCTAssertEqual(decided.map(\.title), ["补充救助资金明细"])
            XCTAssertNotNil(decided.first?.meetingID)
            let absent = try await MeetingAttendance.query(on: env.db).filter(\.$present == false).all()
            XCTAssertEqual(absent.map(\.organisationID), [f.deptB.id!])
            XCTAssertEqual(absent.first?.absenceReason, "出差")
            let fix = try await Rectification.query(on: env.db).first()!
            XCTAssertEqual(fix.closedOn, "2026-12-01")
            let notice = try await InformationItem.query(on: env.db).filter(\.$title == "关于2026年度政务公开工作考核结果的通报").first()
            XCTAssertEqual(notice?.state, .draft, "the 通报 goes through review before publication")
            XCTAssertTrue(notice?.bodyHTML.contains("测试县民政局") ?? false)
        }
    }
}
