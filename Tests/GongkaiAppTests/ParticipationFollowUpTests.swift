import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The participation details a review found missing: a kind change on the decision list is saved
/// and logged; materials must be of the kind their role names; 预公开率 needs something the public
/// could actually see; the hearing held on a decision is on its page and in the API; 列席 sign-up
/// offers only categories with places and tells e-mail registrants the outcome; the 会议公开率
/// counts meetings held and streams only of announced meetings.
final class ParticipationFollowUpTests: XCTestCase {
    static func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testDecisionKindMaterialsRateAndLinkedHearing() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let org = f.deptA.id!
            env.services.clock.set(day: Self.day("2026-11-03"))
            // The draft is published on 11-03, before the deliberation.
            let draft = try await f.item(env, title: "测试县农村供水管理办法（草案）", kind: .notice)
            let notInterpretation = try await f.item(env, title: "农村供水工作动态", kind: .workNews)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let base = "/admin/participation/\(org)/decisions"
                let added = try await admin.post(base, [("year", "2026"), ("title", "测试县农村供水管理办法"), ("kind", "public_policy"),
                                                        ("undertaker", "测试县水利局"), ("planned", "2026年12月"), ("methods", "public_comment")])
                XCTAssertEqual(added.status, .found)
                _ = try await admin.post(base + "/publish", [("year", "2026"), ("approval", "经县委常委会审定")])
                let d = try await Decision.query(on: env.db).first()!
                let path = "/admin/participation/decisions/\(d.id!.uuidString)"

                // Only the kind changes: it is saved and the public change log says so.
                let kindOnly = try await admin.post(path, [("title", d.title), ("kind", "resources"), ("undertaker", "测试县水利局"),
                                                           ("planned", "2026年12月"), ("methods", "public_comment")])
                XCTAssertEqual(kindOnly.status, .found)
                let reread = try await Decision.find(d.id!, on: env.db)!
                XCTAssertEqual(reread.kind, "resources")
                let log = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertTrue(log.body.contains("事项类型由“重大公共政策和措施”调整为“资源开发利用保护”"))

                // A 解读 must be a 政策解读.
                let wrong = try await admin.post(path, [("action", "material"), ("role", "interpretation"), ("index_number", notInterpretation.indexNumber)])
                XCTAssertEqual(wrong.status, .badRequest)
                XCTAssertTrue(wrong.body.contains("不是政策解读"))

                // The stage entered by hand is not pre-publication.
                env.services.clock.set(day: Self.day("2026-11-05"))
                try await admin.logIn("admina", Fixture.password)
                for (stage, date) in [("consultation", "2026-11-03"), ("legality_review", "2026-11-04")] {
                    let r = try await admin.post(path, [("action", "stage"), ("stage", stage), ("day", date)])
                    XCTAssertEqual(r.status, .found, stage)
                }
                env.services.clock.set(day: Self.day("2026-11-16"))
                try await admin.logIn("admina", Fixture.password)
                let deliberated = try await admin.post(path, [("action", "stage"), ("stage", "deliberation"), ("day", "2026-11-13")])
                XCTAssertEqual(deliberated.status, .found)
                var rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: 2026, on: env.db)
                XCTAssertEqual(rate.text, "0.0%", "entering 预公开 by hand proves nothing")
                // The draft published before the deliberation, linked as 决策草案, does.
                let linked = try await admin.post(path, [("action", "material"), ("role", "draft"), ("index_number", draft.indexNumber)])
                XCTAssertEqual(linked.status, .found)
                rate = try await ParticipationQueries.prePublicationRate(organisationID: org, year: 2026, on: env.db)
                XCTAssertEqual(rate.text, "100.0%")

                // A hearing held on the decision is on the decision list and in the API.
                var e = EventInput()
                e.kind = .hearing; e.title = "农村供水价格听证会"; e.startsOn = Self.day("2026-11-20"); e.place = "县水利局会议室"
                e.description = "听证农村供水价格"; e.capacity = 5; e.selectionMethod = "自愿报名，随机抽取"
                let events = EventDesk(services: env.services)
                let hearing = try await events.create(e, in: f.deptA, decision: reread, actor: .commandLine("test"))
                var page = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertFalse(page.body.contains("农村供水价格听证会"), "not before it is announced")
                try await events.publish(hearing, actor: .commandLine("test"))
                page = try await Browser(client).get("/xxgk/\(org)/decisions?year=2026")
                XCTAssertTrue(page.body.contains("农村供水价格听证会"))
                XCTAssertTrue(page.body.contains(EventPage.href(hearing)))
                let api = try await Browser(client).get("/api/v1/organisations/\(org)/decisions?year=2026")
                let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as! [String: Any]
                let decision = (json["decisions"] as! [[String: Any]])[0]
                let links = decision["links"] as! [[String: Any]]
                XCTAssertTrue(links.contains { ($0["title"] as? String) == "农村供水价格听证会" && ($0["url"] as? String ?? "").hasSuffix(EventPage.href(hearing)) })
                XCTAssertTrue(links.contains { ($0["title"] as? String) == draft.title && ($0["role"] as? String) == "决策草案" })
                XCTAssertEqual(decision["stageSince"] as? String, "2026-11-13")
                XCTAssertNotNil(json["matters"] as? [Any])
            }
        }
    }

    func testOpenMeetingSeatsNotificationAndMeetingRate() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-11-02"))
            let actor = AuditActor.commandLine("test")
            let events = EventDesk(services: env.services)
            var m = EventInput()
            m.kind = .openMeeting; m.title = "局务会议（研究农村供水）"; m.startsOn = Self.day("2026-11-10"); m.place = "会议室"
            m.description = "议题：农村供水"; m.seats = CategorySeats(seats: [("群众代表", 1), ("媒体", 1)]); m.capacity = 2
            m.selectionMethod = "按报名先后和代表性遴选"
            let meeting = try await events.create(m, in: f.deptA, decision: nil, actor: actor)
            try await events.publish(meeting, actor: actor)
            try await env.withClient { client in
                let citizen = Browser(client)
                let path = EventPage.href(meeting)
                let page = try await citizen.get(path)
                XCTAssertTrue(page.body.contains("<option value=\"群众代表\""))
                XCTAssertFalse(page.body.contains("<option value=\"专家\""), "a category without places is not offered")
                let expert = try await citizen.post(path + "/registrations", [("name", "钱教授"), ("contact", "qian@example.cn"), ("category", "专家")])
                XCTAssertEqual(expert.status, .badRequest)
                let ok = try await citizen.post(path + "/registrations", [("name", "孙大伟"), ("contact", "sun@example.cn"), ("category", "群众代表")])
                XCTAssertEqual(ok.status, .ok)
                let reg = try await EventRegistration.query(on: env.db).filter(\.$contact == "sun@example.cn").first()!
                try await events.decide(reg, in: meeting, to: .selected, actor: actor)
                let mail = try await OutboxMail.query(on: env.db).filter(\.$recipient == "sun@example.cn").first()
                XCTAssertNotNil(mail)
                XCTAssertTrue(mail?.body.contains("您已入选") ?? false)
                XCTAssertTrue(mail?.body.contains(reg.receipt) ?? false)

                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let staffPage = try await admin.get("/admin/participation/events/\(meeting.id!.uuidString)")
                XCTAssertTrue(staffPage.body.contains("群众代表 1/1"))
            }

            // 会议公开率: a stream of a meeting nobody was told about is not a public process, and a
            // meeting still to come is not counted yet.
            var hidden = m
            hidden.title = "局务会议（未公告）"; hidden.seats = CategorySeats(seats: []); hidden.capacity = 0; hidden.streamURL = "https://live.example.cn/1"
            hidden.startsOn = Self.day("2026-11-01")
            _ = try await events.create(hidden, in: f.deptA, decision: nil, actor: actor)
            var rate = try await EventQueries.meetingRate(organisationID: f.deptA.id!, year: 2026, through: Self.day("2026-11-02"), on: env.db)
            XCTAssertEqual(rate.denominator, 1, "the announced meeting of 11-10 has not been held yet")
            XCTAssertEqual(rate.numerator, 0)
            rate = try await EventQueries.meetingRate(organisationID: f.deptA.id!, year: 2026, through: Self.day("2026-11-30"), on: env.db)
            XCTAssertEqual(rate.denominator, 2)
            XCTAssertEqual(rate.numerator, 1)
        }
    }

    func testInterpretationThemesAndParticipationMattersAreFound() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-11-02"))
            let desk = DecisionDesk(services: env.services)
            try await desk.addMatter(to: f.deptA, year: 2026, matter: "农村饮水安全巩固提升", scope: "全县农村居民", methods: [.questionnaire],
                                     channels: "网站、村务公开栏", timing: "第四季度", actor: .commandLine("test"))
            var q = SearchQuery("饮水安全")
            var found = try await ParticipationSearch.find(env.services, q)
            XCTAssertNil(found, "an unpublished row is not found")
            try await desk.publishMatters(of: f.deptA, year: 2026, actor: .commandLine("test"))
            found = try await ParticipationSearch.find(env.services, q)
            XCTAssertEqual(found?.links.first?.title, "农村饮水安全巩固提升")
            XCTAssertTrue(found?.links.first?.note.hasPrefix("公众参与事项") ?? false)
            q = SearchQuery("不存在的词语组合")
            found = try await ParticipationSearch.find(env.services, q)
            XCTAssertNil(found)
        }
    }
}
