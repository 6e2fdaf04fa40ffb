import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class CheckListTests: XCTestCase {
    func testCountyAdministratorsMaintainTheListsTheChecksUse() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let page = try await root.get("/admin/check-lists")
                XCTAssertTrue(page.body.contains("按装=安装"), "the starter typo list ships")
                let bad = try await root.post("/admin/check-lists", [("list", "leader"), ("text", "张伟=县长\n李娜\n王强=")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("第2、3行格式不对"))
                XCTAssertTrue(bad.body.contains("张伟=县长\n李娜"), "what was typed stays")
                let awaited1 = try await root.post("/admin/check-lists", [("list", "sensitive"), ("text", "违禁词\n违禁词\n")]).status
                XCTAssertEqual(awaited1, .found)
                let awaited2 = try await root.post("/admin/check-lists", [("list", "leader"), ("text", "张伟=县长")]).status
                XCTAssertEqual(awaited2, .found)
                // The county's own 主题分类 replace the standard list in the drafting form.
                let topics = try await root.post("/admin/check-lists", [("list", "topic"), ("text", "乡村振兴/产业发展\n乡村振兴/人居环境\n基层治理")]).status
                XCTAssertEqual(topics, .found)
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let form = try await officer.get("/admin/items/new?org=\(f.deptA.id!)")
                XCTAssertTrue(form.body.contains("<option value=\"乡村振兴/人居环境\""))
                XCTAssertFalse(form.body.contains("<option value=\"国防\""))
                let old = try await officer.post("/admin/items", [("organisation_id", String(f.deptA.id!)), ("title", "标题"), ("written_on", "2026-11-02"),
                                                                  ("kind", "work_news"), ("genre", "通知"), ("topic", "国防"), ("attribute", "proactive"),
                                                                  ("columns", "qtxx"), ("body", "<p>正文</p>")])
                XCTAssertEqual(old.status, .badRequest)
                XCTAssertTrue(old.body.contains("请选择主题分类"))
                let ok = try await officer.post("/admin/items", [("organisation_id", String(f.deptA.id!)), ("title", "标题"), ("written_on", "2026-11-02"),
                                                                 ("kind", "work_news"), ("genre", "通知"), ("topic", "乡村振兴/产业发展"), ("attribute", "proactive"),
                                                                 ("columns", "qtxx"), ("body", "<p>正文</p>")]).status
                XCTAssertEqual(ok, .found)
                // A department's administrator cannot change county-wide lists.
                let dept = Browser(client)
                try await dept.logIn("admina", Fixture.password)
                let awaited3 = try await dept.post("/admin/check-lists", [("list", "sensitive"), ("text", "")]).status
                XCTAssertEqual(awaited3, .forbidden)
            }
            var input = ItemInput()
            input.title = "副县长张伟调研违 禁词整治"; input.writtenOn = CivilDate(iso: "2026-11-02"); input.bodyHTML = "<p>正文</p>"; input.columns = ["qtxx"]
            let desk = PublishingDesk(services: env.services)
            let item = try await desk.create(input, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            let kinds = try await desk.findings(for: item).map(\.kind)
            XCTAssertEqual(Set(kinds), [.sensitiveWord, .leaderTitle])
            let severe = try await desk.unresolvedSevere(item)
            XCTAssertEqual(severe, 1)
            let stored = try await CheckTerm.query(on: env.db).filter(\.$list == "sensitive").count()
            XCTAssertEqual(stored, 1, "duplicates are stored once")
        }
    }
}

final class PublishingSettingsRouteTests: XCTestCase {
    func testAnOrganisationSetsItsPatternAndStepsAndItsChildrenInheritThem() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let path = "/admin/orgs/\(f.county.id!)/publishing"
                let page = try await root.get(path)
                XCTAssertTrue(page.body.contains("系统默认"))
                let bad = try await root.post(path, [("index_pattern", "{年份}"), ("review_steps", "初审=审核员"), ("interpretation_rule", "block")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("必须包含流水号"))
                XCTAssertTrue(bad.body.contains("第十七条"))
                XCTAssertTrue(bad.body.contains("初审=审核员"), "what was typed stays")
                let ok = try await root.post(path, [("index_pattern", "QX-{机构编号}-{年份}-{4位流水号}"),
                                                    ("review_steps", "保密审查=保密审查员\n签发=领导"), ("interpretation_rule", "warn")])
                XCTAssertEqual(ok.status, .found)
                let child = try await root.get("/admin/orgs/\(f.deptA.id!)/publishing")
                XCTAssertTrue(child.body.contains("沿用测试县人民政府的设置"))
            }
            var input = ItemInput()
            input.title = "按县里的规则编号"; input.writtenOn = CivilDate(iso: "2026-11-02"); input.bodyHTML = "<p>正文</p>"; input.columns = ["qtxx"]
            let desk = PublishingDesk(services: env.services)
            let item = try await desk.create(input, in: f.deptA, author: f.officerA, actor: .commandLine("t"))
            XCTAssertEqual(item.indexNumber, "QX-\(f.deptA.id!)-\(env.services.clock.today().year)-0001")
            try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            // The first step is now the secrecy review; a 审核员 cannot take it.
            do {
                try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("t"))
                XCTFail("not the reviewer's step")
            } catch PublishingDesk.Failure.refused(let m) { XCTAssertTrue(m.contains("保密审查")) }
            try await desk.perform(.approve, on: item, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            try await desk.perform(.approve, on: item, roles: [.leader], actorUserID: f.leaderA.id, actor: .commandLine("t"))
            XCTAssertEqual(item.state, .published)
        }
    }
}
