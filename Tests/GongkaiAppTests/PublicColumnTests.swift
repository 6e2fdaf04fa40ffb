import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class PublicColumnTests: XCTestCase {
    func testOnlyPublishedProactiveItemsAreEverPublic() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let open = try await f.item(env, title: "公开的救助公示")
            let onRequest = try await f.item(env, title: "依申请公开的救助名单", attribute: .onRequest)
            let withheld = try await f.item(env, title: "不予公开的内部请示", attribute: .withheld)
            let draft = try await f.item(env, title: "尚未审核的草稿", publish: false)
            let withdrawn = try await f.item(env, title: "已撤回的通知")
            try await PublishingDesk(services: env.services).perform(.withdraw(reason: "内容有误"), on: withdrawn, roles: [.leader],
                                                                  actorUserID: f.leaderA.id, actor: .commandLine("t"))
            XCTAssertEqual(onRequest.state, .published, "approved, but not for the public")
            let hidden = [onRequest, withheld, draft, withdrawn]
            try await env.withClient { client in
                let citizen = Browser(client)
                let base = "/xxgk/\(f.deptA.id!)"
                let index = try await citizen.get(base + "/fdzdgknr")
                XCTAssertTrue(index.body.contains("社会救助</a> <span class=\"muted\">（1）"), "counts only the public item")
                let column = try await citizen.get(base + "/fdzdgknr/shjz")
                XCTAssertTrue(column.body.contains("公开的救助公示"))
                for h in hidden {
                    XCTAssertFalse(column.body.contains(h.title), h.title)
                    let page = try await citizen.get(base + "/content/\(h.id!.uuidString)")
                    XCTAssertEqual(page.status, .notFound, h.title)
                    XCTAssertFalse(page.body.contains(h.title))
                }
                let item = try await citizen.get(base + "/content/\(open.id!.uuidString)")
                XCTAssertEqual(item.status, .ok)
                XCTAssertTrue(item.body.contains(open.indexNumber))
                XCTAssertTrue(item.body.contains("公开的救助公示的正文"))
                // Another organisation's address for the same item does not work.
                let wrongOrg = try await citizen.get("/xxgk/\(f.deptB.id!)/content/\(open.id!.uuidString)")
                XCTAssertEqual(wrongOrg.status, .notFound)
                let unknownColumn = try await citizen.get(base + "/fdzdgknr/nonsense")
                XCTAssertEqual(unknownColumn.status, .notFound)
            }
            // Art. 26: information formed in January and published now is flagged as late; the rest is not.
            open.formedOn = "2026-01-05"
            try await open.update(on: env.db)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let list = try await office.get("/admin/items")
                XCTAssertEqual(list.body.components(separatedBy: "（逾期发布）").count - 1, 1)
                XCTAssertTrue(list.body.contains("公开的救助公示</a></td><td>"))
            }
            // Art. 18: once the re-evaluation date comes, the withheld item is on the office's list.
            withheld.reevaluateOn = "2026-01-01"
            try await withheld.update(on: env.db)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let list = try await office.get("/admin/items?show=reevaluate")
                XCTAssertTrue(list.body.contains(withheld.title))
                XCTAssertFalse(list.body.contains(onRequest.title), "its date has not come")
                XCTAssertFalse(list.body.contains(open.title))
            }
        }
    }

    func testRepealedPolicyShowsItsStatusAndSuccessor() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let old = try await f.item(env, title: "临时救助实施办法（2019年）", columns: ["zcwj"], kind: .normativeDocument)
            let new = try await f.item(env, title: "临时救助实施办法（2026年）", columns: ["zcwj"], kind: .normativeDocument)
            let desk = PublishingDesk(services: env.services)
            do {
                try await desk.changeValidity(old, to: .amended, successorIndex: "", on: nil, actor: .commandLine("t"))
                XCTFail("an amended document names the amending one")
            } catch PublishingDesk.Failure.invalid(let e) { XCTAssertNotNil(e["successor"]) }
            try await desk.changeValidity(old, to: .repealed, successorIndex: new.indexNumber, on: CivilDate(iso: "2026-11-10"), actor: .commandLine("t"))
            try await env.withClient { client in
                let page = try await Browser(client).get("/xxgk/\(f.deptA.id!)/content/\(old.id!.uuidString)")
                XCTAssertTrue(page.body.contains("本文件已于2026年11月10日废止。"))
                XCTAssertTrue(page.body.contains("/content/\(new.id!.uuidString)"))
                let list = try await Browser(client).get("/xxgk/\(f.deptA.id!)/fdzdgknr/zcwj")
                XCTAssertTrue(list.body.contains("<span class=\"validity\">废止</span>"))
            }
        }
    }
}

final class PolicyLibraryTests: XCTestCase {
    func testCurrentAndNoLongerValidListsWithFilters() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let old = try await f.item(env, title: "旧的救助办法", columns: ["zcwj"], kind: .normativeDocument)
            let new = try await f.item(env, title: "新的救助办法", columns: ["zcwj"], kind: .normativeDocument)
            let news = try await f.item(env, title: "一条工作动态", columns: ["qtxx"], kind: .workNews)
            try await PublishingDesk(services: env.services).changeValidity(old, to: .repealed, successorIndex: "", on: nil, actor: .commandLine("t"))
            try await env.withClient { client in
                let b = Browser(client)
                let current = try await b.get("/zcwjk")
                XCTAssertTrue(current.body.contains(new.title))
                XCTAssertFalse(current.body.contains(old.title))
                XCTAssertFalse(current.body.contains(news.title), "only policy documents")
                let invalid = try await b.get("/zcwjk?validity=invalid")
                XCTAssertTrue(invalid.body.contains(old.title))
                XCTAssertFalse(invalid.body.contains(new.title))
                let byOrg = try await b.get("/zcwjk?org=\(f.deptB.id!)")
                XCTAssertFalse(byOrg.body.contains(new.title))
                let byYear = try await b.get("/zcwjk?year=2025")
                XCTAssertFalse(byYear.body.contains(new.title))
                let rightYear = try await b.get("/zcwjk?year=2026&topic=%E7%BB%BC%E5%90%88%E6%94%BF%E5%8A%A1")
                XCTAssertTrue(rightYear.body.contains(new.title), "written 2026, topic 综合政务")
                let otherTopic = try await b.get("/zcwjk?topic=%E5%9B%BD%E9%98%B2")
                XCTAssertFalse(otherTopic.body.contains(new.title))
                let nonsense = try await b.get("/zcwjk?org=abc&year=99999&topic=x&page=-3")
                XCTAssertEqual(nonsense.status, .badRequest, "bad numbers are a 400 that says which, never a 500")
                XCTAssertTrue(nonsense.body.contains("应为整数") || nonsense.body.contains("应在"), nonsense.body)
            }
        }
    }
}

/// Issue 11.11: no "（0）" columns in public; the office sees which ones are empty.
final class EmptyColumnTests: XCTestCase {
    func testOnlyColumnsWithContentOrACatalogueAreShownAndTheOfficeListsTheRest() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await f.item(env, title: "测试县民政局2026年临时救助公示", columns: ["shjz"])
            var row = CatalogueRow()
            row.level1 = "预算公开"; row.content = "部门预算"; row.subject = "测试县民政局"; row.channels = ["政府网站"]
            try await CatalogueStore(services: env.services).add(row, org: f.deptA.id!, domain: "财政预决算", actor: .commandLine("t"))
            try await env.withClient { client in
                let page = try await Browser(client).get("/xxgk/\(f.deptA.id!)/fdzdgknr")
                XCTAssertTrue(page.body.contains(">社会救助</a> <span class=\"muted\">（1）"))
                XCTAssertTrue(page.body.contains(">财政预决算</a> <span class=\"muted\">（0）"), "a catalogue domain of that name keeps its column")
                XCTAssertFalse(page.body.contains(">统计信息</a>"), "an empty column without a catalogue is not shown")
                XCTAssertFalse(page.body.contains(">公务员招考</a>"))
                let emptyOrg = try await Browser(client).get("/xxgk/\(f.deptB.id!)/fdzdgknr")
                XCTAssertTrue(emptyOrg.body.contains("本机关暂未在公开栏目中发布信息"))

                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let list = try await office.get("/admin/columns/empty")
                XCTAssertEqual(list.status, .ok)
                XCTAssertTrue(list.body.contains("测试县民政局"))
                XCTAssertTrue(list.body.contains("统计信息"))
                XCTAssertFalse(list.body.contains("测试县财政局"), "only organisations the viewer covers")
            }
        }
    }
}
