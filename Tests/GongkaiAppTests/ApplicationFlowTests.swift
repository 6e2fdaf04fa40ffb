import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class ApplicationFlowTests: XCTestCase {
    static let valid: [(String, String)] = [
        ("applicant_kind", "natural_person"), ("name", "王芳"), ("id_kind", "resident_id"), ("id_number", "11010519491231002X"),
        ("phone", "13912345678"), ("address", "测试县滨江路8号"), ("postcode", "642350"),
        ("description", "测试县民政局2025年城乡低保资金发放情况"), ("requested_form", "paper"), ("obtaining_way", "post"),
    ]

    static func value(after label: String, in body: String) -> String? {
        guard let r = body.range(of: "id=\"\(label)\"") else { return nil }
        let rest = body[r.upperBound...]
        guard let gt = rest.firstIndex(of: ">"), let lt = rest[gt...].firstIndex(of: "<") else { return nil }
        return String(rest[rest.index(after: gt)..<lt])
    }

    func testCitizenAppliesOnlineAndStaffHandleItToArchive() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let citizen = Browser(client)
                let formPage = try await citizen.get("/xxgk/\(f.deptA.id!)/apply")
                XCTAssertTrue(formPage.body.contains("提交申请"))

                // Field-level Chinese errors; what was typed is kept.
                var bad = Self.valid
                bad[3] = ("id_number", "110105194912310021")
                bad[7] = ("description", "低保")
                let rejected = try await citizen.post("/xxgk/\(f.deptA.id!)/apply", bad)
                XCTAssertEqual(rejected.status, .badRequest)
                XCTAssertTrue(rejected.body.contains("身份证号码校验位不正确"))
                XCTAssertTrue(rejected.body.contains("value=\"王芳\""))
                let none = try await InformationApplication.query(on: env.db).count()
                XCTAssertEqual(none, 0)

                let done = try await citizen.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                XCTAssertEqual(done.status, .ok)
                let number = try XCTUnwrap(Self.value(after: "registration-number", in: done.body))
                let code = try XCTUnwrap(Self.value(after: "query-code", in: done.body))
                XCTAssertEqual(number, "\(f.deptA.id!)-\(ApplicationDesk.today().year)-00001")
                XCTAssertEqual(code.count, 8)
                let stored = try await InformationApplication.query(on: env.db).first()!
                XCTAssertEqual(stored.statusValue, .awaitingConfirmation)
                XCTAssertNotEqual(stored.queryCodeHash, code, "only a hash of the query code is kept")

                // Tracking needs the right code.
                try await citizen.get("/ysq/track")
                let wrong = try await citizen.post("/ysq/track", [("number", number), ("code", "AAAAAAAA")])
                XCTAssertEqual(wrong.status, .notFound)
                let tracked = try await citizen.post("/ysq/track", [("number", number), ("code", code.lowercased())])
                XCTAssertTrue(tracked.body.contains("待确认收到"))

                // Staff: the list masks the name; the handler confirms the receipt date.
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let list = try await staff.get("/admin/applications")
                XCTAssertTrue(list.body.contains("王*"))
                XCTAssertFalse(list.body.contains("王芳"))
                let path = "/admin/applications/\(stored.id!.uuidString)"
                let detail = try await staff.get(path)
                XCTAssertTrue(detail.body.contains("110105********002X"), "ID numbers are masked even on the case page")
                let future = try await staff.post(path + "/steps", [("step", "registered"), ("date", "2099-01-01")])
                XCTAssertEqual(future.status, .badRequest)
                XCTAssertTrue(future.body.contains("日期不能晚于今天"))
                // Backdate to make the statutory example reproducible; submitted "today" forbids it, so
                // move the submission back first (as if it had arrived then).
                let ev = try await ApplicationEvent.query(on: env.db).first()!
                ev.effectiveOn = "2026-09-25"
                try await ev.update(on: env.db)
                let awaited1 = try await staff.post(path + "/steps", [("step", "registered"), ("date", "2026-09-28")]).status
                XCTAssertEqual(awaited1, .found)
                let registered = try await staff.get(path)
                XCTAssertTrue(registered.body.contains("9月28日收到，次日起算；10月1日至7日休；10月10日调休上班；第20个工作日为10月30日"),
                              registered.body)

                // 补正 later than 7 working days is refused with the latest date.
                let late = try await staff.post(path + "/steps", [("step", "correction_requested"), ("date", "2026-10-20"),
                                                                  ("deadline", "2026-10-30"), ("note", "请补充文号")])
                XCTAssertEqual(late.status, .badRequest)
                XCTAssertTrue(late.body.contains("补正告知应在收到申请之日起7个工作日内发出（最迟2026年10月13日）"))

                // Consultation pause, then resume.
                let awaited2 = try await staff.post(path + "/steps", [("step", "pause_started"), ("code", "third_party"), ("date", "2026-10-12"), ("note", "清溪某某建材有限公司")]).status
                XCTAssertEqual(awaited2, .found)
                let awaited3 = try await staff.post(path + "/steps", [("step", "pause_ended"), ("date", "2026-10-23"), ("note", "第三方同意")]).status
                XCTAssertEqual(awaited3, .found)

                let letter = try await staff.get(path + "/documents/consultation")
                XCTAssertTrue(letter.body.contains("清溪某某建材有限公司："))
                XCTAssertTrue(letter.body.contains("第三十二条"))
                XCTAssertFalse(letter.body.contains("王芳"), "the applicant's identity is not given to the third party")
                // Only a 领导 may extend.
                let awaited4 = try await staff.post(path + "/extend", [("days", "10"), ("note", "需要调取档案"), ("date", "2026-10-26")]).status
                XCTAssertEqual(awaited4, .forbidden)
                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                try await leader.get(path)
                let tooLong = try await leader.post(path + "/extend", [("days", "25"), ("note", "x"), ("date", "2026-10-26")])
                XCTAssertEqual(tooLong.status, .badRequest)
                let awaited5 = try await leader.post(path + "/extend", [("days", "10"), ("note", "需要调取档案"), ("date", "2026-10-26")]).status
                XCTAssertEqual(awaited5, .found)
                let extended = try await staff.get(path)
                XCTAssertTrue(extended.body.contains("经批准延长10个工作日"))
                XCTAssertTrue(extended.body.contains("其间9个工作日不计入"))

                // A refusal needs its reason; then decide, deliver and archive.
                let noReason = try await staff.post(path + "/steps", [("step", "decided"), ("code", "3.4"), ("date", "2026-11-10")])
                XCTAssertEqual(noReason.status, .badRequest)
                XCTAssertTrue(noReason.body.contains("须写明理由"))
                let awaited6 = try await staff.post(path + "/steps", [("step", "decided"), ("code", "2"), ("date", "2026-11-10"), ("note", "涉及个人隐私部分已作区分处理")]).status
                XCTAssertEqual(awaited6, .found)
                let awaited7 = try await staff.post(path + "/steps", [("step", "archived"), ("date", "2026-11-12")]).status
                XCTAssertEqual(awaited7, .badRequest)
                let awaited8 = try await staff.post(path + "/steps", [("step", "delivered"), ("date", "2026-11-11"), ("note", "EMS 1234567890")]).status
                XCTAssertEqual(awaited8, .found)
                let awaited9 = try await staff.post(path + "/steps", [("step", "archived"), ("date", "2026-11-12")]).status
                XCTAssertEqual(awaited9, .found)

                // A 会商 note stays internal.
                let awaitedNote = try await staff.post(path + "/steps", [("step", "note"), ("date", ApplicationDesk.today().description),
                                                                         ("note", "会商：张三、李四认为部分公开")]).status
                XCTAssertEqual(awaitedNote, .found)
                // The applicant sees the outcome; internal details stay internal.
                let final = try await citizen.post("/ysq/track", [("number", number), ("code", code)])
                XCTAssertTrue(final.body.contains("已归档"))
                XCTAssertTrue(final.body.contains("（二）部分公开"))
                XCTAssertFalse(final.body.contains("handlera"))
                XCTAssertFalse(final.body.contains("会商"))
            }
            let app = try await InformationApplication.query(on: env.db).first()!
            XCTAssertEqual(app.outcome, ReplyOutcome.partiallyDisclosed.rawValue)
            XCTAssertEqual(app.decidedOn, "2026-11-10")
            let audited = try await AuditRecord.query(on: env.db).filter(\.$entity == "政府信息公开申请").count()
            XCTAssertGreaterThanOrEqual(audited, 8)
            guard case .intact = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
        }
    }

    func testSpamDefencesAndVillagesDoNotAcceptApplications() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/xxgk/\(f.deptA.id!)/apply")
                let bot = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid + [("website", "http://spam.example")])
                XCTAssertEqual(bot.status, .badRequest)
                for _ in 0..<5 {
                    let page = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                    XCTAssertEqual(page.status, .ok)
                }
                let sixth = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                XCTAssertEqual(sixth.status, .tooManyRequests)
                XCTAssertTrue(sixth.body.contains("一天内提交的申请过多"))
                let village = try await b.get("/xxgk/\(f.village.id!)/apply")
                XCTAssertTrue(village.body.contains("不受理政府信息公开申请"))
                XCTAssertFalse(village.body.contains("提交申请</button>"))
            }
            let numbers = try await InformationApplication.query(on: env.db).all().map(\.serial).sorted()
            XCTAssertEqual(numbers, [1, 2, 3, 4, 5])
        }
    }
}

final class OfflineApplicationTests: XCTestCase {
    func testStaffEnterApplicationsReceivedOfflineWithTheReceiptDateOfArticle31() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let form = try await staff.get("/admin/applications/new")
                XCTAssertTrue(form.body.contains("测试县民政局"))
                XCTAssertFalse(form.body.contains("测试县财政局"), "only organisations the handler covers")
                var fields = ApplicationFlowTests.valid + [("organisation_id", String(f.deptA.id!)), ("channel", "registered_mail"), ("receipt_date", "")]
                let missingDate = try await staff.post("/admin/applications", fields)
                XCTAssertEqual(missingDate.status, .badRequest)
                XCTAssertTrue(missingDate.body.contains("以本机关签收之日为收到申请之日"))
                fields[fields.count - 1] = ("receipt_date", "2026-09-28")
                let done = try await staff.post("/admin/applications", fields)
                XCTAssertEqual(done.status, .ok)
                XCTAssertTrue(done.body.contains("查询码只显示这一次"))

                fields[fields.count - 2] = ("channel", "ordinary_mail")
                fields[fields.count - 1] = ("receipt_date", "")
                fields[4] = ("phone", "13700000000")
                let awaited1 = try await staff.post("/admin/applications", fields).status
                XCTAssertEqual(awaited1, .ok)

                // The dashboard and the list count the overdue case (due 2026-10-30) and the unconfirmed one.
                let dashboard = try await staff.get("/admin")
                XCTAssertTrue(dashboard.body.contains("<span class=\"tile-value\">1</span><span class=\"tile-label\">已超期</span>"))
                XCTAssertTrue(dashboard.body.contains("<span class=\"tile-value\">1</span><span class=\"tile-label\">待确认收到</span>"))
                let awaitedList = try await staff.get("/admin/applications").body.contains("2026-10-30（已超期）")
                XCTAssertTrue(awaitedList)

                // Another organisation cannot be chosen.
                fields[fields.count - 3] = ("organisation_id", String(f.deptB.id!))
                let awaited2 = try await staff.post("/admin/applications", fields).status
                XCTAssertEqual(awaited2, .forbidden)
            }
            let apps = try await InformationApplication.query(on: env.db).sort(\.$serial).all()
            XCTAssertEqual(apps.count, 2)
            XCTAssertEqual(apps[0].statusValue, .inProgress)
            XCTAssertEqual(apps[0].receiptDate, "2026-09-28")
            XCTAssertEqual(apps[1].statusValue, .awaitingConfirmation)
            XCTAssertNil(apps[1].receiptDate)
            let deadline = try await ApplicationDesk(services: env.services).deadline(for: apps[0], events: ApplicationDesk(services: env.services).events(of: apps[0]))
            XCTAssertEqual(deadline?.dueDate, CivilDate(iso: "2026-10-30"))
        }
    }
}

final class FeeFlowTests: XCTestCase {
    func testEleventhApplicationInAMonthGetsAFeeNoticeAndThePauseStopsTheClock() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            var input = ApplicationInput()
            input.name = "李四"; input.idNumber = "11010519491231002X"; input.phone = "13900002222"
            input.address = "测试地址"; input.description = "测试县民政局各类资金发放情况"
            var last: InformationApplication?
            for day in 1...11 {
                let d = CivilDate(year: 2026, month: 10, day: 8 + day)!
                last = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: d, clientAddress: "x",
                                             actor: .commandLine("test")).0
            }
            let app = try XCTUnwrap(last)
            let ordinal = try await desk.ordinalInMonth(of: app)
            XCTAssertEqual(ordinal, 11)
            let leaderPolicy = AccessPolicy(grants: [RoleGrant(role: .leader, organisationID: f.deptA.id!, includesSubtree: false)])
            let related = try await ApplicationQueries.related(to: app, visibleTo: leaderPolicy, roles: [.leader], on: env.db)
            XCTAssertEqual(related.count, 10, "the applicant's ten earlier applications")
            XCTAssertEqual(related.first?.similarity, 1)
            let outsider = AccessPolicy(grants: [RoleGrant(role: .leader, organisationID: f.deptB.id!, includesSubtree: false)])
            let hidden = try await ApplicationQueries.related(to: app, visibleTo: outsider, roles: [.leader], on: env.db)
            XCTAssertEqual(hidden.count, 0, "nothing from organisations the viewer does not cover")
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let path = "/admin/applications/\(app.id!.uuidString)"
                let page = try await staff.get(path)
                XCTAssertTrue(page.body.contains("本申请为申请人本月第11件申请，按件计收100元"))
                XCTAssertTrue(page.body.contains("100% 可能重复"))
                let free = try await staff.post(path + "/fee", [("method", "by_volume"), ("pages", "20"), ("date", "2026-10-20")])
                XCTAssertEqual(free.status, .badRequest)
                XCTAssertTrue(free.body.contains("无需发出收费通知"))
                let issued = try await staff.post(path + "/fee", [("method", "by_count"), ("date", "2026-10-20")])
                XCTAssertEqual(issued.status, .found)
                let paused = try await staff.get(path)
                XCTAssertTrue(paused.body.contains("暂停计时"))
                XCTAssertTrue(paused.body.contains("收费通知书"))
                let notice = try await staff.get(path + "/documents/fee")
                XCTAssertTrue(notice.body.contains("应缴金额100元"))
                XCTAssertTrue(notice.body.contains("请于2026年11月17日前"), "20 working days after 2026-10-20")
                let awaited242 = try await staff.post(path + "/steps", [("step", "pause_ended"), ("date", "2026-11-18"), ("note", "申请人逾期未缴费")]).status
                XCTAssertEqual(awaited242, .found)
                let awaited244 = try await staff.post(path + "/steps", [("step", "decided"), ("code", "6.2"), ("date", "2026-11-18")]).status
                XCTAssertEqual(awaited244, .found)
                let reply = try await staff.get(path + "/documents/reply")
                XCTAssertTrue(reply.body.contains("逾期未按要求缴纳信息处理费"))
            }
        }
    }
}

final class OutcomeScenarioTests: XCTestCase {
    /// A case per outcome, handled through the desk as staff would: each ends in its report row.
    func testEachOutcomeEndsInItsReportRow() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            for (i, outcome) in ReplyOutcome.allCases.enumerated() {
                var input = ApplicationInput()
                input.applicantKind = ApplicantKind.allCases[i % 6]
                input.name = "申请人\(i)"
                input.idNumber = "11010519491231002X"
                input.phone = "13900003333"
                input.description = "测试事项\(i)"
                let received = CivilDate(year: 2026, month: 3, day: 2)!.adding(days: i)
                let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: received,
                                                   clientAddress: "x", actor: actor)
                if outcome == .otherNoCorrection || outcome == .unavailableStillUnclear {
                    try await desk.record(.init(step: .correctionRequested, date: received.adding(days: 1), note: "请补充",
                                                deadline: received.adding(days: 15)), on: a, actor: actor)
                    if outcome == .unavailableStillUnclear {
                        try await desk.record(.init(step: .correctionReceived, date: received.adding(days: 10)), on: a, actor: actor)
                    }
                }
                try await desk.record(.init(step: .decided, date: received.adding(days: 20),
                                            note: outcome.requiresReason ? "理由" : "", code: outcome.rawValue), on: a, actor: actor)
            }
            // One received but not decided: carried into next year.
            var open = ApplicationInput()
            open.name = "未结"; open.idNumber = "11010519491231002X"; open.phone = "13900003333"; open.description = "未办结事项"
            _ = try await desk.submit(open, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!, clientAddress: "x", actor: actor)

            let records = try await ApplicationQueries.tableRecords(organisationIDs: [f.deptA.id!], on: env.db)
            let table = ApplicationTable(year: 2026, cases: records)
            for (i, outcome) in ReplyOutcome.allCases.enumerated() {
                XCTAssertEqual(table.total(.outcome(outcome)), 1, outcome.fullLabel)
                XCTAssertEqual(table.count(.outcome(outcome), ApplicantKind.allCases[i % 6]), 1, outcome.fullLabel)
            }
            XCTAssertEqual(table.total(.newThisYear), 22)
            XCTAssertEqual(table.total(.decidedTotal), 21)
            XCTAssertEqual(table.total(.carriedForward), 1)
            XCTAssertEqual(table.balanceProblems, [])
        }
    }
}

final class AssignmentTests: XCTestCase {
    func testTheOfficeAssignsADepartmentSignsForItOrReturnsIt() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let actor = AuditActor.commandLine("test")
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "office", displayName: "公开办", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: actor)
            let desk = ApplicationDesk(services: env.services)
            var input = ApplicationInput()
            input.name = "赵六"; input.idNumber = "11010519491231002X"; input.phone = "13900004444"; input.description = "县政府2025年低保工作文件"
            let (first, _) = try await desk.submit(input, to: f.county, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!, clientAddress: "x", actor: actor)
            let (second, _) = try await desk.submit(input, to: f.county, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-03")!, clientAddress: "x", actor: actor)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("office", Fixture.password)
                let today = ApplicationDesk.today().description
                let p1 = "/admin/applications/\(first.id!.uuidString)", p2 = "/admin/applications/\(second.id!.uuidString)"
                try await office.get(p1)
                let awaited325 = try await office.post(p1 + "/assign", [("target", String(f.deptA.id!)), ("note", "请民政局承办")]).status
                XCTAssertEqual(awaited325, .found)
                let awaited327 = try await office.post(p2 + "/assign", [("target", String(f.deptA.id!))]).status
                XCTAssertEqual(awaited327, .found)

                // The department's handler now sees both and signs for the first, returns the second.
                let handler = Browser(client)
                try await handler.logIn("handlera", Fixture.password)
                let list = try await handler.get("/admin/applications")
                XCTAssertTrue(list.body.contains(first.registrationNumber))
                XCTAssertTrue(list.body.contains("待签收"))
                try await handler.get(p1)
                let early = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "1"), ("date", today)])
                XCTAssertEqual(early.status, .badRequest, "nothing is decided before the department signs for it")
                let awaited339 = try await handler.post(p1 + "/steps", [("step", "accepted"), ("date", today)]).status
                XCTAssertEqual(awaited339, .found)
                let noReason = try await handler.post(p2 + "/steps", [("step", "returned"), ("date", today)])
                XCTAssertEqual(noReason.status, .badRequest)
                let awaited343 = try await handler.post(p2 + "/steps", [("step", "returned"), ("date", today), ("note", "不属于本局职责")]).status
                XCTAssertEqual(awaited343, .found)
                let awaited345 = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "1"), ("date", today)]).status
                XCTAssertEqual(awaited345, .found)
                // The reply is issued in the name of the organ applied to.
                let reply = try await handler.get(p1 + "/documents/reply")
                XCTAssertTrue(reply.body.contains("<p class=\"issuer\">测试县人民政府</p>"))
                // Once returned, the department no longer sees the second case.
                let awaited351 = try await handler.get(p2).status
                XCTAssertEqual(awaited351, .forbidden)

                // Another department's administrator never sees either.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaited357 = try await other.get(p1).status
                XCTAssertEqual(awaited357, .forbidden)
                let awaited359 = try await other.get("/admin/applications").body.contains(first.registrationNumber)
                XCTAssertFalse(awaited359)
                // A department cannot assign.
                let awaited362 = try await handler.post(p1 + "/assign", [("target", String(f.deptB.id!))]).status
                XCTAssertEqual(awaited362, .forbidden)
            }
            let reloaded = try await InformationApplication.find(second.id, on: env.db)!
            XCTAssertNil(reloaded.handlingOrganisationID)
            XCTAssertEqual(reloaded.statusValue, .inProgress)
        }
    }
}

final class ProceedingTests: XCTestCase {
    func testReviewsAndLitigationAreRecordedWithTheCaseAndCountedInTableFour() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            var input = ApplicationInput()
            input.name = "钱七"; input.idNumber = "11010519491231002X"; input.phone = "13900005555"; input.description = "某项行政许可材料"
            let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-09-01")!, clientAddress: "x", actor: actor)
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let path = "/admin/applications/\(a.id!.uuidString)"
                try await staff.get(path)
                let early = try await staff.post(path + "/proceedings", [("kind", "review"), ("filed_on", "2026-09-20"), ("body", "测试县人民政府")])
                XCTAssertEqual(early.status, .badRequest)
                XCTAssertTrue(early.body.contains("作出答复后才能登记复议或诉讼"))
                try await desk.record(.init(step: .decided, date: CivilDate(iso: "2026-09-25")!, note: "属于国家秘密", code: "3.1"), on: a, actor: actor)
                let awaited396 = try await staff.post(path + "/proceedings", [("kind", "review"), ("filed_on", "2026-10-10"), ("body", "测试县人民政府")]).status
                XCTAssertEqual(awaited396, .found)
                let awaited398 = try await staff.post(path + "/proceedings", [("kind", "litigation_direct"), ("filed_on", "2026-10-12"), ("body", "测试县人民法院"), ("note", "（2026）行初1号")]).status
                XCTAssertEqual(awaited398, .found)
                let review = try await ReviewProceeding.query(on: env.db).filter(\.$kind == "review").first()!
                let bad = try await staff.post(path + "/proceedings/\(review.id!.uuidString)", [("result", "upheld"), ("concluded_on", "2026-10-01")])
                XCTAssertEqual(bad.status, .badRequest, "concluded before it was filed")
                let awaited403 = try await staff.post(path + "/proceedings/\(review.id!.uuidString)", [("result", "upheld"), ("concluded_on", "2026-11-05")]).status
                XCTAssertEqual(awaited403, .found)
                let page = try await staff.get(path)
                XCTAssertTrue(page.body.contains("结果维持（2026-11-05）"))
                XCTAssertTrue(page.body.contains("（2026）行初1号"))
            }
            let table = ReviewTable(year: 2026, records: try await ApplicationQueries.reviewRecords(organisationIDs: [f.deptA.id!], on: env.db))
            XCTAssertEqual(table.count(.administrativeReview, .upheld), 1)
            XCTAssertEqual(table.count(.litigationDirect, .pending), 1)
            XCTAssertEqual(table.total(.litigationAfterReview), 0)
        }
    }
}
