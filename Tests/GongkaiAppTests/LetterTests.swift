import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 政民互动 over HTTP: a letter written, acknowledged with number and code, routed, answered,
/// reviewed, published masked, rated; contact details never public; limits and the watch.
final class LetterTests: XCTestCase {
    func testLetterFromWritingToRating() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-09-28")!)
            try await env.withClient { client in
                let citizen = Browser(client)
                let form = try await citizen.get("/hudong/write?to=\(f.county.id!)")
                XCTAssertEqual(form.status, .ok)
                let missing = try await citizen.post("/hudong/write", [("to", String(f.county.id!)), ("kind", "consultation"), ("subject", "低保怎么申请"),
                                                                       ("body", "请问低保怎么申请？"), ("name", "王芳")])
                XCTAssertEqual(missing.status, .badRequest)
                XCTAssertTrue(missing.body.contains("请至少填写手机号码或电子邮箱中的一项"))
                XCTAssertTrue(missing.body.contains("value=\"低保怎么申请\""))
                let robot = try await citizen.post("/hudong/write", [("website", "x"), ("body", "广告")])
                XCTAssertEqual(robot.status, .badRequest)
                let sent = try await citizen.post("/hudong/write", [("to", String(f.county.id!)), ("kind", "consultation"), ("subject", "低保怎么申请"),
                                                                    ("body", "请问低保怎么申请？我的电话13900001111。"), ("name", "王芳"), ("phone", "13900001111"),
                                                                    ("is_public", "1")])
                XCTAssertEqual(sent.status, .ok)
                let number = try XCTUnwrap(sent.body.range(of: "id=\"letter-number\">").map { String(sent.body[$0.upperBound...].prefix(15)) })
                let code = try XCTUnwrap(sent.body.range(of: "id=\"query-code\" class=\"code\">").map { String(sent.body[$0.upperBound...].prefix(8)) })
                XCTAssertEqual(number, "XX20260928-0001")
                // 咨询: five working days across 国庆 → 10月10日.
                XCTAssertTrue(sent.body.contains("2026年10月10日"))
                let letter = try await Letter.query(on: env.db).first()!
                XCTAssertTrue(letter.flags.contains("手机号码"), "the check flags the number for staff")

                // The county office routes it to the 民政局; the department signs for it and replies.
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let path = "/admin/letters/\(letter.id!.uuidString)"
                let officeOnly = try await root.post(path, [("action", "assign"), ("organisation", String(f.deptA.id!))])
                XCTAssertEqual(officeOnly.status, .forbidden, "a system administrator does not route letters")
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let notOurs = try await office.get(path)
                XCTAssertEqual(notOurs.status, .forbidden, "the 民政局's office cannot open the county's mailbox before it is routed there")
                try await Self.grantCountyOffice(env, f)
                let county = Browser(client)
                try await county.logIn("countyoffice", Fixture.password)
                let page = try await county.get(path)
                XCTAssertTrue(page.body.contains("13900001111"), "the handler sees how to reach the writer")
                let assigned = try await county.post(path, [("action", "assign"), ("organisation", String(f.deptA.id!))])
                XCTAssertEqual(assigned.status, .found)
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let v1 = try await officer.post(path, [("action", "accept")]).status
                XCTAssertEqual(v1, .found)
                let empty = try await officer.post(path, [("action", "reply"), ("reply", " ")])
                XCTAssertTrue(empty.body.contains("请填写答复内容"))
                let v2 = try await officer.post(path, [("action", "reply"), ("reply", "您好，低保申请请向户籍所在地乡镇人民政府提出。")]).status
                XCTAssertEqual(v2, .found)
                let selfApprove = try await officer.post(path, [("action", "approve")])
                XCTAssertEqual(selfApprove.status, .forbidden, "an information officer does not approve replies")
                let before = try await LetterQueries.publicLetters(env.services, limit: 10)
                XCTAssertFalse(before.contains { $0.number == number }, "not public before the review")
                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let v3 = try await reviewer.post(path, [("action", "approve")]).status
                XCTAssertEqual(v3, .found)

                // Public, masked; the writer rates it through the tracker.
                let list = try await Browser(client).get("/hudong")
                XCTAssertTrue(list.body.contains("低保怎么申请"))
                let shown = try await Browser(client).get("/hudong/letters/\(number)")
                XCTAssertTrue(shown.body.contains("王*"))
                XCTAssertTrue(shown.body.contains("139****1111"))
                for secret in ["王芳", "13900001111"] { XCTAssertFalse(shown.body.contains(secret), secret) }
                let wrong = try await citizen.post("/hudong/track", [("number", number), ("code", "WRONGCOD")])
                XCTAssertEqual(wrong.status, .notFound)
                let tracked = try await citizen.post("/hudong/track", [("number", number), ("code", code)])
                XCTAssertTrue(tracked.body.contains("户籍所在地乡镇人民政府"))
                let followed = try await citizen.post("/hudong/track/respond", [("number", number), ("code", code), ("follow_up", "需要带哪些材料？")])
                XCTAssertTrue(followed.body.contains("已提交追问"))
                let again = try await citizen.post("/hudong/track/respond", [("number", number), ("code", code), ("follow_up", "再问一次")])
                XCTAssertTrue(again.body.contains("来信“追问办理中”时不能追问"))
                _ = try await officer.post(path, [("action", "reply"), ("reply", "请携带身份证、户口簿和收入证明。")])
                _ = try await reviewer.post(path, [("action", "approve")])
                let rated = try await citizen.post("/hudong/track/respond", [("number", number), ("code", code), ("rating", "satisfied")])
                XCTAssertTrue(rated.body.contains("感谢您的评价"))
                let closed = try await Letter.find(letter.id!, on: env.db)!
                XCTAssertEqual(closed.stateValue, .closed)
                XCTAssertEqual(closed.ratingValue, .satisfied)
                // Staff may withdraw it from the public list with a reason.
                _ = try await county.post(path, [("action", "private"), ("reason", "涉及个人家庭情况")])
                let hidden = try await Browser(client).get("/hudong/letters/\(number)")
                XCTAssertEqual(hidden.status, .notFound)
                let openapi = try await Browser(client).get("/api/v1/openapi.json")
                XCTAssertTrue(openapi.body.contains("\"/knowledge\""))
                XCTAssertTrue(openapi.body.contains("\"KnowledgeEntry\""))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["来信", "交办", "签收", "提交答复审核", "答复审核通过并公开", "追问", "评价", "改为不公开"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }

    /// An administrator of the county's 公开办 (the fixture's admins are departmental).
    static func grantCountyOffice(_ env: TestEnvironment, _ f: Fixture) async throws {
        _ = try await StaffDirectory(services: env.services).create(
            .init(username: "countyoffice", displayName: "县公开办", phone: "", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
            roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("test"))
    }

    func testWatchListRemindersAndFigures() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-09-01")!)
            var i = LetterDesk.Input()
            i.kind = .suggestion; i.subject = "建议"; i.body = "建议增加公交线路"; i.name = "李"; i.phone = "13900003333"
            let desk = LetterDesk(services: env.services)
            let (l, _) = try await desk.submit(i, to: f.deptA, policy: nil, clientAddress: "192.0.2.9")
            try await desk.act(.assign(organisationID: f.deptA.id!), on: l, actor: .commandLine("test"))
            // 建议: 15 working days from 9月1日; 9月20日 (a Sunday) is a 调休 working day → 9月21日.
            XCTAssertEqual(l.dueOn, "2026-09-21")
            env.services.clock.set(day: CivilDate(iso: "2026-09-14")!)
            _ = try await LetterReminderJob(services: env.services).run(today: env.services.clock.today(), leadDays: 3)
            var records = try await LetterReminderJob.Record.query(on: env.db).count()
            XCTAssertEqual(records, 0, "five working days left: no reminder yet")
            env.services.clock.set(day: CivilDate(iso: "2026-09-18")!)
            _ = try await LetterReminderJob(services: env.services).run(today: env.services.clock.today(), leadDays: 3)
            _ = try await LetterReminderJob(services: env.services).run(today: env.services.clock.today(), leadDays: 3)
            records = try await LetterReminderJob.Record.query(on: env.db).filter(\.$kind == "due_soon").count()
            XCTAssertEqual(records, 1, "one reminder per letter and due date, however often the job runs")
            env.services.clock.set(day: CivilDate(iso: "2026-09-22")!)
            _ = try await LetterReminderJob(services: env.services).run(today: env.services.clock.today(), leadDays: 3)
            records = try await LetterReminderJob.Record.query(on: env.db).filter(\.$kind == "overdue").count()
            XCTAssertEqual(records, 1, "escalated once overdue")
            env.services.clock.set(day: CivilDate(iso: "2026-11-20")!)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let board = try await admin.get("/admin")
                XCTAssertTrue(board.body.contains("临近或超过3个月未答复"))
                let watch = try await admin.get("/admin/letters?show=watch")
                XCTAssertTrue(watch.body.contains("距3个月检查期限还剩11天"))
                XCTAssertFalse(watch.body.contains("13900003333"), "contacts are not in the list")
                let bad = try await admin.get("/admin/letters?show=everything")
                XCTAssertEqual(bad.status, .badRequest)
                let september = try await admin.get("/admin/letters?show=all&year=2026&month=9")
                XCTAssertTrue(september.body.contains("2026年9月统计"))
                XCTAssertTrue(september.body.contains("<td>测试县民政局</td><td>1</td>"), "the handling department's row")
                XCTAssertTrue(september.body.contains("1–3个月1"))
                let october = try await admin.get("/admin/letters?show=all&year=2026&month=10")
                XCTAssertFalse(october.body.contains("分单位（按承办单位）"), "nothing received in October")
                let badMonth = try await admin.get("/admin/letters?month=13")
                XCTAssertEqual(badMonth.status, .badRequest)
            }
            let figures = try await LetterQueries.figures(organisationIDs: [f.deptA.id!], year: 2026, today: env.services.clock.today(),
                                                          calendar: .shipped, on: env.db)
            XCTAssertEqual(figures.received, 1)
            XCTAssertEqual(figures.open, 1)
            XCTAssertEqual(figures.replied, 0)
            XCTAssertEqual([figures.openWithinMonth, figures.openOneToThreeMonths, figures.overThreeMonths], [0, 1, 0], "80 days old")
        }
    }
}
