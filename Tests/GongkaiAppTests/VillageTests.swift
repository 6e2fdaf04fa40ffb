import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 村（居）务公开 over HTTP: a village operator publishes a quarterly finance table from the phone
/// form (refused while it does not add up, the text kept), the township's board-photo rule, the
/// photo stored without its location, the township's review, the public section under the
/// township's column; a township's list shown village by village, masked, and a village's own list
/// that differs; who may see what; the new kinds of organisation.
final class VillageTests: XCTestCase {
    struct People {
        let second: Organisation
    }

    /// Township staff (reviewer, 保密审查, leader, office — each over the township and its villages)
    /// and one operator per village.
    static func people(_ env: TestEnvironment, _ f: Fixture) async throws -> People {
        let staff = StaffDirectory(services: env.services)
        let actor = AuditActor.commandLine("test")
        var input = OrganisationInput()
        input.name = "测试镇河市村民委员会"; input.shortName = "河市村"; input.kind = .villageCommittee
        let second = try await OrganisationDirectory(services: env.services).create(input, parent: f.township, actor: actor)
        for (name, org, role, subtree) in [("cunwu", f.village, StaffRole.informationOfficer, false), ("cunwu2", second, .informationOfficer, false),
                                           ("shyt", f.township, .reviewer, true), ("bmt", f.township, .secrecyReviewer, true),
                                           ("ldt", f.township, .leader, true), ("gkbt", f.township, .disclosureOfficeAdministrator, true)] {
            _ = try await staff.create(.init(username: name, displayName: "测试\(name)", organisationID: org.id!, password: Fixture.password, mustChangePassword: false),
                                       roles: [(role, includesSubtree: subtree)], actor: actor)
        }
        return People(second: second)
    }

    /// A small JPEG as phones write it: EXIF with a GPS position and the time, and a comment.
    static func photo() -> [UInt8] {
        func seg(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        }
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] + Array("GPSLatitude 31.0215 2026:11:02".utf8)
        return [0xFF, 0xD8] + seg(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]) + seg(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
            + seg(0xFE, Array("桃花村村委会门口".utf8)) + seg(0xDA, [1, 1, 0, 0, 63, 0]) + [0x11, 0x22, 0xFF, 0xD9]
    }

    func testFinanceFromThePhoneWithBoardPhotoThroughTheTownshipToThePublicSection() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-11-02")!)
            let p = try await Self.people(env, f)
            try await env.withClient { client in
                let op = Browser(client)
                try await op.logIn("cunwu", Fixture.password)
                let form = try await op.get("/admin/m/publish")
                XCTAssertTrue(form.body.contains("测试镇桃花村民委员会"))
                XCTAssertFalse(form.body.contains("测试镇河市村民委员会"), "only the operator's own village")
                var fields: [(String, String)] = [("organisation", String(f.village.id!)), ("column", "cwgk"), ("title", "桃花村2026年第三季度财务收支公开"),
                                                  ("text", "现将第三季度村级财务收支公开如下。"), ("period", "2026-Q3"), ("opening", "10,000"),
                                                  ("income", "上级转移支付 5000\n集体资产租赁 | 1200.50"), ("expense", "道路维修 3000"), ("closing", "11000")]
                let unbalanced = try await op.post("/admin/m/publish", fields)
                XCTAssertEqual(unbalanced.status, .badRequest)
                XCTAssertTrue(unbalanced.body.contains("收支不平"))
                XCTAssertTrue(unbalanced.body.contains("集体资产租赁 | 1200.50"), "what was typed is kept")
                fields[fields.count - 1] = ("closing", "13200.50")
                let saved = try await op.post("/admin/m/publish", fields)
                XCTAssertEqual(saved.status, .found)
                let item = try await InformationItem.query(on: env.db).filter(\.$organisationID == f.village.id!).first()!
                let path = "/admin/m/items/\(item.id!.uuidString)"
                let page = try await op.get(path)
                XCTAssertTrue(page.body.contains("收入合计</th><td>6,200.50"))

                // The township asks for a photo of the board; the operator's submit is refused until it is there.
                let office = Browser(client)
                try await office.logIn("gkbt", Fixture.password)
                let rule = try await office.post("/admin/villages/\(f.township.id!)", [("action", "photo-rule"), ("require", "1")])
                XCTAssertEqual(rule.status, .found)
                let refused = try await op.post(path, [("action", "submit")])
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertTrue(refused.body.contains("须附公开栏张贴的照片"))
                let notAPhoto = try await op.postMultipart(path, [("action", "photo")], files: [("photo", "名单.pdf", Array("%PDF-1.4\n".utf8))])
                XCTAssertTrue(notAPhoto.body.contains("请上传手机拍摄的照片（JPEG 或 PNG）"))
                let uploaded = try await op.postMultipart(path, [("action", "photo")], files: [("photo", "IMG_0001.jpg", Self.photo())])
                XCTAssertEqual(uploaded.status, .found)
                let attachment = try await ItemAttachment.query(on: env.db).filter(\.$itemID == item.id!).first()!
                let stored = try await StoredFile.query(on: env.db).filter(\.$sha256 == attachment.sha256).first()!
                let text = String(decoding: stored.data, as: UTF8.self)
                XCTAssertFalse(text.contains("GPSLatitude"))
                XCTAssertFalse(text.contains("桃花村村委会门口"))
                XCTAssertTrue(stored.data.starts(with: [0xFF, 0xD8]))
                let submitted = try await op.post(path, [("action", "submit")])
                XCTAssertEqual(submitted.status, .found)

                // Another village's operator cannot open it; the operator cannot open the township's page.
                let other = Browser(client)
                try await other.logIn("cunwu2", Fixture.password)
                let v1 = try await other.get(path).status
                XCTAssertEqual(v1, .forbidden)
                let v2 = try await op.get("/admin/villages/\(f.township.id!)").status
                XCTAssertEqual(v2, .forbidden)

                // The township's review publishes it.
                for name in ["shyt", "bmt", "ldt"] {
                    let reviewer = Browser(client)
                    try await reviewer.logIn(name, Fixture.password)
                    let r = try await reviewer.post("/admin/items/\(item.id!.uuidString)/approve", [])
                    XCTAssertEqual(r.status, .found, name)
                }
                let published = try await InformationItem.find(item.id!, on: env.db)!
                XCTAssertEqual(published.state, .published)
                let section = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu")
                XCTAssertTrue(section.body.contains("/xxgk/\(f.township.id!)/cunwu/\(f.village.id!)"))
                XCTAssertTrue(section.body.contains("村（居）务公开"))
                let village = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(f.village.id!)")
                XCTAssertTrue(village.body.contains("桃花村2026年第三季度财务收支公开"))
                XCTAssertTrue(village.body.contains("财务公开"))
                let wrong = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(f.deptA.id!)").status
                XCTAssertEqual(wrong, .notFound)
                let notTownship = try await Browser(client).get("/xxgk/\(f.deptA.id!)/cunwu").status
                XCTAssertEqual(notTownship, .notFound)
                let dept = try await Browser(client).get("/xxgk/\(f.deptA.id!)")
                XCTAssertFalse(dept.body.contains("/cunwu"), "a department's column has no 村（居）务公开 section")
                _ = p
            }
        }
    }

    func testTownshipListShownVillageByVillageMaskedAndDifferencesFound() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-11-02")!)
            let p = try await Self.people(env, f)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("gkbt", Fixture.password)
                let rows = "桃花村 | 张建国 | 11010519491231002X | 1180 | 耕地地力保护补贴\n河市村 | 王德福 | | 944 | 耕地地力保护补贴"
                let bad = try await office.post("/admin/villages/\(f.township.id!)", [("action", "benefits"), ("title", "测试镇补贴名单"), ("column", "nyzc"),
                                                                                      ("rows", "石桥村 | 张三 | | 1 | 补贴")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("不是本乡镇的村（社区）"))
                let made = try await office.post("/admin/villages/\(f.township.id!)", [("action", "benefits"), ("title", "测试镇2026年耕地地力保护补贴发放名单"),
                                                                                       ("column", "nyzc"), ("rows", rows)])
                XCTAssertEqual(made.status, .found)
                let list = try await InformationItem.query(on: env.db).filter(\.$organisationID == f.township.id!).first()!
                XCTAssertFalse(list.bodyHTML.contains("11010519491231002X"))
                XCTAssertTrue(list.bodyHTML.contains("110105********002X"))
                XCTAssertTrue(list.bodyHTML.contains("张*国"))
                for action in [ReviewFlow.Action.submit, .approve, .approve, .approve] {
                    try await PublishingDesk(services: env.services).perform(action, on: list, roles: Set(StaffRole.allCases), actorUserID: nil, actor: .commandLine("t"))
                }
                let taohua = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(f.village.id!)")
                XCTAssertTrue(taohua.body.contains("张*国"))
                XCTAssertFalse(taohua.body.contains("王*福"), "only the village's own rows")
                let heshi = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(p.second.id!)")
                XCTAssertTrue(heshi.body.contains("王*福"))

                // 河市村 publishes its own list with another amount and links it to the township's.
                let op = Browser(client)
                try await op.logIn("cunwu2", Fixture.password)
                let own = try await op.post("/admin/villages/\(p.second.id!)", [("action", "benefits"), ("title", "河市村耕地地力保护补贴公示"), ("column", "hnbt"),
                                                                                   ("rows", "河市村 | 王德福 | | 994 | 耕地地力保护补贴")])
                XCTAssertEqual(own.status, .found)
                let ownItem = try await InformationItem.query(on: env.db).filter(\.$organisationID == p.second.id!).first()!
                let linked = try await op.post("/admin/villages/\(p.second.id!)", [("action", "link"), ("index_number", ownItem.indexNumber),
                                                                                      ("township_index", list.indexNumber)])
                XCTAssertEqual(linked.status, .found)
                let overview = try await office.get("/admin/villages")
                XCTAssertTrue(overview.body.contains("与乡镇名单不一致"))
                XCTAssertTrue(overview.body.contains("河市村《河市村耕地地力保护补贴公示》"))
                let board = try await office.get("/admin")
                XCTAssertTrue(board.body.contains("河市村《河市村耕地地力保护补贴公示》"))
                // The township keeps a template (from the built-in rows, then adjusted); the village's list starts from it.
                _ = try await office.post("/admin/villages/\(f.township.id!)", [("action", "start-matters")])
                let finance = try await VillageDesk(services: env.services).matters(of: f.township.id!).first { $0.matter == "村级财务" }!
                let edited = try await office.post("/admin/villages/\(f.township.id!)", [("action", "matter"), ("matter", finance.id!.uuidString),
                                                                                         ("content", "集体财务收支明细（含期初、期末余额）"), ("timing", "每月")])
                XCTAssertEqual(edited.status, .found)
                _ = try await op.post("/admin/villages/\(p.second.id!)", [("action", "start-matters")])
                let fromTemplate = try await VillageDesk(services: env.services).matters(of: p.second.id!).first { $0.matter == "村级财务" }
                XCTAssertEqual(fromTemplate?.content, "集体财务收支明细（含期初、期末余额）")
                XCTAssertEqual(fromTemplate?.timing, "每月")
                _ = try await op.post("/admin/villages/\(p.second.id!)", [("action", "supervisors"), ("supervisors", "主任：王明")])
                var section = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(p.second.id!)")
                XCTAssertFalse(section.body.contains("村级公开事项清单"))
                _ = try await op.post("/admin/villages/\(p.second.id!)", [("action", "publish-matters")])
                section = try await Browser(client).get("/xxgk/\(f.township.id!)/cunwu/\(p.second.id!)")
                XCTAssertTrue(section.body.contains("村级公开事项清单"))
                XCTAssertTrue(section.body.contains("主任：王明"))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["关联乡镇同一事项", "按模板建立事项清单", "公布事项清单", "修改村务监督委员会"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }

    func testPublicEnterprisesSitUnderTheirDepartmentWithTheirColumns() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var input = OrganisationInput()
            input.name = "测试县实验小学"; input.shortName = "实验小学"; input.kind = .school
            do {
                _ = try await OrganisationDirectory(services: env.services).create(input, parent: f.township, actor: .commandLine("t"))
                XCTFail("a school under a township")
            } catch let e as DeskFailure {
                XCTAssertTrue("\(e)".contains("县级部门") || e.fieldErrors(refusalAt: "kind")["kind"]?.contains("县级部门") == true)
            } catch {
                XCTAssertTrue("\(error)".contains("县级部门"), "\(error)")
            }
            let school = try await OrganisationDirectory(services: env.services).create(input, parent: f.deptA, actor: .commandLine("t"))
            XCTAssertFalse(school.kind.isAdministrativeOrgan)
            // The supervising department's office (its grant covering its units) publishes and reviews for the school.
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "jyadmin", displayName: "教育局公开办", organisationID: f.deptA.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: .commandLine("t"))
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("jyadmin", Fixture.password)
                let new = try await admin.get("/admin/items/new?org=\(school.id!)")
                XCTAssertEqual(new.status, .ok)
                XCTAssertTrue(new.body.contains("收费项目和标准"), "the sector's columns")
                XCTAssertFalse(new.body.contains("土地征收"))
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let v = try await other.get("/admin/items/new?org=\(school.id!)").status
                XCTAssertEqual(v, .forbidden)
                // The sector template starts the school's catalogue, once.
                let started = try await admin.post("/admin/units/\(school.id!)", [])
                XCTAssertEqual(started.status, .found)
                let rows = try await CatalogueStore(services: env.services).rows(school.id!, "教育")
                XCTAssertTrue(rows.contains { $0.row.level1 == "收费项目和标准" })
                let again = try await admin.post("/admin/units/\(school.id!)", [])
                XCTAssertEqual(again.status, .conflict)
                let list = try await admin.get("/admin/units")
                XCTAssertTrue(list.body.contains("测试县实验小学"))
                let notAUnit = try await admin.post("/admin/units/\(f.deptA.id!)", [])
                XCTAssertEqual(notAUnit.status, .badRequest)
            }
            // A school's own operator works for the school only.
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "xxyschool", displayName: "学校信息员", organisationID: school.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.informationOfficer, includesSubtree: false)], actor: .commandLine("t"))
            try await env.withClient { client in
                let op = Browser(client)
                try await op.logIn("xxyschool", Fixture.password)
                let own = try await op.get("/admin/items/new?org=\(school.id!)").status
                XCTAssertEqual(own, .ok)
                let dept = try await op.get("/admin/items/new?org=\(f.deptA.id!)").status
                XCTAssertEqual(dept, .forbidden)
            }
        }
    }
}
