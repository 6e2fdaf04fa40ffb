import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The 舆情回应台账 over HTTP: an event recorded by the county office, its clocks against the
/// responses, a commitment followed past its day (dashboard warning, one e-mail), to completion,
/// publication of the result and closing; leaders read, others do not.
final class OpinionLedgerTests: XCTestCase {
    func testLedgerFromEventToPublishedCommitment() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await LetterTests.grantCountyOffice(env, f)
            let clock = env.services.clock
            clock.set(SiteClock.instant(CivilDate(iso: "2026-11-11")!, hour: 10, minute: 0))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("countyoffice", Fixture.password)
                let form = try await office.get("/admin/opinions")
                XCTAssertTrue(form.body.contains("5小时内发布权威信息"))
                let bad = try await office.post("/admin/opinions", [("office", String(f.county.id!)), ("source", ""), ("summary", "低保资金发放延迟"),
                                                                    ("topic", "不存在"), ("level", "major"), ("organisation", String(f.deptA.id!)),
                                                                    ("known_at", "2026-11-12T09:00")])
                XCTAssertEqual(bad.status, .badRequest)
                for m in ["请填写舆情来源", "请选择主题分类", "发现时间不能晚于现在"] { XCTAssertTrue(bad.body.contains(m), m) }
                XCTAssertTrue(bad.body.contains("低保资金发放延迟"), "what was typed stays")
                let outside = try await office.post("/admin/opinions", [("office", String(f.deptA.id!)), ("source", "网络平台"), ("summary", "x"),
                                                                        ("topic", "社会保障"), ("level", "major"), ("organisation", String(f.deptA.id!)),
                                                                        ("known_at", "2026-11-10T21:00")])
                XCTAssertEqual(outside.status, .found, "the county office may keep a department's ledger too")
                let made = try await office.post("/admin/opinions", [("office", String(f.county.id!)), ("source", "网络平台"), ("summary", "低保资金发放延迟引发关注"),
                                                                     ("topic", "社会保障"), ("level", "major"), ("organisation", String(f.deptA.id!)),
                                                                     ("known_at", "2026-11-10T21:00")])
                XCTAssertEqual(made.status, .found)
                let event = try await OpinionEvent.query(on: env.db).filter(\.$summary == "低保资金发放延迟引发关注").first()!
                let path = "/admin/opinions/\(event.id!.uuidString)"

                // 5 h → 11月11日 02:00 across midnight; information at 01:30 is in time, no press conference by 10:00 yet.
                let early = try await office.post(path, [("action", "respond"), ("kind", "information"), ("channel", "政务新媒体"), ("at", "2026-11-10T20:00"),
                                                         ("response_summary", "通报情况"), ("url", "https://weibo.example/1")])
                XCTAssertTrue(early.body.contains("发布时间不能早于发现舆情的时间"), "\(early.status) \(early.body.suffix(3000))")
                let noEvidence = try await office.post(path, [("action", "respond"), ("kind", "information"), ("channel", "政务新媒体"), ("at", "2026-11-11T01:30"),
                                                              ("response_summary", "通报情况")])
                XCTAssertTrue(noEvidence.body.contains("请填写所发布信息的索引号或链接"))
                let badURL = try await office.post(path, [("action", "respond"), ("kind", "information"), ("channel", "政务新媒体"), ("at", "2026-11-11T01:30"),
                                                          ("response_summary", "通报情况"), ("url", "javascript:alert(1)")])
                XCTAssertTrue(badURL.body.contains("链接应以 http:// 或 https:// 开头"))
                let ok = try await office.post(path, [("action", "respond"), ("kind", "information"), ("channel", "政务新媒体"), ("at", "2026-11-11T01:30"),
                                                      ("response_summary", "通报低保资金发放进度"), ("url", "https://weibo.example/1")])
                XCTAssertEqual(ok.status, .found)
                var page = try await office.get(path)
                XCTAssertTrue(page.body.contains("发布权威信息：2026-11-11 02:00前 — 按时（2026-11-11 01:30）"), page.body)
                XCTAssertTrue(page.body.contains("召开新闻发布会：2026-11-11 21:00前 — 未到期"))
                clock.set(SiteClock.instant(CivilDate(iso: "2026-11-12")!, hour: 9, minute: 0))
                try await office.logIn("countyoffice", Fixture.password) // the session idled out overnight
                page = try await office.get(path)
                XCTAssertTrue(page.body.contains("召开新闻发布会：2026-11-11 21:00前 — <strong class=\"status-overdue\">已超时未回应</strong>"))

                let badDue = try await office.post(path, [("action", "commit"), ("what", "11月20日前补发资金"), ("commitment_organisation", String(f.deptA.id!)),
                                                          ("due_on", "2026-11-01")])
                XCTAssertTrue(badDue.body.contains("承诺完成日期应在发现舆情之后的五年内"))
                _ = try await office.post(path, [("action", "commit"), ("what", "11月20日前补发资金"), ("commitment_organisation", String(f.deptA.id!)),
                                                 ("due_on", "2026-11-20")])
                let commitment = try await OpinionCommitment.query(on: env.db).first()!
                let refusedClose = try await office.post(path, [("action", "close")])
                XCTAssertTrue(refusedClose.body.contains("还有承诺事项未办结或结果未公开"))

                // Past its day: the dashboard warns, one e-mail however often the job runs.
                clock.set(SiteClock.instant(CivilDate(iso: "2026-11-23")!, hour: 9, minute: 0))
                try await office.logIn("countyoffice", Fixture.password)
                let board = try await office.get("/admin")
                XCTAssertTrue(board.body.contains("1项舆情回应承诺事项已逾期未办结"))
                _ = try await OpinionAlertJob(services: env.services).run(today: clock.today())
                _ = try await OpinionAlertJob(services: env.services).run(today: clock.today())
                let alerts = try await AuditRecord.query(on: env.db).filter(\.$action == "承诺事项逾期提醒").count()
                XCTAssertEqual(alerts, 1)

                let future = try await office.post(path, [("action", "complete"), ("commitment", commitment.id!.uuidString), ("done_on", "2026-11-30"), ("done_note", "已补发")])
                XCTAssertTrue(future.body.contains("请填写办结日期"))
                _ = try await office.post(path, [("action", "complete"), ("commitment", commitment.id!.uuidString), ("done_on", "2026-11-22"), ("done_note", "已全部补发")])
                let noResult = try await office.post(path, [("action", "publish_result"), ("commitment", commitment.id!.uuidString)])
                XCTAssertTrue(noResult.body.contains("请填写公开办理结果的信息索引号或链接"))
                _ = try await office.post(path, [("action", "publish_result"), ("commitment", commitment.id!.uuidString), ("url", "https://www.example.gov.cn/result")])
                let closed = try await office.post(path, [("action", "close")])
                XCTAssertEqual(closed.status, .found)

                let entries = try await OpinionQueries.ledger(organisationIDs: [f.county.id!], year: 2026, now: clock.now(),
                                                              limits: env.services.config.opinionLimits, on: env.db)
                let figures = OpinionQueries.figures(entries, today: clock.today())
                XCTAssertEqual(figures, OpinionQueries.Figures(events: 1, decided: 1, onTime: 0, commitments: 1, kept: 0, published: 1, overdue: 0),
                               "the county's own event (the department's is not in it): the press conference was missed; the commitment was done two days late, then published")

                let sheet = try await office.get("/admin/opinions/export.xlsx?year=2026")
                XCTAssertEqual(sheet.status, .ok)
                XCTAssertTrue(sheet.headers[.contentDisposition]?.contains("filename*=UTF-8''") ?? false)
                let badYear = try await office.get("/admin/opinions?year=20266")
                XCTAssertEqual(badYear.status, .badRequest)

                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                let read = try await leader.get("/admin/opinions")
                XCTAssertTrue(read.body.contains("舆情回应台账"))
                XCTAssertFalse(read.body.contains("登记舆情</h2>"), "leaders read the ledger, they do not keep it")
                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let refused = try await reviewer.get("/admin/opinions")
                XCTAssertEqual(refused.status, .forbidden)
            }
            let actions = Set(try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.opinionEvent.rawValue).all().map(\.action))
            for a in ["登记舆情", "登记回应：发布权威信息", "登记承诺事项", "承诺事项办结", "承诺结果已公开", "舆情办结"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }
}
