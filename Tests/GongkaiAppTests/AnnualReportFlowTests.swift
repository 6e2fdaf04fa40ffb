import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class AnnualReportFlowTests: XCTestCase {
    func testComputeCheckWritePublishCorrectAndConsolidate() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            func apply(_ kind: ApplicantKind, received: String, decided: String?, outcome: ReplyOutcome?) async throws -> InformationApplication {
                var input = ApplicationInput()
                input.applicantKind = kind
                input.name = kind == .naturalPerson ? "申请人" : "某某有限公司"
                if kind != .naturalPerson { input.contactPerson = "联系人"; input.idKind = .creditCode; input.idNumber = "91350100M000100Y43" } else { input.idNumber = "11010519491231002X" }
                input.phone = "13900003333"; input.description = "2025年事项"
                let (a, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: received)!, clientAddress: "x", actor: actor)
                if let d = decided, let o = outcome {
                    try await desk.record(.init(step: .decided, date: CivilDate(iso: d)!, note: o.requiresReason ? "理由" : "", code: o.rawValue, notHeld: .doesNotExist, provision: "通过电子邮件发送"), on: a, actor: actor)
                }
                return a
            }
            _ = try await apply(.naturalPerson, received: "2024-12-20", decided: "2025-01-10", outcome: .disclosed)
            _ = try await apply(.naturalPerson, received: "2025-03-03", decided: "2025-03-20", outcome: .partiallyDisclosed)
            _ = try await apply(.commercialEnterprise, received: "2025-06-02", decided: "2025-06-20", outcome: .withheldThirdPartyRights)
            let broken = try await apply(.naturalPerson, received: "2025-09-01", decided: "2025-09-20", outcome: .unavailableNotHeld)
            _ = try await apply(.naturalPerson, received: "2025-12-29", decided: nil, outcome: nil)
            _ = try await f.item(env, title: "2025年的规范性文件", columns: ["zcwj"], kind: .normativeDocument)
            // A decided case that lost its outcome code cannot be counted: it blocks the report.
            broken.outcome = nil
            try await broken.update(on: env.db)

            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let path = "/admin/reports/\(f.deptA.id!)/2025"
                var page = try await admin.get(path)
                XCTAssertTrue(page.body.contains("已答复但没有办理结果代码"))
                XCTAssertTrue(page.body.contains("结转下年度"), "the open case is listed")
                let notSaved = try await admin.post(path + "/publish", [])
                XCTAssertTrue(notSaved.body.contains("请先保存报告正文"))
                let bad = try await admin.post(path, [("overview", "太短"), ("problems", "问题与改进的说明文字"), ("other", "无"),
                                                      ("licensing", "12"), ("fees_wan", "0"), ("source", "")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("请填写总体情况"))
                XCTAssertTrue(bad.body.contains("请注明这些数据的来源"))
                let saved = try await admin.post(path, [("overview", String(repeating: "本机关认真贯彻条例，", count: 4)),
                                                        ("problems", "一是公开内容还不够全面；二是解读形式较单一。"), ("other", "本年度未收取信息处理费。"),
                                                        ("licensing", "12"), ("penalties", "3"), ("enforcement", "0"), ("fees_wan", "1.5"),
                                                        ("source", "县政务服务中心系统导出，2026年1月8日")]).status
                XCTAssertEqual(saved, .found)
                let blocked = try await admin.post(path + "/publish", [])
                XCTAssertEqual(blocked.status, .badRequest)
                XCTAssertTrue(blocked.body.contains("报告未通过校验"))

                broken.outcome = ReplyOutcome.unavailableNotHeld.rawValue
                try await broken.update(on: env.db)
                page = try await admin.get(path)
                XCTAssertTrue(page.body.contains("表格勾稽关系校验通过"))
                let published = try await admin.post(path + "/publish", []).status
                XCTAssertEqual(published, .found)
                page = try await admin.get(path)
                XCTAssertTrue(page.body.contains("id=\"report-status\">已发布"))

                let citizen = Browser(client)
                let list = try await citizen.get("/xxgk/\(f.deptA.id!)/annual-reports")
                XCTAssertTrue(list.body.contains("测试县民政局2025年政府信息公开工作年度报告"))
                let report = try await citizen.get("/xxgk/\(f.deptA.id!)/annual-reports/2025")
                XCTAssertTrue(report.body.contains("<td colspan=\"3\">1.5</td>"), "fees in 万元")
                XCTAssertTrue(report.body.contains("三、本年度办理结果"))
                let docx = try await citizen.get("/xxgk/\(f.deptA.id!)/annual-reports/2025?format=docx")
                XCTAssertEqual(docx.headers[.contentType], "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

                // Published: a change is a correction, shown with its date.
                let noNote = try await admin.post(path + "/publish", [("correction", "")])
                XCTAssertEqual(noNote.status, .badRequest)
                let corrected = try await admin.post(path + "/publish", [("correction", "更正行政许可数量"), ("problems", "一是公开内容还不够全面。")]).status
                XCTAssertEqual(corrected, .found)
                let after = try await citizen.get("/xxgk/\(f.deptA.id!)/annual-reports/2025")
                XCTAssertTrue(after.body.contains("更正：更正行政许可数量"))
                XCTAssertTrue(after.body.contains("一是公开内容还不够全面。"))

                // The county sees who has published, and the consolidated table.
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let overview = try await root.get("/admin/reports?year=2025")
                XCTAssertTrue(overview.body.contains("已发布 1 /"))
                let sum = try await root.get("/admin/reports/\(f.county.id!)/2025/consolidated")
                XCTAssertEqual(sum.status, .ok)
                XCTAssertTrue(sum.body.contains("汇总表"))
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaitedOther = try await other.get(path).status
                XCTAssertEqual(awaitedOther, .forbidden)
            }
            let r = try await AnnualReport.query(on: env.db).first()!
            let snapshot = try XCTUnwrap(AnnualReportDesk(services: env.services).publishedSnapshot(r))
            let laid = try XCTUnwrap(snapshot.applications.layout())
            func row(_ label: String) -> [String] { laid.first { $0.contains { $0.cell.text == label } }!.suffix(7).map(\.cell.text) }
            // Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
            XCTAssertEqual(row("一、本年新收政府信息公开申请数量"), ["3", "1", "0", "0", "0", "0", "4"])
            XCTAssertEqual(row("二、上年结转政府信息公开申请数量"), ["1", "0", "0", "0", "0", "0", "1"])
            XCTAssertEqual(row("（一）予以公开"), ["1", "0", "0", "0", "0", "0", "1"])
            XCTAssertEqual(row("4.保护第三方合法权益"), ["0", "1", "0", "0", "0", "0", "1"])
            XCTAssertEqual(row("（七）总计"), ["3", "1", "0", "0", "0", "0", "4"])
            XCTAssertEqual(row("四、结转下年度继续办理"), ["1", "0", "0", "0", "0", "0", "1"])
            let proactive = try XCTUnwrap(snapshot.proactive.layout())
            XCTAssertEqual(proactive.first { $0[0].cell.text == "行政许可" }?[1].cell.text, "12")
        }
    }
}

/// Issue 11.8: the pre-filled texts state what the unit's data show; an unfinished year is not
/// published without a confirmation.
final class AnnualReportTextTests: XCTestCase {
    func testPrefilledTextReportsLateCasesAndAnUnfinishedYearNeedsConfirmation() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let desk = ApplicationDesk(services: env.services)
            let actor = AuditActor.commandLine("test")
            let last = env.services.clock.today().year - 1
            var input = ApplicationInput()
            input.name = "申请人"; input.idNumber = "11010519491231002X"; input.phone = "13900003333"; input.description = "往年事项"
            let (late, _) = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(year: last, month: 1, day: 5)!,
                                                  clientAddress: "x", actor: actor)
            // Answered two months after receipt, with no extension: past the 20 working days.
            try await desk.record(.init(step: .decided, date: CivilDate(year: last, month: 3, day: 20)!, code: "1", provision: "邮寄"), on: late, actor: actor)
            _ = try await desk.submit(input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(year: last, month: 6, day: 1)!,
                                      clientAddress: "x", actor: actor)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let page = try await admin.get("/admin/reports/\(f.deptA.id!)/\(last)")
                XCTAssertTrue(page.body.contains("1件超过法定期限答复"), "the late answer is stated")
                XCTAssertTrue(page.body.contains("1件至年底已超过法定期限仍未答复"))
                XCTAssertFalse(page.body.contains("均依法按时办理"))
                XCTAssertFalse(page.body.contains("均在法定期限内"))
                XCTAssertTrue(page.body.contains("未发出信息处理费收费通知"))

                let thisYear = "/admin/reports/\(f.deptA.id!)/\(last + 1)"
                let saved = try await admin.post(thisYear, [("overview", String(repeating: "本机关认真贯彻条例，", count: 4)),
                                                            ("problems", "一是公开内容还不够全面；二是解读形式较单一。"), ("other", "无"),
                                                            ("licensing", "0"), ("penalties", "0"), ("enforcement", "0"), ("fees_wan", "0")]).status
                XCTAssertEqual(saved, .found)
                let early = try await admin.post(thisYear + "/publish", [])
                XCTAssertEqual(early.status, .badRequest)
                XCTAssertTrue(early.body.contains("年尚未结束"), String(early.body.prefix(300)))
                let confirmed = try await admin.post(thisYear + "/publish", [("confirm_unfinished", "1")])
                XCTAssertFalse(confirmed.body.contains("年尚未结束，现在发布"))
            }
        }
    }
}
