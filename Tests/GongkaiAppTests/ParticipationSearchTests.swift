import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Participation in site search, the feed and the API: public things only, never sign-ups' data.
final class ParticipationSearchTests: XCTestCase {
    func testSearchFeedAndAPIShowOnlyPublicParticipation() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-10-20")!)
            let actor = AuditActor.commandLine("test")
            var c = ConsultationInput()
            c.title = "测试县养犬管理办法（征求意见稿）"; c.subject = .normativeDocument; c.explanation = "规范养犬行为"
            c.draft = "第一条 为规范养犬行为，制定本办法。"; c.opensOn = CivilDate(iso: "2026-10-19")!; c.closesOn = CivilDate(iso: "2026-10-30")!
            let desk = ConsultationDesk(services: env.services)
            try await desk.publish(try await desk.create(c, in: f.deptA, decision: nil, actor: actor), actor: actor,
                                   now: SiteClock.instant(CivilDate(iso: "2026-10-19")!, hour: 9, minute: 0))
            var unpublished = c
            unpublished.title = "测试县养犬收容办法（征求意见稿）"
            _ = try await desk.create(unpublished, in: f.deptA, decision: nil, actor: actor)
            var later = c
            later.title = "测试县养犬登记细则（征求意见稿）"; later.opensOn = CivilDate(iso: "2026-11-01")!; later.closesOn = CivilDate(iso: "2026-11-12")!
            try await desk.publish(try await desk.create(later, in: f.deptA, decision: nil, actor: actor), actor: actor)
            var e = EventInput()
            e.kind = .hearing; e.title = "养犬管理听证会"; e.startsOn = CivilDate(iso: "2026-11-05")!; e.place = "会议室"
            e.description = "听证养犬管理办法"; e.capacity = 10; e.selectionMethod = "随机抽取"
            let events = EventDesk(services: env.services)
            let hearing = try await events.create(e, in: f.deptA, decision: nil, actor: actor)
            try await events.publish(hearing, actor: actor)
            var signUp = RegistrationInput()
            signUp.name = "周建国"; signUp.contact = "13900001234"; signUp.category = "群众代表"
            _ = try await events.register(signUp, for: hearing, clientAddress: "192.0.2.1")
            var draftEvent = e
            draftEvent.title = "养犬座谈会（未发布）"; draftEvent.kind = .symposium
            _ = try await events.create(draftEvent, in: f.deptA, decision: nil, actor: actor)

            let found = try await ParticipationSearch.find(env.services, SearchQuery("养犬"))
            XCTAssertEqual(Set(found?.links.map(\.title) ?? []), ["测试县养犬管理办法（征求意见稿）", "养犬管理听证会"],
                           "not the consultation that has not opened, nor the event not announced")
            let excluding = try await ParticipationSearch.find(env.services, SearchQuery("养犬 -听证"))
            XCTAssertEqual(excluding?.links.map(\.title), ["测试县养犬管理办法（征求意见稿）"])
            let names = try await ParticipationSearch.find(env.services, SearchQuery("周建国"))
            XCTAssertNil(names, "sign-ups are not searchable")

            try await env.withClient { client in
                let b = Browser(client)
                let page = try await b.get("/search?q=%E5%85%BB%E7%8A%AC")
                XCTAssertTrue(page.body.contains("公众参与中的相关内容"))
                XCTAssertTrue(page.body.contains("养犬管理听证会"))
                let feed = try await b.get("/participation/feed.xml")
                XCTAssertTrue(feed.body.contains("养犬管理听证会"))
                XCTAssertTrue(feed.body.contains("测试县养犬管理办法（征求意见稿）"))
                XCTAssertFalse(feed.body.contains("养犬登记细则"))
                XCTAssertFalse(feed.body.contains("养犬收容办法"), "never published")
                XCTAssertFalse(feed.body.contains("养犬座谈会（未发布）"))
                let api = try await b.get("/api/v1/events?kind=hearing")
                XCTAssertTrue(api.body.contains("养犬管理听证会"))
                for secret in ["周建国", "13900001234", "养犬座谈会"] { XCTAssertFalse(api.body.contains(secret), secret) }
                let bad = try await b.get("/api/v1/events?kind=party")
                XCTAssertEqual(bad.status, .badRequest)
                let surveys = try await b.get("/api/v1/surveys")
                XCTAssertEqual(surveys.body, "[]")
                let plans = try await b.get("/api/v1/organisations/\(f.deptA.id!)/interpretation-days")
                XCTAssertEqual(plans.body, "[]")
                let openapi = try await b.get("/api/v1/openapi.json")
                for path in ["\"/events\"", "\"/surveys\"", "\"/organisations/{organisationId}/interpretation-days\""] {
                    XCTAssertTrue(openapi.body.contains(path), path)
                }
            }
        }
    }
}
