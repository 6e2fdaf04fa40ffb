import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import XCTest
@testable import GongkaiApp

/// Running the plan over HTTP: importing task tables in the seeds' shapes, a unit seeing and
/// reporting only its tasks, reminders, the 回头看 and the annual report, the indicators against
/// hand-computed figures, the 三单, the 联席会议 and the 考核.
final class PlanTests: XCTestCase {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// 濉溪's shape: 序号, 工作任务, 责任单位 ("…牵头，…负责落实"), 完成时限; one unit not on the site.
    static let suixiShape: [[String]] = [
        ["2026年政务公开工作要点任务清单"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "推进预决算信息公开", "县财政局牵头，各镇、县直各单位负责落实", "8月底前"],
        ["2", "做好社会救助信息公开", "县民政局", "10月底前"],
        ["3", "做好统计数据发布解读", "县统计局牵头，县民政局负责落实", "持续推进"],
    ]

    /// 安岳's shape (附件2): 类别 merged down, 具体要求, 责任单位 with the lead before the comma, 时限要求.
    static let anyueShape: [[String]] = [
        ["类别", "工作任务", "具体要求", "责任单位", "时限要求"],
        ["一、推进标准化规范化", "动态更新标准目录", "对照26个领域标准指引梳理公开事项", "县政府办公室，县政府工作部门、各乡镇(街道)人民政府(办事处)", "6月底前"],
        ["", "开展政策解读日活动", "每季度开展一次", "县民政局,县财政局", "每季度"],
    ]

    func testImportReadsTheSeedsTablesMapsUnitsAndChecksEveryRow() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: d("2026-02-10"))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("root", Fixture.password)
                try await office.get("/admin/plan/import")
                // A table with problems: each by row and column, nothing kept.
                let bad = [["工作任务", "责任单位", "时限要求"], ["做好社会救助信息公开", "", "10月底前"], ["规范专栏", "县民政局", "尽快"]]
                let refused = try await office.postMultipart("/admin/plan/import", [("year", "2026")], files: [("file", "任务.xlsx", XlsxSheet.write(name: "表", rows: bad))])
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertTrue(refused.body.contains("第2行“责任单位”：不能为空"), refused.body)
                XCTAssertTrue(refused.body.contains("第3行“时限要求”：时限无法识别"))
                let notXlsx = try await office.postMultipart("/admin/plan/import", [("year", "2026")], files: [("file", "任务.xlsx", Array("%PDF-1.4\n".utf8))])
                XCTAssertEqual(notXlsx.status, .badRequest)
                let count = try await PlanTask.query(on: env.db).count()
                XCTAssertEqual(count, 0)

                // 濉溪's table: 县统计局 is not one of the site's organisations and must be placed by hand.
                let read = try await office.postMultipart("/admin/plan/import", [("year", "2026")],
                                                          files: [("file", "濉溪任务.xlsx", XlsxSheet.write(name: "表", rows: Self.suixiShape))])
                XCTAssertEqual(read.status, .found)
                let review = try await office.get(read.location!)
                XCTAssertTrue(review.body.contains("“县统计局”对应"), review.body)
                XCTAssertTrue(review.body.contains("共3项任务"))
                let unplaced = try await office.post(read.location!, [("unit0", "")])
                XCTAssertEqual(unplaced.status, .badRequest)
                XCTAssertTrue(unplaced.body.contains("请为“县统计局”选择单位"))
                let done = try await office.post(read.location!, [("unit0", String(f.deptB.id!))])
                XCTAssertEqual(done.status, .found)
                XCTAssertEqual(done.location, "/admin/plan?year=2026&notice=imported")

                let anyue = try await office.postMultipart("/admin/plan/import", [("year", "2026")],
                                                           files: [("file", "安岳附件2.xlsx", XlsxSheet.write(name: "表", rows: Self.anyueShape))])
                XCTAssertEqual(anyue.status, .found)
                // 县政府办公室 is not in the fixture either: left out, and the row has no lead unit then.
                let noLead = try await office.post(anyue.location!, [("unit0", "0")])
                XCTAssertEqual(noLead.status, .badRequest)
                XCTAssertTrue(noLead.body.contains("第2行没有牵头单位"))
                let placed = try await office.post(anyue.location!, [("unit0", String(f.county.id!))])
                XCTAssertEqual(placed.status, .found)
            }
            let tasks = try await PlanTask.query(on: env.db).sort(\.$number).all()
            XCTAssertEqual(tasks.map(\.number), [1, 2, 3, 4, 5])
            XCTAssertEqual(tasks.map(\.deadline), [.by(d("2026-08-31")), .by(d("2026-10-31")), .continuous, .by(d("2026-06-30")), .quarterly])
            XCTAssertEqual(tasks[3].category, "一、推进标准化规范化")
            XCTAssertEqual(tasks[4].category, "一、推进标准化规范化", "the merged 类别 cell carries down")
            func units(_ t: PlanTask) async throws -> (leads: Set<Int>, others: Set<Int>) {
                let us = try await PlanTaskUnit.query(on: env.db).filter(\.$taskID == t.id!).all()
                return (Set(us.filter(\.lead).map(\.organisationID)), Set(us.filter { !$0.lead }.map(\.organisationID)))
            }
            // 县财政局牵头，各镇、县直各单位负责落实: the township and the other department take part.
            let first = try await units(tasks[0])
            XCTAssertEqual(first.leads, [f.deptB.id!])
            XCTAssertEqual(first.others, [f.deptA.id!, f.township.id!])
            let third = try await units(tasks[2])
            XCTAssertEqual(third.leads, [f.deptB.id!], "the office's choice for 县统计局")
            XCTAssertEqual(third.others, [f.deptA.id!])
            XCTAssertEqual(tasks[2].unitsText, "测试县财政局牵头，县民政局负责落实", "kept as placed, so an edit reads the same units")
            XCTAssertEqual(tasks[0].unitsText, "县财政局牵头，各乡镇（街道）、县直各部门负责落实")
            let fifth = try await units(tasks[4])
            XCTAssertEqual(fifth.leads, [f.deptA.id!])
            XCTAssertEqual(fifth.others, [f.deptB.id!])
            let drafts = try await PlanImportDraft.query(on: env.db).count()
            XCTAssertEqual(drafts, 0, "the draft is gone once imported")
            let audit = try await AuditRecord.query(on: env.db).filter(\.$action == "导入任务分解表").count()
            XCTAssertEqual(audit, 2)
        }
    }

    func task(_ env: TestEnvironment, _ title: String, units: String, deadline: String) async throws -> PlanTask {
        try await PlanLedgerDesk(services: env.services).save(.init(year: "2026", category: "", title: title, requirements: "", units: units, deadline: deadline, note: ""),
                                                              task: nil, actor: .commandLine("t"))
    }

    func testAUnitSeesAndReportsOnlyItsTasks() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: d("2026-10-20"))
            let item = try await f.item(env, title: "测试县民政局社会救助资金使用情况")
            let mine = try await task(env, "做好社会救助信息公开", units: "县民政局", deadline: "10月底前")
            let theirs = try await task(env, "推进预决算信息公开", units: "县财政局", deadline: "8月底前")
            let shared = try await task(env, "开展政策解读日活动", units: "县财政局牵头，县民政局负责落实", deadline: "每季度")
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let ledger = try await officer.get("/admin/plan?year=2026")
                XCTAssertTrue(ledger.body.contains("做好社会救助信息公开"))
                XCTAssertTrue(ledger.body.contains("开展政策解读日活动"), "it takes part in this one")
                XCTAssertFalse(ledger.body.contains("推进预决算信息公开"), "another unit's task")
                let other = try await officer.get("/admin/plan/tasks/\(theirs.id!.uuidString)")
                XCTAssertEqual(other.status, .forbidden)
                let otherReport = try await officer.post("/admin/plan/tasks/\(theirs.id!.uuidString)/progress", [("body", "越权报告")])
                XCTAssertEqual(otherReport.status, .forbidden)

                let page = try await officer.get("/admin/plan/tasks/\(mine.id!.uuidString)")
                XCTAssertTrue(page.body.contains("测试县民政局社会救助资金使用情况"), "its published items are offered as evidence")
                let badLink = try await officer.post("/admin/plan/tasks/\(mine.id!.uuidString)/progress", [("body", "已公开"), ("link", "javascript:alert(1)")])
                XCTAssertEqual(badLink.status, .badRequest)
                XCTAssertTrue(badLink.body.contains("链接应为 http:// 或 https:// 开头的网址"))
                let notLead = try await officer.post("/admin/plan/tasks/\(shared.id!.uuidString)/progress", [("body", "配合开展解读"), ("done", "1")])
                XCTAssertEqual(notLead.status, .badRequest)
                XCTAssertTrue(notLead.body.contains("只有牵头单位可以报告任务完成"))
                let pdf = Array("%PDF-1.4\n社会救助专栏截图\n%%EOF\n".utf8)
                let reported = try await officer.postMultipart("/admin/plan/tasks/\(mine.id!.uuidString)/progress",
                                                               [("body", "已在专栏公开社会救助资金使用情况"), ("item", item.id!.uuidString), ("done", "1")],
                                                               files: [("file", "专栏截图.pdf", pdf)])
                XCTAssertEqual(reported.status, .found)
                let done = try await officer.get("/admin/plan?year=2026&status=done")
                XCTAssertTrue(done.body.contains("做好社会救助信息公开"))
                let report = try await PlanProgress.query(on: env.db).filter(\.$taskID == mine.id!).first()!
                XCTAssertEqual(report.itemID, item.id)
                let evidence = try await officer.get("/admin/plan/evidence/\(report.id!.uuidString)")
                XCTAssertEqual(evidence.status, .ok)
                XCTAssertTrue(evidence.body.contains("社会救助专栏截图"))
                let stranger = Browser(client)
                try await stranger.logIn("adminb", Fixture.password)
                let refused = try await stranger.get("/admin/plan/evidence/\(report.id!.uuidString)")
                XCTAssertEqual(refused.status, .forbidden)
                let strangerLedger = try await stranger.get("/admin/plan?year=2026")
                XCTAssertFalse(strangerLedger.body.contains("做好社会救助信息公开"))
                // The office does not accept it: open again with the reason as a 督查 note.
                let office = Browser(client)
                try await office.logIn("root", Fixture.password)
                let reopened = try await office.post("/admin/plan/tasks/\(mine.id!.uuidString)", [("action", "reopen"), ("note", "佐证材料不全，请补充资金明细")])
                XCTAssertEqual(reopened.status, .found)
            }
            let after = try await PlanTask.find(mine.id, on: env.db)!
            XCTAssertNil(after.completedOn)
            let notes = try await PlanNote.query(on: env.db).filter(\.$taskID == mine.id!).all()
            XCTAssertEqual(notes.map(\.body), ["退回：佐证材料不全，请补充资金明细"])
        }
    }

    func testRemindersLookBackAndTheAnnualReport() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            f.officerA.email = "officera@example.gov.cn"
            try await f.officerA.update(on: env.db)
            env.services.clock.set(day: d("2026-01-10"))
            let item = try await f.item(env, title: "测试县民政局救助政策")
            let onTime = try await task(env, "做好社会救助信息公开", units: "县民政局", deadline: "10月31日前")
            let late = try await task(env, "规范信息公开专栏", units: "县民政局", deadline: "9月30日前")
            _ = try await task(env, "推进预决算信息公开", units: "县财政局", deadline: "年底前")
            let job = PlanReminderJob(services: env.services)
            env.services.clock.set(day: d("2026-09-25"))
            var sent = try await job.run(today: d("2026-09-25"))
            XCTAssertEqual(sent, 1, "five days before the deadline of one task")
            sent = try await job.run(today: d("2026-09-25"))
            XCTAssertEqual(sent, 0, "once per stage")
            let desk = PlanLedgerDesk(services: env.services)
            env.services.clock.set(day: d("2026-10-20"))
            try await desk.report(onTime, organisationID: f.deptA.id!, .init(body: "已公开", item: item.id!.uuidString, link: "", marksDone: true), file: nil, actor: .commandLine("t"))
            sent = try await job.run(today: d("2026-10-20"))
            XCTAssertEqual(sent, 1, "the missed deadline is escalated")
            let mails = try await OutboxMail.query(on: env.db).all().map(\.subject)
            XCTAssertEqual(mails.count, 2)
            XCTAssertTrue(mails.contains { $0.hasPrefix("【任务提醒】") })
            XCTAssertTrue(mails.contains { $0.hasPrefix("【任务逾期】") })

            env.services.clock.set(day: d("2026-11-30"))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("root", Fixture.password)
                try await office.get("/admin/plan")
                let future = try await office.post("/admin/plan/reviews", [("year", "2026"), ("review_day", "2026-12-31")])
                XCTAssertEqual(future.status, .badRequest)
                XCTAssertTrue(future.body.contains("回头看的日期不能晚于今天"))
                let taken = try await office.post("/admin/plan/reviews", [("year", "2026"), ("review_day", "2026-11-30")])
                XCTAssertEqual(taken.status, .found)
                let review = try await office.get(taken.location!)
                XCTAssertEqual(review.status, .ok, String(review.body.prefix(3000)))
                XCTAssertTrue(review.body.contains("按期完成"))
                XCTAssertTrue(review.body.contains("到期未完成"))
                XCTAssertTrue(review.body.contains("《测试县民政局救助政策》"), "the evidence is listed")
                // A unit sees the verdicts on its own tasks only.
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let own = try await officer.get(taken.location!)
                XCTAssertTrue(own.body.contains("规范信息公开专栏"))
                XCTAssertFalse(own.body.contains("推进预决算信息公开"))
            }
            let entries = try await PlanReviewEntry.query(on: env.db).all()
            XCTAssertEqual(Set(entries.map { "\($0.title)=\($0.verdict)" }),
                           ["做好社会救助信息公开=done_on_time", "规范信息公开专栏=not_done", "推进预决算信息公开=no_progress"])
            _ = late
            // The annual report of 2026 starts with the unit's part of the 回头看.
            let report = try await AnnualReportDesk(services: env.services).report(for: f.deptA, year: 2026)
            XCTAssertTrue(report.otherMatters.contains("2026年度政务公开工作要点中本单位牵头的任务共2项"), report.otherMatters)
            XCTAssertTrue(report.otherMatters.contains("按期完成1项，到期未完成1项"), report.otherMatters)
        }
    }
}
