import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The 政务新媒体 registry (alerts, rename and merge, 同步至, the public matrix and its feed dates),
/// the 负面清单 (public section, citations, never cited, yearly review) and annual reports compared
/// before publication.
final class RegistryAndReportTests: XCTestCase {
    func testNewMediaRegistryAlertsRenamesMergesAndSync() async throws {
        let router = Router()
        router.get("/feed.xml") { _, _ in
            "<rss><channel><item><pubDate>Mon, 26 Oct 2026 08:00:00 +0800</pubDate></item><item><pubDate>Fri, 30 Oct 2026 09:00:00 +0800</pubDate></item></channel></rss>"
        }
        let feedSite = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await feedSite.test(.live) { feedClient in
            let feed = "http://127.0.0.1:\(try XCTUnwrap(feedClient.port))/feed.xml"
            try await withEnvironment(extraEnvironment: ["GONGKAI_MONITOR_PRIVATE": "true", "GONGKAI_NEW_MEDIA_STALE_DAYS": "10"]) { env in
                env.services.clock.set(day: CivilDate(iso: "2026-11-02")!)
                let f = try await Fixture.seed(env)
                try await env.withClient { client in
                    let officer = Browser(client)
                    _ = try await officer.logIn("officera", Fixture.password)
                    // Bad input: every message next to its field, nothing saved.
                    let bad = try await officer.post("/admin/xmt", [("organisation", String(f.deptA.id!)), ("platform", "微信公众号"), ("name", ""),
                                                                   ("opened_on", "2026-13-01"), ("status", "merged"), ("feed_url", "ftp://x")])
                    XCTAssertEqual(bad.status, .badRequest)
                    for m in ["请填写账号名称", "开设日期应为日期", "整合的账号须选择整合到哪个账号", "订阅源地址应以 https:// 开头"] { XCTAssertTrue(bad.body.contains(m), m) }
                    let none = try await NewMediaAccount.query(on: env.db).count()
                    XCTAssertEqual(none, 0)
                    for (name, op, last, interaction) in [("测试民政", "张敏", "2026-10-20", "1"), ("测试老龄", "", "2026-11-01", "")] {
                        var fields = [("organisation", String(f.deptA.id!)), ("platform", "微信公众号"), ("name", name), ("handle", name), ("operator", op),
                                      ("opened_on", "2020-01-01"), ("last_update_on", last), ("status", "normal")]
                        if !interaction.isEmpty { fields.append(("interaction", "1")) }
                        if name == "测试民政" { fields.append(("feed_url", feed)) }
                        let v1 = try await officer.post("/admin/xmt", fields).status
                        XCTAssertEqual(v1, .found)
                    }
                    let list = try await officer.get("/admin/xmt")
                    // 测试民政: 13 days without update (limit 10); 测试老龄: nobody responsible, no interaction.
                    XCTAssertTrue(list.body.contains("超过10天未更新"))
                    XCTAssertTrue(list.body.contains("无运维负责人（有账号无监管）"))
                    XCTAssertTrue(list.body.contains("未提供有效互动功能"))

                    // The feed gives the newest post date.
                    env.services.clock.set(day: CivilDate(iso: "2026-11-03")!)
                    let r = try await BackgroundJobs(services: env.services).runOnce()
                    XCTAssertTrue(r.lines.contains("政务新媒体：从订阅源更新1个账号的最近更新日期"), "\(r.lines)")
                    let minzheng = try await NewMediaAccount.query(on: env.db).filter(\.$name == "测试民政").first()!
                    _ = try await officer.logIn("officera", Fixture.password)
                    XCTAssertEqual(minzheng.lastUpdateOn, "2026-10-30")

                    // Renamed without 备案, then the old account merged into it.
                    let laoling = try await NewMediaAccount.query(on: env.db).filter(\.$name == "测试老龄").first()!
                    let r101 = try await officer.post("/admin/xmt/\(minzheng.id!.uuidString)", [
                        ("platform", "微信公众号"), ("name", "测试县民政"), ("handle", "测试民政"), ("operator", "张敏"), ("opened_on", "2020-01-01"),
                        ("last_update_on", "2026-10-30"), ("status", "normal"), ("interaction", "1"), ("feed_url", feed)])

                    XCTAssertEqual(r101.status, .found)
                    let r102 = try await officer.post("/admin/xmt/\(laoling.id!.uuidString)", [
                        ("platform", "微信公众号"), ("name", "测试老龄"), ("opened_on", "2020-01-01"), ("status", "merged"),
                        ("merged_into", minzheng.id!.uuidString), ("status_filed", "1"), ("operator", "")])

                    XCTAssertEqual(r102.status, .found)
                    let after = try await officer.get("/admin/xmt")
                    XCTAssertTrue(after.body.contains("曾用名：测试民政"))
                    XCTAssertTrue(after.body.contains("更名未备案"))
                    XCTAssertTrue(after.body.contains("整合（2026-11-03），并入“测试县民政”"))
                    let alerts = try await NewMediaDesk(services: env.services).alerts(visibleTo: AccessPolicy(grants: [RoleGrant(role: .disclosureOfficeAdministrator, organisationID: f.deptA.id!, includesSubtree: false)]))
                    XCTAssertEqual(alerts.map(\.0.name), ["测试县民政"], "a merged account that was filed raises nothing")

                    // 同步至: an item of the department is marked for its account.
                    let item = try await f.item(env, title: "冬季救助工作通知")
                    let v2 = try await officer.post("/admin/xmt/items/\(item.id!.uuidString)", [("account", minzheng.id!.uuidString)]).status
                    XCTAssertEqual(v2, .found)
                    let v3 = try await officer.post("/admin/xmt/items/\(item.id!.uuidString)", [("account", laoling.id!.uuidString)]).status
                    XCTAssertEqual(v3, .badRequest,
                                   "a merged account is not offered")
                    let v4 = try await officer.get("/admin/xmt").body.contains("冬季救助工作通知")
                    XCTAssertTrue(v4)

                    // Public matrix and API: the active account, the merged one apart; no operator names.
                    let page = try await Browser(client).get("/xmt")
                    XCTAssertTrue(page.body.contains("测试县民政"))
                    XCTAssertTrue(page.body.contains("已关停或整合的账号"))
                    XCTAssertFalse(page.body.contains("张敏"))
                    let api = try await Browser(client).get("/api/v1/new-media-accounts")
                    XCTAssertTrue(api.body.contains("\"status\":\"整合\""))
                    XCTAssertFalse(api.body.contains("张敏"))
                }
            }
        }
    }

    func testNegativeListPublishedCitedAndReviewed() async throws {
        try await withEnvironment { env in
            env.services.clock.set(day: CivilDate(iso: "2026-11-02")!)
            let f = try await Fixture.seed(env)
            let withheld = try await f.item(env, title: "局机关内部分工请示", attribute: .withheld)
            try await env.withClient { client in
                let officer = Browser(client)
                _ = try await officer.logIn("officera", Fixture.password)
                let bad = try await officer.post("/admin/fmqd", [("organisation", String(f.deptA.id!)), ("matter", "x"), ("ground", "27"), ("basis", "")])
                XCTAssertEqual(bad.status, .badRequest)
                for m in ["请填写不予公开的事项", "请选择不予公开的依据条款", "请写明依据的法律"] { XCTAssertTrue(bad.body.contains(m), m) }
                let r103 = try await officer.post("/admin/fmqd", [("organisation", String(f.deptA.id!)), ("matter", "内部请示报告"), ("ground", "16.2"),
                                                                      ("basis", "《政府信息公开条例》第十六条第二款"), ("scope", "请示、报告"),
                                                                      ("reviewed_on", "2025-10-01"), ("published", "1")])

                XCTAssertEqual(r103.status, .found)
                let r104 = try await officer.post("/admin/fmqd", [("organisation", String(f.deptA.id!)), ("matter", "暂不公开的名单"), ("ground", "15"),
                                                                      ("basis", "《政府信息公开条例》第十五条"), ("reviewed_on", "2026-10-01")])

                XCTAssertEqual(r104.status, .found)
                let entry = try await NegativeListEntry.query(on: env.db).filter(\.$matter == "内部请示报告").first()!

                // Public: only the published entry, in the organisation's column and the API.
                let column = try await Browser(client).get("/xxgk/\(f.deptA.id!)/fmqd")
                XCTAssertTrue(column.body.contains("内部请示报告"))
                XCTAssertFalse(column.body.contains("暂不公开的名单"))
                let v5 = try await Browser(client).get("/api/v1/organisations/\(f.deptA.id!)/negative-list").body.contains("第十六条第二款")
                XCTAssertTrue(v5)

                // The office sees the withheld item citing nothing, and the entries never cited.
                let admin = Browser(client)
                _ = try await admin.logIn("admina", Fixture.password)
                var list = try await admin.get("/admin/fmqd")
                XCTAssertTrue(list.body.contains("信息《局机关内部分工请示》"))
                XCTAssertTrue(list.body.contains("从未被引用的事项"))
                XCTAssertTrue(list.body.contains("已满一年，需复核"), "reviewed 2025-10-01: due")
                // Citing another unit's entry is refused; its own works.
                let r105 = try await admin.post("/admin/fmqd/cite", [("organisation", String(f.deptB.id!)), ("entry", entry.id!.uuidString),
                                                                          ("target_kind", "item"), ("target_id", withheld.id!.uuidString)])

                XCTAssertEqual(r105.status, .forbidden)
                let r106 = try await admin.post("/admin/fmqd/cite", [("organisation", String(f.deptA.id!)), ("entry", entry.id!.uuidString),
                                                                          ("target_kind", "item"), ("target_id", withheld.id!.uuidString)])

                XCTAssertEqual(r106.status, .found)
                list = try await admin.get("/admin/fmqd")
                XCTAssertFalse(list.body.contains("信息《局机关内部分工请示》"))
                let v6 = try await NegativeListDesk(services: env.services).dueForReview(visibleTo: AccessPolicy(grants: [RoleGrant(role: .disclosureOfficeAdministrator, organisationID: f.deptA.id!, includesSubtree: false)]))
                XCTAssertEqual(v6, 1)
                let v7 = try await admin.post("/admin/fmqd/\(entry.id!.uuidString)", [("action", "review")]).status
                XCTAssertEqual(v7, .found)
                let v8 = try await NegativeListEntry.find(entry.id, on: env.db)?.reviewedOn
                XCTAssertEqual(v8, "2026-11-02")
                let v9 = try await NegativeListDesk(services: env.services).dueForReview(visibleTo: AccessPolicy(grants: [RoleGrant(role: .disclosureOfficeAdministrator, organisationID: f.deptA.id!, includesSubtree: false)]))
                XCTAssertEqual(v9, 0)
            }
            let audit = try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.negativeList.rawValue).all().map(\.action)
            XCTAssertEqual(Set(audit), ["新增", "引用", "年度复核"])
        }
    }

    func testCopiedReportMustBeRewrittenOrExplained() async throws {
        try await withEnvironment { env in
            env.services.clock.set(day: CivilDate(iso: "2026-01-10")!)
            let f = try await Fixture.seed(env)
            let desk = AnnualReportDesk(services: env.services)
            let actor = AuditActor.commandLine("t")
            let copied = "本年度我们坚持以公开为常态、不公开为例外，围绕优化营商环境持续推进决策、执行、管理、服务、结果公开，成效明显。"
            let a = try await desk.report(for: f.deptB, year: 2025)
            try await desk.save(a, overview: "财政局全年围绕预算公开开展工作。" + copied, problems: "预决算公开的细化程度仍需提高。", other: "无", entered: .init(), actor: actor)
            try await desk.publish(a, org: f.deptB, correctionNote: nil, actor: actor)
            let b = try await desk.report(for: f.deptA, year: 2025)
            try await desk.save(b, overview: "民政局围绕社会救助公开开展工作。" + copied, problems: "社会救助公示的及时性有待加强。", other: "无", entered: .init(), actor: actor)
            try await env.withClient { client in
                let admin = Browser(client)
                _ = try await admin.logIn("admina", Fixture.password)
                let page = try await admin.get("/admin/reports/\(f.deptA.id!)/2025")
                XCTAssertTrue(page.body.contains("与其他报告相似的语句"))
                XCTAssertTrue(page.body.contains("对照：测试县财政局2025年度报告"))
                XCTAssertTrue(page.body.contains("<mark>本年度我们坚持以公开为常态"))
                let refused = try await admin.post("/admin/reports/\(f.deptA.id!)/2025/publish", [])
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertTrue(refused.body.contains("1处语句与其他单位或本单位上年的报告高度相似"))
                let v10 = try await AnnualReport.find(b.id, on: env.db)!.isPublished
                XCTAssertFalse(v10)
                let v11 = try await admin.post("/admin/reports/\(f.deptA.id!)/2025/similarity", [("similarity_note", "短")]).status
                XCTAssertEqual(v11, .badRequest)
                let v12 = try await admin.post("/admin/reports/\(f.deptA.id!)/2025/similarity", [("similarity_note", "该句为县政府统一部署的年度工作要求的原文表述。")]).status
                XCTAssertEqual(v12, .found)
                let v13 = try await admin.post("/admin/reports/\(f.deptA.id!)/2025/publish", []).status
                XCTAssertEqual(v13, .found)
                let v14 = try await AnnualReport.find(b.id, on: env.db)!.isPublished
                XCTAssertTrue(v14)
                let county = Browser(client)
                _ = try await county.logIn("root", Fixture.password)
                let pairs = try await county.get("/admin/reports/similarity?year=2025")
                XCTAssertTrue(pairs.body.contains("测试县民政局") && pairs.body.contains("1句"))
            }
            // Sentences the system wrote from each unit's own figures are not copying.
            let own = try await ReportSimilarity(services: env.services).prefilled(f.deptA, year: 2025)
            XCTAssertFalse(own.isEmpty)
        }
    }
}
