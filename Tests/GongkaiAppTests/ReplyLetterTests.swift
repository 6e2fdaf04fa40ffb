import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Issue 11.9: reply letters say what the law requires — Art. 36(四) and (五) apart, the remedy with the
/// review organ, court and time limits from the organisation's settings, how disclosed information is
/// provided (with files the applicant downloads), and a 文号 from the organisation's pattern.
final class ReplyLetterTests: XCTestCase {
    func testRepliesNameTheRemedyTheGroundTheProvisionAndCarryANumber() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                // The office sets the remedy and the 文号 pattern; bad values are refused next to the field.
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let orgPath = "/admin/orgs/\(f.deptA.id!)"
                let edit = try await admin.get(orgPath)
                XCTAssertTrue(edit.body.contains("name=\"review_organ\""), "the organisation form has the remedy fields")
                var fields: [(String, String)] = [("name", f.deptA.name), ("short_name", f.deptA.shortName), ("kind", f.deptA.kindRaw),
                                                  ("review_organ", "测试县人民政府"), ("court", "测试县人民法院"),
                                                  ("review_days", "60"), ("litigation_months", "6"),
                                                  ("letter_number_pattern", "{简称}依申〔{年份}〕{序号}号")]
                let badFields = fields.map { $0.0 == "review_days" ? ("review_days", "99999999999999999999") : $0 }
                let bad = try await admin.post(orgPath, badFields)
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("行政复议申请期限应为15到365之间的天数"), String(bad.body.prefix(300)))
                let noSerial = try await admin.post(orgPath, fields.map { $0.0 == "letter_number_pattern" ? ($0.0, "{简称}〔{年份}〕号") : $0 })
                XCTAssertTrue(noSerial.body.contains("文号格式必须包含{序号}"))
                fields.append(("sort_order", "0"))
                let saved = try await admin.post(orgPath, fields)
                XCTAssertEqual(saved.status, .found, String(saved.body.prefix(500)))

                // Two cases, received in person and handled by the department's handler.
                let desk = ApplicationDesk(services: env.services)
                let actor = AuditActor.commandLine("test")
                func newCase(_ description: String) async throws -> (InformationApplication, String) {
                    var input = ApplicationInput()
                    input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13912345678"
                    input.description = description
                    let (a, code) = try await desk.submit(input, to: f.deptA, channel: .inPerson,
                                                          receiptDate: env.services.clock.today().adding(days: -3), clientAddress: "x", actor: actor)
                    return (a, code)
                }
                let (notOurs, _) = try await newCase("测试县2025年土地出让金收支明细")
                let (open, code) = try await newCase("测试县民政局2025年城乡低保资金发放情况")
                let handler = Browser(client)
                try await handler.logIn("handlera", Fixture.password)
                let today = env.services.clock.today().description

                // 本机关不掌握 needs the ground; (五) names the responsible organ.
                let p1 = "/admin/applications/\(notOurs.id!.uuidString)"
                let noGround = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "4.1"), ("date", today), ("note", "经查")])
                XCTAssertEqual(noGround.status, .badRequest)
                XCTAssertTrue(noGround.body.contains("请选择：经检索信息不存在"))
                let decided1 = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "4.1"), ("date", today),
                                                                       ("note", "土地出让金收支由财政部门管理"), ("not_held", "not_this_organ"),
                                                                       ("responsible_organ", "测试县财政局（0832-5550206）")])
                XCTAssertEqual(decided1.status, .found)
                let letter1 = try await handler.get(p1 + "/documents/reply")
                XCTAssertTrue(letter1.body.contains("不属于本机关负责公开"))
                XCTAssertTrue(letter1.body.contains("由测试县财政局（0832-5550206）负责公开"))
                XCTAssertTrue(letter1.body.contains("第三十六条第（五）项"))
                XCTAssertFalse(letter1.body.contains("不存在"), "(五) is not (四)")
                let year = env.services.clock.today().year
                XCTAssertTrue(letter1.body.contains("县民政局依申〔\(year)〕1号"), "the first 文号 of the year")
                XCTAssertTrue(letter1.body.contains("可以自收到本答复之日起60日内向测试县人民政府申请行政复议，或者自收到本答复之日起6个月内向测试县人民法院提起行政诉讼"))

                // 予以公开 needs the way it is provided; the files go to the applicant's tracking page.
                let p2 = "/admin/applications/\(open.id!.uuidString)"
                let noWay = try await handler.post(p2 + "/steps", [("step", "decided"), ("code", "1"), ("date", today)])
                XCTAssertEqual(noWay.status, .badRequest)
                XCTAssertTrue(noWay.body.contains("请写明提供方式"))
                let beforeDecision = try await handler.postMultipart(p2 + "/files", [], files: [("file", "明细.pdf", Array("%PDF-1.4\n1\n%%EOF\n".utf8))])
                XCTAssertTrue(beforeDecision.body.contains("只有答复为“予以公开”或“部分公开”"), "no files before the decision")
                let decided2 = try await handler.post(p2 + "/steps", [("step", "decided"), ("code", "1"), ("date", today),
                                                                       ("provision", "随本告知书在网上查询页面提供电子文件")])
                XCTAssertEqual(decided2.status, .found)
                let letter2 = try await handler.get(p2 + "/documents/reply")
                XCTAssertTrue(letter2.body.contains("本机关通过以下方式向您提供该政府信息：随本告知书在网上查询页面提供电子文件。"))
                XCTAssertTrue(letter2.body.contains("县民政局依申〔\(year)〕2号"))
                let pdf = Array("%PDF-1.4\n低保资金发放明细\n%%EOF\n".utf8)
                let uploaded = try await handler.postMultipart(p2 + "/files", [], files: [("file", "2025年低保资金发放明细.pdf", pdf)])
                XCTAssertEqual(uploaded.status, .found, String(uploaded.body.prefix(400)))
                let notAFile = try await handler.postMultipart(p2 + "/files", [], files: [("file", "x.pdf", Array("<html><script>".utf8))])
                XCTAssertEqual(notAFile.status, .badRequest)

                let citizen = Browser(client)
                try await citizen.get("/ysq/track")
                let tracked = try await citizen.post("/ysq/track", [("number", open.registrationNumber), ("code", code)])
                XCTAssertTrue(tracked.body.contains("提供的政府信息"))
                XCTAssertTrue(tracked.body.contains("2025年低保资金发放明细.pdf"))
                let file = try await CaseFile.query(on: env.db).filter(\.$applicationID == open.id!).first()!
                let download = try await citizen.post("/ysq/track/file", [("number", open.registrationNumber), ("code", code), ("file", file.id!.uuidString)])
                XCTAssertEqual(download.status, .ok)
                XCTAssertEqual(Array(download.body.utf8), pdf)
                XCTAssertEqual(download.headers[.contentSecurityPolicy], "sandbox; default-src 'none'")
                let guessed = try await citizen.post("/ysq/track/file", [("number", open.registrationNumber), ("code", "ZZZZZZZZ"), ("file", file.id!.uuidString)])
                XCTAssertEqual(guessed.status, .notFound)
                // Another case's number and code never reach this file.
                let otherCase = try await citizen.post("/ysq/track/file", [("number", notOurs.registrationNumber), ("code", code), ("file", file.id!.uuidString)])
                XCTAssertEqual(otherCase.status, .notFound)
            }
            let numbers = try await CaseLetterNumber.query(on: env.db).sort(\.$serial).all().map(\.serial)
            XCTAssertEqual(numbers, [1, 2])
            let audited = try await AuditRecord.query(on: env.db).filter(\.$action == "附送答复文件").count()
            XCTAssertEqual(audited, 1)
        }
    }
}

/// Issue 11.16: a lost query code is sent again, as a new code, to the e-mail address of the application.
final class QueryCodeRecoveryTests: XCTestCase {
    func testANewCodeGoesToTheApplicationsEmailAndTheOldOneStops() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var input = ApplicationInput()
            input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13912345678"; input.email = "wangfang@example.cn"
            input.description = "测试县民政局2025年城乡低保资金发放情况"
            let (a, oldCode) = try await ApplicationDesk(services: env.services).submit(input, to: f.deptA, channel: .online, receiptDate: nil,
                                                                                      clientAddress: "x", actor: .commandLine("t"))
            try await env.withClient { client in
                let b = Browser(client)
                let form = try await b.get("/ysq/track")
                XCTAssertTrue(form.body.contains("/ysq/track/recover"))
                _ = try await b.get("/ysq/track/recover")
                let wrong = try await b.post("/ysq/track/recover", [("number", a.registrationNumber), ("email", "other@example.cn")])
                XCTAssertEqual(wrong.status, .ok)
                let right = try await b.post("/ysq/track/recover", [("number", a.registrationNumber), ("email", "WangFang@example.cn")])
                XCTAssertEqual(right.status, .ok)
                XCTAssertEqual(right.body.components(separatedBy: "recover-sent").count, wrong.body.components(separatedBy: "recover-sent").count,
                               "the same answer whether or not it matched")
                let bad = try await b.post("/ysq/track/recover", [("number", a.registrationNumber), ("email", "不是邮箱")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("请填写登记编号和申请时填写的电子邮箱"))

                let mails = try await OutboxMail.query(on: env.db).filter(\.$purpose == "query_code:\(a.registrationNumber)").all()
                XCTAssertEqual(mails.count, 1, "only the matching request sends mail")
                XCTAssertEqual(mails.first?.recipient, "wangfang@example.cn")
                let body = try XCTUnwrap(mails.first?.body)
                let code = try XCTUnwrap(body.range(of: "新查询码为：").map { String(body[$0.upperBound...].prefix(8)) })
                XCTAssertNotEqual(code, oldCode)
                let old = try await b.post("/ysq/track", [("number", a.registrationNumber), ("code", oldCode)])
                XCTAssertEqual(old.status, .notFound, "the old code stops working")
                let new = try await b.post("/ysq/track", [("number", a.registrationNumber), ("code", code)])
                XCTAssertEqual(new.status, .ok)
            }
            let audited = try await AuditRecord.query(on: env.db).filter(\.$action == "重新发送查询码").count()
            XCTAssertEqual(audited, 1)
        }
    }
}

/// Issue 11.16: documents as PDF where LibreOffice is configured (a real LibreOffice converts the
/// .docx we write); otherwise the page says why only Word is offered.
final class DocumentPDFTests: XCTestCase {
    static var soffice: String? {
        ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func decidedCase(_ env: TestEnvironment, _ f: Fixture) async throws -> (InformationApplication, String) {
        var input = ApplicationInput()
        input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13912345678"
        input.description = "测试县民政局2025年城乡低保资金发放情况"
        let desk = ApplicationDesk(services: env.services)
        let (a, code) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: env.services.clock.today().adding(days: -3),
                                              clientAddress: "x", actor: .commandLine("t"))
        try await desk.record(.init(step: .decided, date: env.services.clock.today(), code: "1", provision: "通过电子邮件发送"), on: a, actor: .commandLine("t"))
        return (a, code)
    }

    func testWithoutAConverterThePageSaysWhy() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let (a, code) = try await decidedCase(env, f)
            try await env.withClient { client in
                let b = Browser(client)
                _ = try await b.get("/ysq/track")
                let page = try await b.post("/ysq/track/document", [("number", a.registrationNumber), ("code", code), ("kind", "reply"), ("format", "html")])
                XCTAssertTrue(page.body.contains("本站未配置 PDF 转换程序"))
                XCTAssertFalse(page.body.contains("value=\"pdf\""))
                let pdf = try await b.post("/ysq/track/document", [("number", a.registrationNumber), ("code", code), ("kind", "reply"), ("format", "pdf")])
                XCTAssertEqual(pdf.status, .badRequest)
            }
        }
    }

    func testLibreOfficeTurnsTheReplyIntoAPDF() async throws {
        guard let soffice = Self.soffice else {
            if ProcessInfo.processInfo.environment["GONGKAI_TEST_REQUIRE_SOFFICE"] != nil { return XCTFail("LibreOffice (soffice) is required here") }
            throw XCTSkip("LibreOffice is not installed")
        }
        try await withEnvironment(extraEnvironment: ["GONGKAI_PDF_CONVERTER": soffice]) { env in
            let f = try await Fixture.seed(env)
            let (a, code) = try await decidedCase(env, f)
            try await env.withClient { client in
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let page = try await staff.get("/admin/applications/\(a.id!.uuidString)/documents/reply")
                XCTAssertTrue(page.body.contains("documents/reply?format=pdf"))
                let pdf = try await staff.get("/admin/applications/\(a.id!.uuidString)/documents/reply?format=pdf")
                XCTAssertEqual(pdf.status, .ok, String(pdf.body.prefix(300)))
                XCTAssertEqual(pdf.headers[.contentType], "application/pdf")
                let bytes = Array(pdf.body.utf8)
                XCTAssertTrue(bytes.starts(with: Array("%PDF-".utf8)))
                XCTAssertGreaterThan(bytes.count, 2_000)
                let citizen = Browser(client)
                _ = try await citizen.get("/ysq/track")
                let own = try await citizen.post("/ysq/track/document", [("number", a.registrationNumber), ("code", code), ("kind", "reply"), ("format", "pdf")])
                XCTAssertEqual(own.status, .ok)
                XCTAssertTrue(Array(own.body.utf8).starts(with: Array("%PDF-".utf8)))
            }
        }
    }
}
