import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// 办事指南 over HTTP: a draft missing key elements cannot be submitted (each named), a complete one
/// goes through review by someone else, is public with its version date, its promised date and
/// its 一次告知单; a revision is a new version; 一件事 merges shared materials.
final class ServiceGuideTests: XCTestCase {
    static func form(_ name: String, materials: String) -> [(String, String)] {
        [("name", name), ("kind", "benefit"), ("basis", "《社会救助暂行办法》"), ("conditions", "家庭人均收入低于低保标准"),
         ("materials", materials), ("steps", "申请：向乡镇人民政府提出\n审核确认：县民政局审核"),
         ("statutory_days", "30"), ("promised_days", "20"), ("free", "1"), ("place", "县政务服务中心民政窗口"),
         ("hours", "工作日 9:00-17:00"), ("enquiry_phone", "0832-6201101"), ("complaint_phone", "12345"), ("visits", "1")]
    }

    func testGuideFromDraftToPublicChecklistAndBundle() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: CivilDate(iso: "2026-09-28")!)
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let created = try await officer.post("/admin/guides", [("organisation", String(f.deptA.id!)), ("name", "最低生活保障审核确认")])
                XCTAssertEqual(created.status, .found)
                let guide = try await ServiceGuide.query(on: env.db).first()!
                let path = "/admin/guides/\(guide.id!.uuidString)"
                var page = try await officer.get(path)
                XCTAssertTrue(page.body.contains("尚缺必备要素：事项类型、设定依据"))
                let incomplete = try await officer.post(path, [("action", "submit"), ("name", "最低生活保障审核确认"), ("kind", "benefit")])
                XCTAssertEqual(incomplete.status, .badRequest)
                XCTAssertTrue(incomplete.body.contains("缺少办事指南必备要素：设定依据、受理条件、申请材料、办理流程、法定时限、承诺时限、收费标准、办理地点、办理时间、咨询电话、投诉电话、到现场次数"))
                let badLine = try await officer.post(path, [("action", "save")] + Self.form("最低生活保障审核确认", materials: "居民身份证 | 自带 | 1 | 纸质"))
                XCTAssertTrue(badLine.body.contains("申请材料第1行：来源应为申请人自备、政府部门核发、其他之一"))
                XCTAssertTrue(badLine.body.contains("居民身份证 | 自带 | 1 | 纸质"), "what was typed stays")
                let hidden = try await Browser(client).get("/banshi/guides/\(guide.id!.uuidString)")
                XCTAssertEqual(hidden.status, .notFound, "not public before review")
                let submitted = try await officer.post(path, [("action", "submit")] + Self.form("最低生活保障审核确认",
                    materials: "居民身份证 | 申请人自备 | 1 | 纸质 | 原件核验\n户口簿 | 申请人自备 | 1 | 纸质"))
                XCTAssertEqual(submitted.status, .found)
                let selfApprove = try await officer.post(path, [("action", "approve")])
                XCTAssertEqual(selfApprove.status, .forbidden, "an information officer does not approve")
                let reviewer = Browser(client)
                try await reviewer.logIn("usera", Fixture.password)
                let approved = try await reviewer.post(path, [("action", "approve")])
                XCTAssertEqual(approved.status, .found)

                let citizen = Browser(client)
                let none = try await citizen.get("/banshi?q=%E7%BB%93%E5%A9%9A")
                XCTAssertTrue(none.body.contains("没有找到符合条件的事项"))
                let found = try await citizen.get("/banshi?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB")
                XCTAssertTrue(found.body.contains("最低生活保障审核确认"))
                let shown = try await citizen.get("/banshi/guides/\(guide.id!.uuidString)?accepted=2026-09-28")
                XCTAssertTrue(shown.body.contains("第1版，2026年9月28日发布"))
                // 20 working days from 9月28日 across 国庆 (10月1日–7日 off, Saturday 10月10日 worked): 10月30日.
                XCTAssertTrue(shown.body.contains("2026年9月28日受理的，承诺在2026年10月30日前办结"), shown.body)
                XCTAssertTrue(shown.body.contains("最多跑一次"))
                let badDate = try await citizen.get("/banshi/guides/\(guide.id!.uuidString)?accepted=2026-02-30")
                XCTAssertEqual(badDate.status, .badRequest)
                XCTAssertTrue(badDate.body.contains("请选择受理日期"))
                let sheet = try await citizen.get("/banshi/guides/\(guide.id!.uuidString)/checklist")
                XCTAssertTrue(sheet.body.contains("一次告知单") && sheet.body.contains("户口簿"))
                let bytes = try await client.execute(uri: "/banshi/guides/\(guide.id!.uuidString)/checklist.docx", method: .get) { Array(buffer: $0.body) }
                let text = try XCTUnwrap(OfficeText.docx(bytes))
                XCTAssertTrue(text.contains("一次告知单") && text.contains("居民身份证") && text.contains("原件核验"), text)

                // A revision is a new version; the public keeps the first until it is approved.
                _ = try await officer.post(path, [("action", "submit")] + Self.form("最低生活保障审核确认",
                    materials: "居民身份证 | 申请人自备 | 1 | 纸质 | 原件核验\n户口簿 | 申请人自备 | 1 | 纸质\n收入证明 | 其他 | 1 | 纸质"))
                page = try await citizen.get("/banshi/guides/\(guide.id!.uuidString)")
                XCTAssertFalse(page.body.contains("收入证明"))
                let sentBack = try await reviewer.post(path, [("action", "send_back")])
                XCTAssertTrue(sentBack.body.contains("请填写退回的理由"))
                env.services.clock.set(day: CivilDate(iso: "2026-10-12")!)
                try await reviewer.logIn("usera", Fixture.password)
                _ = try await reviewer.post(path, [("action", "approve")])
                page = try await citizen.get("/banshi/guides/\(guide.id!.uuidString)")
                XCTAssertTrue(page.body.contains("收入证明") && page.body.contains("第2版，2026年10月12日发布"))
                let versions = try await ServiceGuideVersion.query(on: env.db).count()
                XCTAssertEqual(versions, 2)

                // 一件事: a second guide sharing 居民身份证; the bundle merges it.
                try await officer.logIn("officera", Fixture.password)
                _ = try await officer.post("/admin/guides", [("organisation", String(f.deptA.id!)), ("name", "临时救助")])
                let second = try await ServiceGuide.query(on: env.db).filter(\.$name == "临时救助").first()!
                _ = try await officer.post("/admin/guides/\(second.id!.uuidString)", [("action", "submit")] + Self.form("临时救助",
                    materials: "居民身份证（复印件） | 申请人自备 | 2 | 纸质\n困难情况说明 | 申请人自备 | 1 | 纸质"))
                _ = try await reviewer.post("/admin/guides/\(second.id!.uuidString)", [("action", "approve")])
                let one = try await officer.post("/admin/guide-bundles", [("organisation", String(f.deptA.id!)), ("name", "生活困难救助"),
                                                                          ("order_\(guide.id!.uuidString)", "1")])
                XCTAssertTrue(one.body.contains("请至少选择两个不同的事项"))
                _ = try await officer.post("/admin/guide-bundles", [("organisation", String(f.deptA.id!)), ("name", "生活困难救助"),
                                                                    ("order_\(second.id!.uuidString)", "2"), ("order_\(guide.id!.uuidString)", "1")])
                let bundle = try await ServiceBundle.query(on: env.db).first()!
                let event = try await citizen.get("/banshi/events/\(bundle.id!.uuidString)")
                XCTAssertTrue(event.body.contains("最低生活保障审核确认、临时救助（共用，只交一次）"))
                XCTAssertEqual(event.body.components(separatedBy: "<td>居民身份证</td>").count - 1, 1, "listed once")
                let api = try await citizen.get("/api/v1/guides?kind=benefit")
                XCTAssertTrue(api.body.contains("\"visits\":1") && api.body.contains("困难情况说明"))
                let badKind = try await citizen.get("/api/v1/guides?kind=nonsense")
                XCTAssertEqual(badKind.status, .badRequest)

                // 办事一本通: compiled from what is public now; the next edition lists what changed.
                try await LetterTests.grantCountyOffice(env, f)
                let office = Browser(client)
                try await office.logIn("countyoffice", Fixture.password)
                let first = try await office.post("/admin/guide-books", [("organisation", String(f.county.id!))])
                XCTAssertEqual(first.status, .found)
                let book = try await citizen.get(try XCTUnwrap(first.location))
                XCTAssertTrue(book.body.contains("测试县人民政府办事一本通") && book.body.contains("首次编印"))
                XCTAssertTrue(book.body.contains("<td>1</td><td>临时救助</td><td>测试县民政局</td><td>1</td>"), "the contents give the page")
                XCTAssertTrue(book.body.contains("<td>2</td><td>最低生活保障审核确认</td><td>测试县民政局</td><td>2</td>"))
                XCTAssertTrue(book.body.contains("生活困难救助</strong>：2. 最低生活保障审核确认（第2页）；1. 临时救助（第1页）"), "the index by 一件事")
                let emptyOrg = try await office.post("/admin/guide-books", [("organisation", String(f.deptB.id!))])
                XCTAssertTrue(emptyOrg.body.contains("本机关及下属单位还没有公开的办事指南"))
                _ = try await officer.post("/admin/guides/\(second.id!.uuidString)", [("action", "submit")] + Self.form("临时救助",
                    materials: "居民身份证（复印件） | 申请人自备 | 2 | 纸质\n困难情况说明 | 申请人自备 | 1 | 纸质 | 本人签字"))
                _ = try await reviewer.post("/admin/guides/\(second.id!.uuidString)", [("action", "approve")])
                let next = try await office.post("/admin/guide-books", [("organisation", String(f.county.id!))])
                let secondBook = try await citizen.get(try XCTUnwrap(next.location))
                XCTAssertTrue(secondBook.body.contains("第2版") && secondBook.body.contains("更新：临时救助"))
                let bookBytes = try await client.execute(uri: try XCTUnwrap(next.location) + "/book.docx", method: .get) { Array(buffer: $0.body) }
                let bookText = try XCTUnwrap(OfficeText.docx(bookBytes))
                XCTAssertTrue(bookText.contains("目录") && bookText.contains("本人签字"))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.serviceGuide.rawValue).all().map(\.action))
            for a in ["新建办事指南", "保存指南草稿", "提交指南审核", "审核通过并发布指南"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }
}
