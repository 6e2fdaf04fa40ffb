import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class ApplicationFlowTests: XCTestCase {
    static let valid: [(String, String)] = [
        ("applicant_kind", "natural_person"), ("name", "王芳"), ("id_kind", "resident_id"), ("id_number", "11010519491231002X"),
        ("phone", "13912345678"), ("address", "测试县滨江路8号"), ("postcode", "642350"),
        ("description", "测试县民政局2025年城乡低保资金发放情况"), ("requested_form", "paper"), ("obtaining_way", "post"),
    ]

    static func value(after label: String, in body: String) -> String? {
        guard let r = body.range(of: "id=\"\(label)\"") else { return nil }
        let rest = body[r.upperBound...]
        guard let gt = rest.firstIndex(of: ">"), let lt = rest[gt...].firstIndex(of: "<") else { return nil }
        return String(rest[rest.index(after: gt)..<lt])
    }

    func testCitizenAppliesOnlineAndStaffHandleItToArchive() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let citizen = Browser(client)
                let formPage = try await citizen.get("/xxgk/\(f.deptA.id!)/apply")
                XCTAssertTrue(formPage.body.contains("提交申请"))

                // Field-level Chinese errors; what was typed is kept.
                var bad = Self.valid
                bad[3] = ("id_number", "110105194912310021")
                bad[7] = ("description", "低保")
                let rejected = try await citizen.post("/xxgk/\(f.deptA.id!)/apply", bad)
                XCTAssertEqual(rejected.status, .badRequest)
                XCTAssertTrue(rejected.body.contains("身份证号码校验位不正确"))
                XCTAssertTrue(rejected.body.contains("value=\"王芳\""))
                let none = try await InformationApplication.query(on: env.db).count()
                XCTAssertEqual(none, 0)

                let done = try await citizen.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                XCTAssertEqual(done.status, .ok)
                let number = try XCTUnwrap(Self.value(after: "registration-number", in: done.body))
                let code = try XCTUnwrap(Self.value(after: "query-code", in: done.body))
                XCTAssertEqual(number, "\(f.deptA.id!)-\(env.services.clock.today().year)-00001")
                XCTAssertEqual(code.count, 8)
                let stored = try await InformationApplication.query(on: env.db).first()!
                XCTAssertEqual(stored.statusValue, .awaitingConfirmation)
                XCTAssertNotEqual(stored.queryCodeHash, code, "only a hash of the query code is kept")

                // Tracking needs the right code.
                try await citizen.get("/ysq/track")
                let wrong = try await citizen.post("/ysq/track", [("number", number), ("code", "AAAAAAAA")])
                XCTAssertEqual(wrong.status, .notFound)
                let tracked = try await citizen.post("/ysq/track", [("number", number), ("code", code.lowercased())])
                XCTAssertTrue(tracked.body.contains("待确认收到"))

                // Staff: the list masks the name; the handler confirms the receipt date.
                let staff = Browser(client)
                try await staff.logIn("handlera", Fixture.password)
                let list = try await staff.get("/admin/applications")
                XCTAssertTrue(list.body.contains("王*"))
                XCTAssertFalse(list.body.contains("王芳"))
                let path = "/admin/applications/\(stored.id!.uuidString)"
                let detail = try await staff.get(path)
                XCTAssertTrue(detail.body.contains("110105********002X"), "ID numbers are masked even on the case page")
                let future = try await staff.post(path + "/steps", [("step", "registered"), ("date", "2099-01-01")])
                XCTAssertEqual(future.status, .badRequest)
                XCTAssertTrue(future.body.contains("日期不能晚于今天"))
                // Backdate to make the statutory example reproducible; submitted "today" forbids it, so
                // move the submission back first (as if it had arrived then).
                let ev = try await ApplicationEvent.query(on: env.db).first()!
                ev.effectiveOn = "2026-09-25"
                try await ev.update(on: env.db)
                let awaited1 = try await staff.post(path + "/steps", [("step", "registered"), ("date", "2026-09-28")]).status
                XCTAssertEqual(awaited1, .found)
                let registered = try await staff.get(path)
                XCTAssertTrue(registered.body.contains("9月28日收到，次日起算；10月1日至7日休；10月10日调休上班；第20个工作日为10月30日"),
                              registered.body)

                // 补正 later than 7 working days is refused with the latest date.
                let late = try await staff.post(path + "/steps", [("step", "correction_requested"), ("date", "2026-10-20"),
                                                                  ("deadline", "2026-10-30"), ("note", "请补充文号")])
                XCTAssertEqual(late.status, .badRequest)
                XCTAssertTrue(late.body.contains("补正告知应在收到申请之日起7个工作日内发出（最迟2026年10月13日）"))

                // Consultation pause, then resume.
                let awaited2 = try await staff.post(path + "/steps", [("step", "pause_started"), ("code", "third_party"), ("date", "2026-10-12"), ("note", "清溪某某建材有限公司")]).status
                XCTAssertEqual(awaited2, .found)
                let awaited3 = try await staff.post(path + "/steps", [("step", "pause_ended"), ("date", "2026-10-23"), ("note", "第三方同意")]).status
                XCTAssertEqual(awaited3, .found)

                let letter = try await staff.get(path + "/documents/consultation")
                XCTAssertTrue(letter.body.contains("清溪某某建材有限公司："))
                XCTAssertTrue(letter.body.contains("第三十二条"))
                XCTAssertFalse(letter.body.contains("王芳"), "the applicant's identity is not given to the third party")
                // Only a 领导 may extend.
                let awaited4 = try await staff.post(path + "/extend", [("days", "10"), ("note", "需要调取档案"), ("date", "2026-10-26")]).status
                XCTAssertEqual(awaited4, .forbidden)
                let leader = Browser(client)
                try await leader.logIn("leadera", Fixture.password)
                try await leader.get(path)
                let tooLong = try await leader.post(path + "/extend", [("days", "25"), ("note", "x"), ("date", "2026-10-26")])
                XCTAssertEqual(tooLong.status, .badRequest)
                let awaited5 = try await leader.post(path + "/extend", [("days", "10"), ("note", "需要调取档案"), ("date", "2026-10-26")]).status
                XCTAssertEqual(awaited5, .found)
                let extended = try await staff.get(path)
                XCTAssertTrue(extended.body.contains("经批准延长10个工作日"))
                XCTAssertTrue(extended.body.contains("其间9个工作日不计入"))

                // A refusal needs its reason; then decide, deliver and archive.
                let noReason = try await staff.post(path + "/steps", [("step", "decided"), ("code", "3.4"), ("date", "2026-11-10")])
                XCTAssertEqual(noReason.status, .badRequest)
                XCTAssertTrue(noReason.body.contains("须写明理由"))
                let awaited6 = try await staff.post(path + "/steps", [("step", "decided"), ("code", "2"), ("date", "2026-11-10"), ("note", "涉及个人隐私部分已作区分处理"), ("provision", "随本告知书在网上查询页面提供电子文件")]).status
                XCTAssertEqual(awaited6, .found)
                let awaited7 = try await staff.post(path + "/steps", [("step", "archived"), ("date", "2026-11-12")]).status
                XCTAssertEqual(awaited7, .badRequest)
                let awaited8 = try await staff.post(path + "/steps", [("step", "delivered"), ("date", "2026-11-11"), ("note", "EMS 1234567890")]).status
                XCTAssertEqual(awaited8, .found)
                let awaited9 = try await staff.post(path + "/steps", [("step", "archived"), ("date", "2026-11-12")]).status
                XCTAssertEqual(awaited9, .found)

                // A 会商 note stays internal.
                let awaitedNote = try await staff.post(path + "/steps", [("step", "note"), ("date", env.services.clock.today().description),
                                                                         ("note", "会商：张三、李四认为部分公开")]).status
                XCTAssertEqual(awaitedNote, .found)
                // The applicant sees the outcome; internal details stay internal.
                let final = try await citizen.post("/ysq/track", [("number", number), ("code", code)])
                XCTAssertTrue(final.body.contains("已归档"))
                XCTAssertTrue(final.body.contains("部分公开"))
                XCTAssertFalse(final.body.contains("区分处理的，只计"), "no annual-report counting notes for the applicant")
                XCTAssertFalse(final.body.contains("handlera"))
                XCTAssertFalse(final.body.contains("会商"))

                // The documents addressed to the applicant are on the tracking page, behind the same check.
                for label in ["<h3>文书</h3>", "登记回执", "延期答复告知书", "答复告知书"] { XCTAssertTrue(final.body.contains(label), label) }
                XCTAssertFalse(final.body.contains("征求意见函"), "letters to third parties are not the applicant's")
                let reply = try await citizen.post("/ysq/track/document", [("number", number), ("code", code), ("kind", "reply"), ("format", "html")])
                XCTAssertEqual(reply.status, .ok)
                XCTAssertTrue(reply.body.contains("涉及个人隐私部分已作区分处理"))
                XCTAssertTrue(reply.body.contains("本机关对可以区分处理的部分予以公开"))
                XCTAssertEqual(reply.headers[.cacheControl], "no-store")
                let word = try await citizen.post("/ysq/track/document", [("number", number), ("code", code), ("kind", "extension"), ("format", "docx")])
                XCTAssertEqual(word.status, .ok)
                XCTAssertEqual(word.headers[.contentType], "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                let notTheirs = try await citizen.post("/ysq/track/document", [("number", number), ("code", code), ("kind", "consultation")])
                XCTAssertEqual(notTheirs.status, .notFound)
                let guessed = try await citizen.post("/ysq/track/document", [("number", number), ("code", "ZZZZZZZZ"), ("kind", "reply")])
                XCTAssertEqual(guessed.status, .notFound)
                XCTAssertFalse(guessed.body.contains("涉及个人隐私"))
            }
            let app = try await InformationApplication.query(on: env.db).first()!
            XCTAssertEqual(app.outcome, ReplyOutcome.partiallyDisclosed.rawValue)
            XCTAssertEqual(app.decidedOn, "2026-11-10")
            let audited = try await AuditRecord.query(on: env.db).filter(\.$entity == "政府信息公开申请").count()
            XCTAssertGreaterThanOrEqual(audited, 8)
            guard case .intact = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
        }
    }

    func testSpamDefencesAndVillagesDoNotAcceptApplications() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/xxgk/\(f.deptA.id!)/apply")
                let bot = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid + [("website", "http://spam.example")])
                XCTAssertEqual(bot.status, .badRequest)
                for _ in 0..<5 {
                    let page = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                    XCTAssertEqual(page.status, .ok)
                }
                let sixth = try await b.post("/xxgk/\(f.deptA.id!)/apply", Self.valid)
                XCTAssertEqual(sixth.status, .tooManyRequests)
                XCTAssertTrue(sixth.body.contains("一天内提交的申请过多"))
                let village = try await b.get("/xxgk/\(f.village.id!)/apply")
                XCTAssertTrue(village.body.contains("不受理政府信息公开申请"))
                XCTAssertFalse(village.body.contains("提交申请</button>"))
            }
            let numbers = try await InformationApplication.query(on: env.db).all().map(\.serial).sorted()
            XCTAssertEqual(numbers, [1, 2, 3, 4, 5])
        }
    }
}
