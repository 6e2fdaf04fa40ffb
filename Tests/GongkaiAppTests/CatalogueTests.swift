import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class CatalogueEditorTests: XCTestCase {
    func testEditImportExportVersionsAndTemplates() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let deptPath = "/admin/catalogue/\(f.deptA.id!)/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9"
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                var page = try await admin.get(deptPath)
                XCTAssertTrue(page.body.contains("社会救助领域标准目录"))
                let bad = try await admin.post(deptPath + "/rows", [("level1", ""), ("content", "名单"), ("limit", "10个工作日内"),
                                                                      ("subject", "县民政局"), ("audience", "全社会"), ("mode", "主动"), ("levels", "县级")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("请填写一级事项"))
                XCTAssertTrue(bad.body.contains("请至少选择一个公开渠道"))
                let ok = try await admin.post(deptPath + "/rows", [("level1", "最低生活保障"), ("level2", "审批信息"), ("content", "低保对象名单及相关信息"),
                                                                     ("limit", "10个工作日内"), ("subject", "县民政局"), ("channels", "政府网站"),
                                                                     ("custom_channel", "12345政务服务热线"), ("audience", "全社会"), ("mode", "主动"),
                                                                     ("levels", "县级"), ("levels", "乡级")]).status
                XCTAssertEqual(ok, .found)
                page = try await admin.get(deptPath)
                XCTAssertTrue(page.body.contains("低保对象名单及相关信息"))
                XCTAssertTrue(page.body.contains("政府网站、12345政务服务热线"))
                XCTAssertTrue(page.body.contains("第1版"))

                // Export, and import the same file back: unchanged, so no new version.
                let xlsx = try await admin.get(deptPath + "/export?format=xlsx")
                XCTAssertEqual(xlsx.headers[.contentType], AttachmentType.xlsx.mimeType)
                let csv = try await admin.get(deptPath + "/export?format=csv")
                XCTAssertTrue(csv.body.contains("最低生活保障,审批信息"))
                let bytes = CatalogueSheet.xlsx(try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助").map(\.row), title: "社会救助")
                let reimport = try await admin.postMultipart(deptPath + "/import", [], files: [("file", "社会救助.xlsx", bytes)])
                XCTAssertEqual(reimport.status, .found)
                XCTAssertEqual(reimport.location?.hasSuffix("?notice=unchanged"), true)
                let broken = "序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n1,,,内容,,,主体,政府网站,全社会,主动,县级\n"
                let rejected = try await admin.postMultipart(deptPath + "/import", [], files: [("file", "目录.csv", Array(broken.utf8))])
                XCTAssertEqual(rejected.status, .badRequest)
                XCTAssertTrue(rejected.body.contains("未导入任何事项"))
                XCTAssertTrue(rejected.body.contains("第2行“一级事项”：请填写一级事项"))

                // A township starts from the county's rows marked 乡级 (none here: the county has no catalogue yet).
                _ = try await StaffDirectory(services: env.services).create(
                    .init(username: "office", displayName: "县公开办", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                    roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("t"))
                let root = Browser(client)
                try await root.logIn("office", Fixture.password)
                try await CatalogueStore(services: env.services).replace(org: f.county.id!, domain: "社会救助", with: [
                    { var r = CatalogueRow(); r.level1 = "县级事项"; r.content = "只在县级"; r.subject = "县民政局"; r.channels = ["政府网站"]; return r }(),
                    { var r = CatalogueRow(); r.level1 = "乡级事项"; r.content = "县乡都有"; r.subject = "乡镇人民政府"; r.channels = ["政府网站"]; r.levels = ["县级", "乡级"]; return r }(),
                ], actor: .commandLine("t"), source: "测试")
                let townPath = "/admin/catalogue/\(f.township.id!)/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9"
                let empty = try await root.get(townPath)
                XCTAssertTrue(empty.body.contains("从测试县人民政府的目录复制"))
                let copied = try await root.post(townPath + "/copy", []).status
                XCTAssertEqual(copied, .found)
                let town = try await CatalogueStore(services: env.services).rows(f.township.id!, "社会救助").map(\.row)
                XCTAssertEqual(town.map(\.level1), ["乡级事项"])
                XCTAssertEqual(town.first?.levels, ["乡级"])

                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaitedOther = try await other.get(deptPath).status
                XCTAssertEqual(awaitedOther, .forbidden)
            }
            let versions = try await CatalogueVersion.query(on: env.db).filter(\.$organisationID == f.deptA.id!).count()
            XCTAssertEqual(versions, 1, "the add only: re-importing the unchanged export makes no version")
            let rows = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助")
            XCTAssertEqual(rows.count, 1, "re-importing the export changes nothing")
        }
    }
}

/// Issue 11.14: rows coverage cannot use are refused; 删除 asks first and can be undone.
final class CatalogueRowRuleTests: XCTestCase {
    func testUncomputableLimitsAndPrivateChannelsAreRefusedAndDeletingCanBeUndone() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let deptPath = "/admin/catalogue/\(f.deptA.id!)/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9"
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                _ = try await admin.get(deptPath)
                let row: [(String, String)] = [("level1", "临时救助"), ("content", "救助对象名单"), ("subject", "县民政局"),
                                               ("audience", "全社会"), ("mode", "主动"), ("levels", "县级")]
                let vague = try await admin.post(deptPath + "/rows", row + [("limit", "尽快"), ("channels", "政府网站")])
                XCTAssertEqual(vague.status, .badRequest)
                XCTAssertTrue(vague.body.contains("公开时限“尽快”无法用来计算是否按时公开"))
                let privateGroup = try await admin.post(deptPath + "/rows", row + [("limit", "10个工作日内"), ("custom_channel", "微信群")])
                XCTAssertEqual(privateGroup.status, .badRequest)
                XCTAssertTrue(privateGroup.body.contains("“微信群”不是面向公众的公开渠道"))
                let onRequest = try await admin.post(deptPath + "/rows", [("level1", "救助档案"), ("content", "个案档案"), ("subject", "县民政局"),
                                                                           ("audience", "特定群体"), ("mode", "依申请"), ("levels", "县级"),
                                                                           ("limit", "依申请办理"), ("channels", "政务服务中心")]).status
                XCTAssertEqual(onRequest, .found, "依申请 rows are not timed by coverage")
                let ok = try await admin.post(deptPath + "/rows", row + [("limit", "10个工作日内"), ("channels", "政府网站")]).status
                XCTAssertEqual(ok, .found)

                let stored = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助")
                let target = try XCTUnwrap(stored.first { $0.row.level1 == "临时救助" })
                let confirm = try await admin.get(deptPath + "/rows/\(target.id!.uuidString)/delete")
                XCTAssertEqual(confirm.status, .ok)
                XCTAssertTrue(confirm.body.contains("确认删除"))
                XCTAssertTrue(confirm.body.contains("救助对象名单"))
                let stillThere = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助").count
                XCTAssertEqual(stillThere, 2, "opening the confirmation deletes nothing")
                let deleted = try await admin.post(deptPath + "/rows/\(target.id!.uuidString)/delete", []).status
                XCTAssertEqual(deleted, .found)
                let page = try await admin.get(deptPath)
                XCTAssertTrue(page.body.contains("已删除的事项（可恢复）"))
                XCTAssertTrue(page.body.contains("临时救助／救助对象名单"))
                let restored = try await admin.post(deptPath + "/rows/\(target.id!.uuidString)/restore", [])
                XCTAssertEqual(restored.location?.hasSuffix("?notice=restored"), true)
                let back = try await CatalogueStore(services: env.services).rows(f.deptA.id!, "社会救助").map(\.row.level1)
                XCTAssertEqual(back, ["救助档案", "临时救助"])
            }
            let summaries = try await CatalogueVersion.query(on: env.db).filter(\.$organisationID == f.deptA.id!).sort(\.$version).all().map(\.summary)
            XCTAssertEqual(summaries.suffix(2), ["删除：临时救助", "恢复：临时救助"])
        }
    }
}

final class CatalogueCoverageTests: XCTestCase {
    func testLinkedItemsDriveCoverageAndThePublicCatalogue() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let store = CatalogueStore(services: env.services)
            var quarterly = CatalogueRow()
            quarterly.level1 = "最低生活保障"; quarterly.level2 = "审批信息"; quarterly.content = "低保资金发放情况"; quarterly.timeLimit = "每季度公开"
            quarterly.subject = "测试县民政局"; quarterly.channels = ["政府网站"]
            var never = CatalogueRow()
            never.level1 = "综合业务"; never.level2 = "监督检查"; never.content = "投诉举报电话"; never.subject = "测试县民政局"; never.channels = ["政府网站"]
            var onRequest = never
            onRequest.level2 = "依申请事项"; onRequest.mode = "依申请"
            try await store.replace(org: f.deptA.id!, domain: "社会救助", with: [quarterly, never, onRequest], actor: .commandLine("t"), source: "测试")
            try await store.approve(f.deptA.id!, "社会救助", approverID: nil, actor: .commandLine("审核"))
            let rows = try await store.rows(f.deptA.id!, "社会救助")
            let item = try await f.item(env, title: "2026年第三季度低保资金发放情况公示")
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let page = try await officer.get("/admin/items/\(item.id!.uuidString)")
                XCTAssertTrue(page.body.contains("建议：社会救助：最低生活保障／审批信息"), "the matching row is suggested first")
                let linked = try await officer.post("/admin/items/\(item.id!.uuidString)/catalogue", [("catalogue_item_id", rows[0].id!.uuidString)]).status
                XCTAssertEqual(linked, .found)
                let foreign = try await officer.post("/admin/items/\(item.id!.uuidString)/catalogue", [("catalogue_item_id", UUID().uuidString)]).status
                XCTAssertEqual(foreign, .badRequest)

                let coverage = try await officer.get("/admin/coverage?org=\(f.deptA.id!)")
                XCTAssertTrue(coverage.body.contains("正常 1 · 即将到期 0 · 超期未公开 0 · 从未公开 1"), "依申请 rows are not counted")
                XCTAssertTrue(coverage.body.contains("综合业务／监督检查 — 从未公开"))

                let citizen = Browser(client)
                let catalogue = try await citizen.get("/xxgk/\(f.deptA.id!)/catalogue/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9")
                XCTAssertEqual(catalogue.status, .ok)
                XCTAssertTrue(catalogue.body.contains("第1版"))
                XCTAssertTrue(catalogue.body.contains("2026年第三季度低保资金发放情况公示</a>"), "the row links to what fulfils it")
                let index = try await citizen.get("/xxgk/\(f.deptA.id!)/catalogue")
                XCTAssertTrue(index.body.contains("社会救助领域</a>"))
                let none = try await citizen.get("/xxgk/\(f.deptB.id!)/catalogue/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9")
                XCTAssertEqual(none.status, .notFound)
            }
            // Quarterly: due three months after the last publication.
            let c = try await CoverageQueries.coverage(organisationID: f.deptA.id!, services: env.services, today: env.services.clock.today().addingMonths(4))
            XCTAssertEqual(c.first { $0.row.level2 == "审批信息" }?.assessment.status, .overdue)
        }
    }
}

extension CatalogueCoverageTests {
    /// The county office sees every organisation's coverage per domain, with totals; drafting
    /// suggests rows from the item's column as well as its words.
    func testCountyOverviewAndColumnSuggestions() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let store = CatalogueStore(services: env.services)
            var row = CatalogueRow()
            row.level1 = "综合业务"; row.level2 = "监督检查"; row.content = "投诉举报电话"; row.subject = "测试县民政局"; row.channels = ["政府网站"]
            try await store.replace(org: f.deptA.id!, domain: "社会救助", with: [row], actor: .commandLine("t"), source: "测试")
            var other = row
            other.subject = "测试县财政局"
            try await store.replace(org: f.deptB.id!, domain: "社会救助", with: [other], actor: .commandLine("t"), source: "测试")
            var unrelated = row
            unrelated.level1 = "预算公开"; unrelated.level2 = "部门预算"; unrelated.content = "年度部门预算"
            try await store.replace(org: f.deptA.id!, domain: "财政预决算", with: [unrelated], actor: .commandLine("t"), source: "测试")
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "gkb", displayName: "县政务公开办", phone: "", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("t"))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("gkb", Fixture.password)
                let page = try await office.get("/admin/coverage")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("按领域和机构汇总"))
                XCTAssertTrue(page.body.contains("<a href=\"/admin/coverage?org=\(f.deptA.id!)\">测试县民政局</a>"))
                XCTAssertTrue(page.body.contains("<strong>合计（2个机构）</strong></td><td>0</td><td>0</td><td class=\"status-overdue\">0</td><td class=\"status-overdue\">2</td>"),
                              "both organisations' never-published rows add up")
            }
            // An item in the 社会救助 column with no shared words still gets the 社会救助 row first.
            let item = try await f.item(env, title: "关于开展专项行动的通知", columns: ["shjz"])
            let suggested = try await CoverageQueries.suggestions(for: item, services: env.services)
            XCTAssertEqual(suggested.first?.domain, "社会救助")
        }
    }
}

/// Issue 11.14: the domains are the county's data with responsible units; a catalogue change goes
/// public only after someone other than its author approved it.
final class CatalogueDomainAndReviewTests: XCTestCase {
    func testCountyDomainsResponsibleUnitsAndReviewBeforeRelease() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let seeded = try await CatalogueDomainStore(services: env.services).all()
            XCTAssertEqual(seeded.count, 30, "the thirty domains of the plan's 附件1")
            XCTAssertEqual(seeded.first { $0.name == "社会救助" }?.responsibleName, "县民政局")
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "office", displayName: "县公开办", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("t"))
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "admina2", displayName: "民政局管理员乙", organisationID: f.deptA.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: false)], actor: .commandLine("t"))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("office", Fixture.password)
                // 城乡规划 is not in the list until the county adds it.
                let unknown = try await office.get("/admin/catalogue/\(f.deptA.id!)/%E5%9F%8E%E4%B9%A1%E8%A7%84%E5%88%92")
                XCTAssertEqual(unknown.status, .notFound)
                _ = try await office.get("/admin/catalogue-domains")
                let dup = try await office.post("/admin/catalogue-domains", [("name", "社会救助"), ("responsible_name", "县民政局")])
                XCTAssertTrue(dup.body.contains("已有名为“社会救助”的领域"))
                let added = try await office.post("/admin/catalogue-domains", [("name", "城乡规划"), ("responsible_name", "县民政局"),
                                                                               ("responsible_organisation_id", String(f.deptA.id!))]).status
                XCTAssertEqual(added, .found)
                let nowKnown = try await office.get("/admin/catalogue/\(f.deptA.id!)/%E5%9F%8E%E4%B9%A1%E8%A7%84%E5%88%92")
                XCTAssertEqual(nowKnown.status, .ok)
                // A department administrator cannot change the county's list.
                let dept = Browser(client)
                try await dept.logIn("admina", Fixture.password)
                let refused = try await dept.post("/admin/catalogue-domains", [("name", "乱加"), ("responsible_name", "x")]).status
                XCTAssertEqual(refused, .forbidden)

                // admina adds a row: a pending version, not public; admina cannot approve it herself.
                let path = "/admin/catalogue/\(f.deptA.id!)/%E5%9F%8E%E4%B9%A1%E8%A7%84%E5%88%92"
                _ = try await dept.get(path)
                let row: [(String, String)] = [("level1", "规划公示"), ("content", "控制性详细规划批前公示"), ("limit", "信息形成之日起20个工作日内"),
                                               ("subject", "县民政局"), ("channels", "政府网站"), ("audience", "全社会"), ("mode", "主动"), ("levels", "县级")]
                let created = try await dept.post(path + "/rows", row).status
                XCTAssertEqual(created, .found)
                let citizen = Browser(client)
                let publicPath = "/xxgk/\(f.deptA.id!)/catalogue/%E5%9F%8E%E4%B9%A1%E8%A7%84%E5%88%92"
                let awaitedHidden = try await citizen.get(publicPath).status
                XCTAssertEqual(awaitedHidden, .notFound, "not public before review")
                let editor = try await dept.get(path)
                XCTAssertTrue(editor.body.contains("待审核：第1版"))
                XCTAssertFalse(editor.body.contains("审核通过并公开"), "the author is not offered the approval")
                let own = try await dept.post(path + "/approve", [])
                XCTAssertEqual(own.status, .conflict)
                XCTAssertTrue(own.body.contains("须由本机关另一位管理员或上级公开办审核"))

                let second = Browser(client)
                try await second.logIn("admina2", Fixture.password)
                let approvedStatus = try await second.post(path + "/approve", []).status
                XCTAssertEqual(approvedStatus, .found)
                let shown = try await citizen.get(publicPath)
                XCTAssertEqual(shown.status, .ok)
                XCTAssertTrue(shown.body.contains("控制性详细规划批前公示"))

                // A later edit stays unpublished until approved: the public keeps the approved version.
                let more = try await dept.post(path + "/rows", row.map { $0.0 == "content" ? ($0.0, "规划批后公布") : $0 }).status
                XCTAssertEqual(more, .found)
                env.services.pageCache.clear()
                let still = try await citizen.get(publicPath)
                XCTAssertFalse(still.body.contains("规划批后公布"))
                XCTAssertTrue(still.body.contains("控制性详细规划批前公示"))

                // The responsible unit's dashboard reminds it of rows never published in its domain.
                let dashboard = try await dept.get("/admin")
                XCTAssertTrue(dashboard.body.contains("本单位牵头的“城乡规划”领域"), String(dashboard.body.prefix(2000)))
                XCTAssertTrue(dashboard.body.contains("从未公开2项"))
            }
        }
    }
}
