import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class PublishingFlowTests: XCTestCase {
    func testDraftReviewMaskPublishCorrectAndWithdraw() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                try await officer.get("/admin/items/new?org=\(f.deptA.id!)")
                // Mistakes come back next to their fields, with what was typed.
                let bad = try await officer.post("/admin/items", [
                    ("organisation_id", String(f.deptA.id!)), ("title", ""), ("written_on", "2026-13-01"), ("kind", "work_news"),
                    ("genre", "通知"), ("topic", "综合政务"), ("attribute", "proactive"), ("body", "<p>正文保留</p>"),
                    ("summary", String(repeating: "长", count: 101))])
                XCTAssertEqual(bad.status, .badRequest)
                for m in ["请填写标题", "成文日期格式应为", "内容概述不能超过100个字", "请至少选择一个公开栏目", "正文保留"] {
                    XCTAssertTrue(bad.body.contains(m), m)
                }
                let created = try await officer.post("/admin/items", [
                    ("organisation_id", String(f.deptA.id!)), ("title", "关于2026年第四季度临时救助发放情况的公示"),
                    ("written_on", "2026-11-02"), ("kind", "notice"), ("genre", "公示"), ("topic", "民政、扶贫、救灾/社会福利"),
                    ("attribute", "proactive"), ("columns", "shjz"), ("columns", "msxx"),
                    ("body", "<p onclick=\"x()\">联系人王五，电话13812345678。</p><script>alert(1)</script><p>请按装程序办理。</p>")])
                XCTAssertEqual(created.status, .found)
                let itemPath = String(created.location!.split(separator: "?")[0])
                let item = try await InformationItem.query(on: env.db).first()!
                XCTAssertTrue(item.indexNumber.hasSuffix("/\(env.services.clock.today().year)-00001"), item.indexNumber)
                XCTAssertFalse(item.bodyHTML.contains("script"))
                XCTAssertFalse(item.bodyHTML.contains("onclick"))
                XCTAssertEqual(item.columnKeys, ["shjz", "msxx"])

                var page = try await officer.get(itemPath)
                XCTAssertTrue(page.body.contains("手机号码未脱敏"))
                XCTAssertTrue(page.body.contains("138****5678"))
                XCTAssertTrue(page.body.contains("疑似错别字：“按装”应为“安装”"))
                let submitted = try await officer.post(itemPath + "/submit", []).status
                XCTAssertEqual(submitted, .found)
                // The officer holds no review role.
                let selfApprove = try await officer.post(itemPath + "/approve", []).status
                XCTAssertEqual(selfApprove, .forbidden)

                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let list = try await reviewer.get("/admin/items?show=mine")
                XCTAssertTrue(list.body.contains("关于2026年第四季度临时救助发放情况的公示"))
                let first = try await reviewer.post(itemPath + "/approve", []).status
                XCTAssertEqual(first, .found)
                // Not the reviewer's step any more.
                let again = try await reviewer.post(itemPath + "/approve", [])
                XCTAssertEqual(again.status, .badRequest)
                XCTAssertTrue(again.body.contains("这一步（保密审查）需要相应的审核角色"))

                // 保密审查 cannot pass an unmasked phone number on: it decides it first.
                let secrecy = Browser(client)
                try await secrecy.logIn("secreta", Fixture.password)
                let open = try await secrecy.post(itemPath + "/approve", [])
                XCTAssertEqual(open.status, .badRequest)
                XCTAssertTrue(open.body.contains("保密审查须先逐项处理"), open.body)
                let masked = try await secrecy.post(itemPath + "/mask", []).status
                XCTAssertEqual(masked, .found)
                let second = try await secrecy.post(itemPath + "/approve", []).status
                XCTAssertEqual(second, .found)

                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                let signed = try await leader.post(itemPath + "/approve", []).status
                XCTAssertEqual(signed, .found)
                page = try await leader.get(itemPath)
                XCTAssertTrue(page.body.contains("id=\"item-status\">已发布"))
                var stored = try await InformationItem.find(item.id, on: env.db)!
                XCTAssertTrue(stored.bodyHTML.contains("138****5678"))
                XCTAssertFalse(stored.bodyHTML.contains("13812345678"))
                XCTAssertNotNil(stored.publishedAt)
                XCTAssertTrue(stored.isPublic)

                // 更正 keeps the old text with the reason, and goes live only through review; 撤回 takes it down.
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                try await admin.get(itemPath)
                let noReason = try await admin.post(itemPath + "/correct", [("title", stored.title), ("body", "<p>更正后</p>"), ("reason", "")])
                XCTAssertEqual(noReason.status, .badRequest)
                XCTAssertTrue(noReason.body.contains("请说明更正的原因"))
                let proposed = try await admin.post(itemPath + "/correct", [("title", stored.title), ("body", "<p>请按程序办理，咨询电话13912345678。</p>"),
                                                                             ("reason", "原文有错别字")]).status
                XCTAssertEqual(proposed, .found)
                let publicPath = "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"
                let citizen = Browser(client)
                var publicPage = try await citizen.get(publicPath)
                XCTAssertTrue(publicPage.body.contains("请按装程序办理"), "nothing changes publicly before review")
                XCTAssertFalse(publicPage.body.contains("13912345678"))
                let apiBefore = try await citizen.get("/api/v1/items/\(item.id!.uuidString)")
                XCTAssertFalse(apiBefore.body.contains("13912345678"))
                let awaited1 = try await InformationItem.find(item.id, on: env.db)!.version
                XCTAssertEqual(awaited1, 1)
                let second2 = try await admin.post(itemPath + "/correct", [("title", stored.title), ("body", "<p>又一次</p>"), ("reason", "再次更正内容")])
                XCTAssertTrue(second2.body.contains("已有一项待审核的更正"))
                // The same flow as first publication: 初审, then 保密审查 decides the new phone number.
                let page2 = try await reviewer.get(itemPath)
                XCTAssertTrue(page2.body.contains("待审核的更正"))
                XCTAssertTrue(page2.body.contains("手机号码未脱敏"))
                let awaited2 = try await reviewer.post(itemPath + "/change/approve", []).status
                XCTAssertEqual(awaited2, .found)
                let secrecyBlocked = try await secrecy.post(itemPath + "/change/approve", [])
                XCTAssertTrue(secrecyBlocked.body.contains("保密审查须先逐项处理"), secrecyBlocked.body)
                let awaited3 = try await secrecy.post(itemPath + "/change/mask", []).status
                XCTAssertEqual(awaited3, .found)
                let awaited4 = try await secrecy.post(itemPath + "/change/approve", []).status
                XCTAssertEqual(awaited4, .found)
                publicPage = try await citizen.get(publicPath)
                XCTAssertTrue(publicPage.body.contains("请按装程序办理"), "still the old text until the leader signs")
                let awaited5 = try await leader.post(itemPath + "/change/approve", []).status
                XCTAssertEqual(awaited5, .found)
                stored = try await InformationItem.find(item.id, on: env.db)!
                XCTAssertEqual(stored.version, 2)
                XCTAssertTrue(stored.bodyHTML.contains("139****5678"), stored.bodyHTML)
                XCTAssertFalse(stored.bodyHTML.contains("13912345678"))
                let versions = try await ItemVersion.query(on: env.db).all()
                XCTAssertEqual(versions.map(\.reason), ["原文有错别字"])
                publicPage = try await citizen.get(publicPath)
                XCTAssertTrue(publicPage.body.contains("请按程序办理"))
                let withdrawn = try await leader.post(itemPath + "/withdraw", [("reason", "发布范围有误")]).status
                XCTAssertEqual(withdrawn, .found)
                stored = try await InformationItem.find(item.id, on: env.db)!
                XCTAssertFalse(stored.isPublic)

                // Another department sees none of it.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaitedOther = try await other.get(itemPath).status
                XCTAssertEqual(awaitedOther, .forbidden)
            }
            let trail = try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.informationItem.rawValue).all().map(\.action)
            for a in ["新建", "提交审核", "审核通过", "个人信息脱敏", "发布", "提出更正", "审核通过（更正）", "个人信息脱敏（更正）", "更正", "撤回"] {
                XCTAssertTrue(trail.contains(a), a)
            }
            guard case .intact = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
        }
    }

    func testScheduledPublicationWaitsForItsTime() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var input = ItemInput()
            input.title = "定时发布的通知"; input.writtenOn = CivilDate(iso: "2026-11-02"); input.bodyHTML = "<p>内容</p>"; input.columns = ["qtxx"]
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)])))
            let item = try await desk.create(input, in: f.deptA, author: f.officerA, actor: .commandLine("test"))
            item.publishAt = Date().addingTimeInterval(3600)
            try await item.update(on: env.db)
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("t"))
            XCTAssertEqual(item.state, .approved)
            let early = try await desk.publishDue(now: Date())
            XCTAssertEqual(early, 0)
            let later = try await desk.publishDue(now: Date().addingTimeInterval(7200))
            XCTAssertEqual(later, 1)
            let stored = try await InformationItem.find(item.id, on: env.db)!
            XCTAssertEqual(stored.state, .published)
        }
    }
}
