import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 在线访谈 over HTTP: announced, questions sent and moderated, the transcript written live, the
/// session ended with a question left open, its follow-up day on the calendar, the dashboard
/// warning once that day has passed, and the answer afterwards. Contacts never public.
final class InterviewTests: XCTestCase {
    func testInterviewFromAnnouncementToFollowUp() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let clock = env.services.clock
            clock.set(SiteClock.instant(CivilDate(iso: "2026-11-20")!, hour: 9, minute: 0))
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let bad = try await officer.post("/admin/interviews", [("organisation", String(f.deptA.id!)), ("title", "低保政策解读"), ("guests", ""),
                                                                       ("description", "介绍低保政策"), ("starts_at", "2026-11-27")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("请填写访谈嘉宾的姓名和职务"))
                XCTAssertTrue(bad.body.contains("请填写访谈时间（日期和时刻）"))
                XCTAssertTrue(bad.body.contains("低保政策解读"), "what was typed stays")
                let made = try await officer.post("/admin/interviews", [("organisation", String(f.deptA.id!)), ("title", "低保政策解读"),
                                                                        ("guests", "县民政局局长 王某"), ("description", "介绍低保政策"),
                                                                        ("starts_at", "2026-11-27T09:30")])
                XCTAssertEqual(made.status, .found)
                let interview = try await Interview.query(on: env.db).first()!
                let admin = "/admin/interviews/\(interview.id!.uuidString)", page = "/hudong/interviews/\(interview.id!.uuidString)"
                let hidden = try await Browser(client).get(page)
                XCTAssertEqual(hidden.status, .notFound, "a draft is not public")
                _ = try await officer.post(admin, [("action", "advance")])

                let citizen = Browser(client)
                let open = try await citizen.get(page)
                XCTAssertTrue(open.body.contains("我要提问"))
                let empty = try await citizen.post(page + "/questions", [("name", "李"), ("question", " ")])
                XCTAssertEqual(empty.status, .badRequest)
                XCTAssertTrue(empty.body.contains("请填写您的问题"))
                let badContact = try await citizen.post(page + "/questions", [("name", "李明"), ("contact", "12345"), ("question", "低保标准是多少？")])
                XCTAssertTrue(badContact.body.contains("请填写11位手机号码或电子邮箱"))
                XCTAssertTrue(badContact.body.contains("低保标准是多少？"), "the question typed stays")
                let sent = try await citizen.post(page + "/questions", [("name", "李明"), ("contact", "13900005555"), ("question", "低保标准是多少？")])
                XCTAssertTrue(sent.body.contains("您的问题已提交"))
                _ = try await citizen.post(page + "/questions", [("name", "赵六"), ("question", "低保能否跨县办理？")])
                _ = try await citizen.post(page + "/questions", [("name", "广告"), ("question", "代办补贴")])
                let robot = try await citizen.post(page + "/questions", [("website", "x"), ("name", "a"), ("question", "b")])
                XCTAssertEqual(robot.status, .badRequest)
                var shown = try await citizen.get(page)
                XCTAssertFalse(shown.body.contains("低保标准是多少？"), "not public before moderation")

                let questions = try await InterviewQuestion.query(on: env.db).sort(\.$submittedAt).all()
                XCTAssertEqual(questions.count, 3)
                _ = try await officer.post(admin, [("action", "approve"), ("question", questions[0].id!.uuidString)])
                _ = try await officer.post(admin, [("action", "approve"), ("question", questions[1].id!.uuidString)])
                let noReason = try await officer.post(admin, [("action", "reject"), ("question", questions[2].id!.uuidString)])
                XCTAssertTrue(noReason.body.contains("请填写不采用的理由"))
                _ = try await officer.post(admin, [("action", "reject"), ("question", questions[2].id!.uuidString), ("reason", "广告")])
                let early = try await officer.post(admin, [("action", "line"), ("speaker", "主持人"), ("line", "大家好")])
                XCTAssertTrue(early.body.contains("访谈开始后才能发布实录"))

                clock.set(SiteClock.instant(CivilDate(iso: "2026-11-27")!, hour: 9, minute: 30))
                try await officer.logIn("officera", Fixture.password)
                _ = try await officer.post(admin, [("action", "advance")])
                _ = try await officer.post(admin, [("action", "line"), ("speaker", "主持人"), ("line", "各位网友好，今天聊低保政策。")])
                _ = try await officer.post(admin, [("action", "answer"), ("question", questions[0].id!.uuidString), ("answer", "本县城乡低保标准每人每月800元。")])
                shown = try await citizen.get(page)
                XCTAssertTrue(shown.body.contains("各位网友好，今天聊低保政策。"), "the transcript is public while live")
                XCTAssertTrue(shown.body.contains("李*"))
                XCTAssertTrue(shown.body.contains("访谈中答复"))
                for secret in ["李明", "13900005555", "代办补贴"] { XCTAssertFalse(shown.body.contains(secret), secret) }
                _ = try await officer.post(admin, [("action", "advance")])
                let ended = try await Interview.find(interview.id!, on: env.db)!
                // Ended Friday 11月27日: five working days → 12月4日.
                XCTAssertEqual(ended.followUpDue, "2026-12-04")
                shown = try await citizen.get(page)
                XCTAssertTrue(shown.body.contains("尚有1个问题将于2026年12月4日前答复"))
                XCTAssertFalse(shown.body.contains("我要提问"), "no questions after the session")
                let late = try await citizen.post(page + "/questions", [("name", "王"), ("question", "还能问吗")])
                XCTAssertTrue(late.body.contains("本次访谈已不再征集问题"))

                clock.set(SiteClock.instant(CivilDate(iso: "2026-12-07")!, hour: 9, minute: 0))
                try await officer.logIn("officera", Fixture.password)
                let board = try await officer.get("/admin")
                XCTAssertTrue(board.body.contains("1场在线访谈有网友问题超过会后答复期限未答复（共1个）"))
                _ = try await officer.post(admin, [("action", "answer"), ("question", questions[1].id!.uuidString), ("answer", "可以在居住地申请。")])
                shown = try await citizen.get(page)
                XCTAssertTrue(shown.body.contains("会后答复"))
                XCTAssertTrue(shown.body.contains("访谈中未及答复的问题已全部答复"))
                let api = try await citizen.get("/api/v1/interviews?org=\(f.deptA.id!)")
                XCTAssertTrue(api.body.contains("\"state\":\"ended\""))
                XCTAssertFalse(api.body.contains("13900005555"))
                let search = try await citizen.get("/search?q=%E4%BD%8E%E4%BF%9D%E6%94%BF%E7%AD%96%E8%A7%A3%E8%AF%BB")
                XCTAssertTrue(search.body.contains(page), "the interview is found by site search")

                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let refused = try await reviewer.post(admin, [("action", "advance")])
                XCTAssertEqual(refused.status, .forbidden)
            }
            let actions = Set(try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.interview.rawValue).all().map(\.action))
            for a in ["新建访谈", "发布预告", "网友提问", "采用网友问题", "不采用网友问题", "开始访谈", "发布实录", "访谈中答复网友问题", "结束访谈", "会后答复网友问题"] {
                XCTAssertTrue(actions.contains(a), a)
            }
        }
    }
}
