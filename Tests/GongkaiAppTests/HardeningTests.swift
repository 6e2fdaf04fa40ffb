import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import XCTest
@testable import GongkaiApp

/// Requests that crashed, froze or let one role become another (issue 12), and query strings read
/// as browsers send them (issue 11, item 1).
final class HardeningTests: XCTestCase {
    /// Tokens are 32 random bytes, URL-safe base64 without padding, and do not repeat.
    func testTokensAreURLSafeAndUnique() {
        let tokens = (0..<2000).map { _ in Tokens.random() }
        XCTAssertEqual(Set(tokens).count, 2000)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for t in tokens {
            XCTAssertEqual(t.count, 43)
            XCTAssertTrue(t.allSatisfy(allowed.contains), t)
        }
        XCTAssertEqual(Tokens.random(bytes: 12).count, 16)
        // Every byte position varies (no byte left fixed by the 8-byte draws).
        let decoded = tokens.prefix(200).map { t -> [UInt8] in
            Array(Data(base64Encoded: t.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")!)
        }
        for i in 0..<32 { XCTAssertGreaterThan(Set(decoded.map { $0[i] }).count, 50, "byte \(i)") }
    }

    func testHugePageNumbersGiveA400NotACrash() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await f.item(env, title: "测试县民政局关于低保的通知")
            try await env.withClient { client in
                let b = Browser(client)
                let column = "/xxgk/\(f.deptA.id!)/fdzdgknr/shjz"
                for uri in ["/api/v1/items?page=100000000000000000&per_page=100",
                            "/search?q=%E9%80%9A%E7%9F%A5&page=9223372036854775807",
                            "\(column)?page=-9223372036854775808",
                            "/api/v1/search?q=%E9%80%9A%E7%9F%A5&page=9223372036854775807",
                            "/api/v1/items?per_page=-9223372036854775808",
                            "/zcwjk?page=99999999999999999999",
                            "/search?q=%E9%80%9A%E7%9F%A5&page=abc"] {
                    let page = try await b.get(uri)
                    XCTAssertEqual(page.status, .badRequest, uri)
                    XCTAssertTrue(page.body.contains("页码") || page.body.contains("per_page"), "\(uri): \(page.body.prefix(300))")
                }
                // The site still answers, and ordinary pages still work.
                let status1 = try await b.get("\(column)?page=2").status
                XCTAssertEqual(status1, .ok)
                let status2 = try await b.get("/api/v1/items?page=3&per_page=100").status
                XCTAssertEqual(status2, .ok)
                let admin = Browser(client)
                try await admin.logIn("root", Fixture.password)
                let status3 = try await admin.get("/admin/audit?page=9223372036854775807").status
                XCTAssertEqual(status3, .badRequest)
                let status4 = try await admin.get("/admin/audit?page=2").status
                XCTAssertEqual(status4, .ok)
            }
        }
    }

    func testPlusInAQueryStringIsASpace() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await f.item(env, title: "测试县临时救助实施办法")
            _ = try await f.item(env, title: "测试县救助站临时开放时间")
            try await env.withClient { client in
                let b = Browser(client)
                let plus = try await b.get("/search?q=%E4%B8%B4%E6%97%B6+%E6%95%91%E5%8A%A9")
                let percent = try await b.get("/search?q=%E4%B8%B4%E6%97%B6%20%E6%95%91%E5%8A%A9")
                XCTAssertEqual(plus.status, .ok)
                XCTAssertTrue(plus.body.contains("找到 2 条") || plus.body.contains("找到2条"), String(plus.body.prefix(3000)))
                XCTAssertTrue(plus.body.contains("value=\"临时 救助\""), "the box shows the words as typed")
                XCTAssertFalse(plus.body.contains("临时+救助"))
                let unmarked = plus.body.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
                for title in ["临时救助实施办法", "救助站临时开放时间"] { XCTAssertTrue(unmarked.contains(title), title) }
                XCTAssertTrue(plus.body.contains("<mark>临时</mark><mark>救助</mark>实施办法") || plus.body.contains("<mark>临时</mark>"), "titles are marked")
                XCTAssertEqual(plus.body.components(separatedBy: "/content/").count, percent.body.components(separatedBy: "/content/").count)
                let api = try await b.get("/api/v1/search?q=%E4%B8%B4%E6%97%B6+%E6%95%91%E5%8A%A9")
                XCTAssertTrue(api.body.contains("\"query\":\"临时 救助\""), api.body)
                XCTAssertTrue(api.body.contains("\"total\":2"), api.body)
            }
        }
    }

    func testFilterValuesAreValidated() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                for uri in ["/search?q=%E9%80%9A%E7%9F%A5&org=-1", "/search?q=%E9%80%9A%E7%9F%A5&org=x",
                            "/search?q=%E9%80%9A%E7%9F%A5&from=1000", "/zcwjk?org=-5", "/zcwjk?year=99999"] {
                    let page = try await b.get(uri)
                    XCTAssertEqual(page.status, .badRequest, uri)
                    XCTAssertFalse(page.body.contains("参考编号"), "\(uri) must not be a server error")
                }
            }
        }
    }

    func testLargeAndUnauthenticatedBodiesAreRefusedBeforeParsing() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let apply = "/xxgk/\(f.deptA.id!)/apply"
                // No token cookie at all: refused without reading the body.
                let raw = try await client.execute(uri: apply, method: .post,
                                                   headers: [.contentType: "multipart/form-data; boundary=x"],
                                                   body: ByteBuffer(bytes: Array(repeating: UInt8(59), count: 100_000)))
                XCTAssertEqual(raw.status, .forbidden)
                // A visitor with a cookie still cannot send multipart: only staff upload files.
                let visitor = Browser(client)
                try await visitor.get(apply)
                let multipart = try await visitor.postMultipart(apply, [("name", "张三")], files: [])
                XCTAssertEqual(multipart.status, .forbidden)
                // Form bodies over 1 MB.
                let big = try await visitor.post(apply, [("description", String(repeating: "字", count: 400_000))])
                XCTAssertEqual(big.status, .contentTooLarge)
                XCTAssertTrue(big.body.contains("1 MB"))
                // A hostile multipart header from signed-in staff is answered at once with a 400.
                let staff = Browser(client)
                try await staff.logIn("officera", Fixture.password)
                let item = try await f.item(env, title: "附件测试", publish: false)
                var body = Array("--x\r\nContent-Disposition: form-data".utf8) + Array(repeating: UInt8(59), count: 32_000)
                body += Array("; name=\"_csrf\"\r\n\r\n\(staff.csrf)\r\n--x--\r\n".utf8)
                var headers = HTTPFields()
                headers[.contentType] = "multipart/form-data; boundary=x"
                headers[.cookie] = staff.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let hostile = try await client.execute(uri: "/admin/items/\(item.id!.uuidString)/attachments", method: .post,
                                                       headers: headers, body: ByteBuffer(bytes: body))
                XCTAssertEqual(hostile.status, .badRequest)
            }
        }
    }

    func testAttachmentTextIsExtractedOnceAtUpload() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "名单公示", publish: false)
            let docx = DocxWriter.write(FormalDocument(title: "名单", paragraphs: [.init("联系人李四，电话13912345678")],
                                                       issuer: "测试县民政局", date: "2026年11月2日"))
            let a = try await AttachmentStore(services: env.services).add(
                .init(field: "attachment", filename: "名单.docx", contentType: "application/octet-stream", data: docx),
                to: item, actor: .commandLine("t"))
            XCTAssertTrue(a.text?.contains("13912345678") ?? false)
            // Reading the texts again never opens the stored file: spoil it and the text is still there.
            let stored = try await StoredFile.query(on: env.db).filter(\.$sha256 == a.sha256).first()!
            stored.data = Data("PK not really".utf8)
            try await stored.update(on: env.db)
            let texts = try await AttachmentTexts.of(item, on: env.db)
            XCTAssertEqual(texts.count, 1)
            XCTAssertTrue(texts[0].text.contains("13912345678"))
            // A DOCX-looking file whose body cannot be inflated is refused at upload.
            let refused = try? await AttachmentStore(services: env.services).add(
                .init(field: "attachment", filename: "坏.docx", contentType: "application/octet-stream", data: truncateDocumentXML(docx)),
                to: item, actor: .commandLine("t"))
            XCTAssertNil(refused, "a DOCX whose body cannot be inflated is not stored")
        }
    }

    /// The DOCX with its word/document.xml marked as deflated although its bytes are plain XML
    /// (still a ZIP with the right names, so it passes type detection).
    func truncateDocumentXML(_ docx: [UInt8]) -> [UInt8] {
        var bytes = docx
        let name = Array("word/document.xml".utf8)
        for p in 0..<(bytes.count - 46 - name.count)
        where bytes[p] == 0x50 && bytes[p + 1] == 0x4B && bytes[p + 2] == 1 && bytes[p + 3] == 2 && Array(bytes[(p + 46)..<(p + 46 + name.count)]) == name {
            bytes[p + 10] = 8
        }
        return bytes
    }

    func testAnAdministratorCannotTakeOverAMorePowerfulAccount() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let strong = try await StaffDirectory(services: env.services).create(
                .init(username: "sysa", displayName: "测试sysa", phone: "", organisationID: f.deptA.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.systemAdministrator, includesSubtree: false)], actor: .commandLine("t"))
            let before = try await StaffUser.find(strong.id!, on: env.db)!.passwordHash
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("admina", Fixture.password)
                let path = "/admin/users/\(strong.id!.uuidString)"
                for (action, fields) in [("/password", [("password", "Takeover@2026x")]), ("/unlock", []), ("/sessions/revoke", []),
                                         ("", [("display_name", "改名"), ("active", "")])] {
                    let page = try await office.post(path + action, fields)
                    XCTAssertEqual(page.status, .forbidden, action)
                }
                let status5 = try await office.get(path).status
                XCTAssertEqual(status5, .forbidden)
                // The same administrator still manages the accounts whose roles they can grant.
                let status6 = try await office.post("/admin/users/\(f.officerA.id!.uuidString)/password", [("password", "Another@2026xy")]).status
                XCTAssertEqual(status6, .found)
                // The system administrator may.
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let status7 = try await root.post(path + "/password", [("password", "Rightful@2026x")]).status
                XCTAssertEqual(status7, .found)
            }
            let after = try await StaffUser.find(strong.id!, on: env.db)!
            XCTAssertNotEqual(after.passwordHash, before, "changed by the system administrator only")
            XCTAssertEqual(after.displayName, "测试sysa")
            XCTAssertTrue(after.isActive)
        }
    }

    func testCasesAreClosedAndExtendedOnlyWithinTheLaw() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("t")
            var input = ApplicationInput()
            input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13900001111"; input.description = "低保资金发放情况"
            let received = CivilDate(iso: "2026-09-01")!
            let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: received, clientAddress: "x", actor: actor)
            // Issue 11.16: a one-day 补正 period is not the "reasonable" one of Art. 30 (at least 5 working days).
            do {
                try await desk.record(.init(step: .correctionRequested, date: received.adding(days: 1), note: "请补充",
                                            deadline: received.adding(days: 2)), on: a, actor: actor)
                XCTFail("a one-day period was accepted")
            } catch ApplicationDesk.Failure.invalid(let e) {
                XCTAssertEqual(e["deadline"], "补正期限过短：条例第三十条要求给予合理的补正期限，至少5个工作日，即不早于2026年9月9日")
            }
            try await desk.record(.init(step: .correctionRequested, date: received.adding(days: 1), note: "请补充", deadline: CivilDate(iso: "2026-09-20")), on: a, actor: actor)
            do {
                try await desk.record(.init(step: .decided, date: CivilDate(iso: "2026-09-15")!, note: "逾期", code: ReplyOutcome.otherNoCorrection.rawValue), on: a, actor: actor)
                XCTFail("closed before the 补正 period ended")
            } catch ApplicationDesk.Failure.invalid(let e) {
                XCTAssertTrue(e["code"]?.contains("补正期限至2026年9月20日") ?? false, "\(e)")
            }
            try await desk.record(.init(step: .decided, date: CivilDate(iso: "2026-09-21")!, note: "逾期", code: ReplyOutcome.otherNoCorrection.rawValue), on: a, actor: actor)

            // Extension after the last day (received 2026-10-09 → due 2026-11-05 on the holiday calendar): refused.
            let (b, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-10-09")!, clientAddress: "x", actor: actor)
            do {
                try await desk.record(.init(step: .extended, date: CivilDate(iso: "2026-11-09")!, note: "情况复杂", days: 20), on: b, actor: actor)
                XCTFail("extended after the period")
            } catch ApplicationDesk.Failure.invalid(let e) {
                XCTAssertTrue(e["days"]?.contains("第三十三条") ?? false, "\(e)")
            }
            try await desk.record(.init(step: .extended, date: CivilDate(iso: "2026-11-05")!, note: "情况复杂", days: 20), on: b, actor: actor)
        }
    }
}

/// A database that stops taking writes is reported, not called healthy (issue 12, item 10).
final class HealthTests: XCTestCase {
    func testHealthzChecksThatTheDatabaseTakesWrites() async throws {
        try await withEnvironment { env in
            try await env.withClient { client in
                let ok = try await client.execute(uri: "/healthz", method: .get)
                XCTAssertEqual(ok.status, .ok)
                // SQLite has one connection: make it refuse writes, as a read-only file or full disk would.
                guard env.services.database.dialect is SQLiteDialect, let sql = env.db as? any SQLDatabase else { return }
                try await sql.raw("PRAGMA query_only = 1").run()
                let bad = try await client.execute(uri: "/healthz", method: .get)
                XCTAssertEqual(bad.status, .serviceUnavailable)
                XCTAssertTrue(String(buffer: bad.body).contains("数据库无法写入"))
                do {
                    try await env.services.database.checkWritable()
                    XCTFail("a read-only database must be reported")
                } catch let p as StorageProblem {
                    XCTAssertTrue(p.description.contains("磁盘已满"))
                }
                try await sql.raw("PRAGMA query_only = 0").run()
                let again = try await client.execute(uri: "/healthz", method: .get)
                XCTAssertEqual(again.status, .ok)
            }
        }
    }
}

/// Small things citizens tripped over (issue 11, items 11, 12 and 16).
final class CitizenDetailTests: XCTestCase {
    func testItemTitleAndEmptySearch() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "测试县城乡低保标准调整公告")
            try await env.withClient { client in
                let b = Browser(client)
                let page = try await b.get("/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)")
                XCTAssertTrue(page.body.contains("<title>测试县城乡低保标准调整公告 - 测试县民政局"), String(page.body.prefix(400)))
                // The breadcrumb names the column the item is in.
                XCTAssertTrue(page.body.contains("<a href=\"/xxgk/\(f.deptA.id!)/fdzdgknr/shjz\">"), "breadcrumb with the column")
                XCTAssertTrue(page.body.contains("<span aria-current=\"page\">正文</span>"))
                let empty = try await b.get("/search?q=+")
                XCTAssertEqual(empty.status, .ok)
                XCTAssertTrue(empty.body.contains("请输入要搜索的词语"))
                let first = try await b.get("/search")
                XCTAssertFalse(first.body.contains("请输入要搜索的词语"), "not before anything was sent")
            }
        }
    }
}

/// The home page leads to search, applying and tracking, and shows what is new (issue 11, item 11).
final class HomePageTests: XCTestCase {
    func testHomeHasSearchServicesAndLatestItems() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await f.item(env, title: "测试县最新发布的通知")
            _ = try await f.item(env, title: "测试县不公开的信息", attribute: .onRequest)
            try await env.withClient { client in
                let home = try await Browser(client).get("/")
                XCTAssertTrue(home.body.contains("action=\"/search\""))
                XCTAssertTrue(home.body.contains("href=\"/xxgk/\(f.county.id!)/apply\""), String(home.body.prefix(3000)))
                XCTAssertTrue(home.body.contains("href=\"/ysq/track\""))
                XCTAssertTrue(home.body.contains("测试县最新发布的通知"))
                XCTAssertFalse(home.body.contains("测试县不公开的信息"), "only public items")
            }
        }
    }
}

/// API parameters: one name for the organisation, unknown names refused (issue 11, item 12).
final class APIParameterTests: XCTestCase {
    func testOrgNameAndUnknownParameters() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await f.item(env, title: "测试县低保标准公告")
            try await env.withClient { client in
                let b = Browser(client)
                let byOrg = try await b.get("/api/v1/items?org=\(f.deptA.id!)")
                let byOld = try await b.get("/api/v1/items?organisation=\(f.deptA.id!)")
                XCTAssertEqual(byOrg.status, .ok)
                XCTAssertTrue(byOrg.body.contains("测试县低保标准公告"))
                XCTAssertEqual(byOrg.body, byOld.body)
                let other = try await b.get("/api/v1/items?org=\(f.deptB.id!)")
                XCTAssertFalse(other.body.contains("测试县低保标准公告"))
                for uri in ["/api/v1/items?orgnisation=1", "/api/v1/search?q=%E4%BD%8E%E4%BF%9D&pagesize=5"] {
                    let page = try await b.get(uri)
                    XCTAssertEqual(page.status, .badRequest, uri)
                    XCTAssertTrue(page.body.contains("不支持的参数"), page.body)
                }
            }
        }
    }
}

/// The 政府信息公开指南 states the fee standard and where to consult information (issue 11, item 15).
final class GuideTests: XCTestCase {
    func testGuideStatesFeesAndPlaces() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            f.deptA.officeAddress = "测试县滨江路8号"
            f.deptA.officeHours = "工作日 9:00—17:00"
            try await f.deptA.update(on: env.db)
            try await env.withClient { client in
                let guide = try await Browser(client).get("/xxgk/\(f.deptA.id!)/guide")
                XCTAssertEqual(guide.status, .ok)
                XCTAssertTrue(guide.body.contains("11—30件的部分按100元/件收费"))
                XCTAssertTrue(guide.body.contains("本机关信息公开工作机构（测试县滨江路8号，工作日 9:00—17:00）"), guide.body)
                XCTAssertTrue(guide.body.contains("公共图书馆"))
            }
        }
    }
}

/// Issue 12.10: staff log-in on a database that takes no writes says why, in Chinese.
final class StorageLoginTests: XCTestCase {
    func testLogInOnAReadOnlyDatabaseSaysWhy() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            guard env.services.database.dialect is SQLiteDialect, let sql = env.db as? any SQLDatabase else { return }
            try await env.withClient { client in
                let b = Browser(client)
                _ = try await b.get("/admin/login")
                try await sql.raw("PRAGMA query_only = 1").run()
                let page = try await b.post("/admin/login", [("username", "officera"), ("password", "Test@2026pw")])
                try await sql.raw("PRAGMA query_only = 0").run()
                XCTAssertEqual(page.status, .serviceUnavailable)
                XCTAssertTrue(page.body.contains("磁盘可能已满"), String(page.body.prefix(600)))
                XCTAssertTrue(page.body.contains("name=\"username\""), "the log-in form is shown again")
                let ok = try await b.post("/admin/login", [("username", "officera"), ("password", "Test@2026pw")])
                XCTAssertEqual(ok.status, .found)
            }
        }
    }
}

/// Found by fuzzing the sanitiser (issue 12): swift-mustache escaped by `Character`, so a quote
/// followed by a combining mark left the search box's value attribute on the public search page.
final class TemplateEscapingTests: XCTestCase {
    func testAQuoteWithACombiningMarkCannotLeaveAnAttribute() async throws {
        try await withEnvironment { env in
            try await env.withClient { client in
                let page = try await Browser(client).get("/search?q=%22%CC%87+autofocus+onfocus%3Dalert(1)+x%3D%22")
                XCTAssertEqual(page.status, .ok)
                XCTAssertFalse(page.body.contains("\"\u{0307} autofocus"), "raw quote in the attribute")
                XCTAssertTrue(page.body.contains("value=\"&quot;\u{0307} autofocus onfocus=alert(1) x=&quot;\""), page.body)
            }
        }
    }
}

/// HEAD is answered like GET, without a body (it was a 404).
final class HeadRequestTests: XCTestCase {
    func testHeadAnswersAsGetWithoutABody() async throws {
        try await withEnvironment { env in
            try await env.withClient { client in
                let head = try await client.execute(uri: "/search?q=1", method: .head)
                XCTAssertEqual(head.status, .ok)
                XCTAssertEqual(head.body.readableBytes, 0)
                XCTAssertEqual(head.headers[.contentType], "text/html; charset=utf-8")
                let missing = try await client.execute(uri: "/no-such-page", method: .head)
                XCTAssertEqual(missing.status, .notFound)
                let healthz = try await client.execute(uri: "/healthz", method: .head)
                XCTAssertEqual(healthz.status, .ok)
            }
        }
    }
}
