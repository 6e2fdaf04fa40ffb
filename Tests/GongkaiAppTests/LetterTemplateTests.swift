import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class LetterTemplateAdminTests: XCTestCase {
    func testAnOfficeWordsItsOwnDocumentsAndDepartmentsInheritTheCountysWording() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let actor = AuditActor.commandLine("test")
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "office", displayName: "县公开办", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: actor)
            var input = ApplicationInput()
            input.name = "周九"; input.idNumber = "11010519491231002X"; input.phone = "13900007777"; input.description = "本局2026年部门预算"
            let (a, _) = try await ApplicationDesk(services: env.services).submit(
                input, to: f.deptA, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!, clientAddress: "x", actor: actor)
            let casePath = "/admin/applications/\(a.id!.uuidString)"
            try await env.withClient { client in
                // The county office sets the receipt wording for everything below it.
                let office = Browser(client)
                try await office.logIn("office", Fixture.password)
                let countyLetters = "/admin/orgs/\(f.county.id!)/letters"
                try await office.get(countyLetters + "/receipt")
                let saved = try await office.post(countyLetters + "/receipt", [("body", "{申请人}：本县已收到您的申请（{登记编号}）。\n联系方式：{联系方式}。")])
                XCTAssertEqual(saved.status, .found)

                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let deptLetters = "/admin/orgs/\(f.deptA.id!)/letters"
                let list = try await admin.get(deptLetters)
                XCTAssertTrue(list.body.contains("沿用测试县人民政府的文本"), "the department sees where its wording comes from")
                XCTAssertTrue(list.body.contains("系统默认"))

                // A mistake is explained next to the field and the text is kept.
                try await admin.get(deptLetters + "/reply.1")
                let wrong = try await admin.post(deptLetters + "/reply.1", [("body", "经审查予以公开。{身份证号码}")])
                XCTAssertEqual(wrong.status, .badRequest)
                XCTAssertTrue(wrong.body.contains("没有名为“身份证号码”的字段"))
                XCTAssertTrue(wrong.body.contains("经审查予以公开。{身份证号码}"))
                let ok = try await admin.post(deptLetters + "/reply.1", [("body", "经审查，{申请内容}予以公开，随函提供。\n联系方式：{联系方式}。")])
                XCTAssertEqual(ok.status, .found)
                let afterSave = try await admin.get(deptLetters)
                XCTAssertTrue(afterSave.body.contains("本机关自定义"))

                // Documents of the department's cases follow: the county's receipt, its own reply.
                let receipt = try await admin.get(casePath + "/documents/receipt")
                XCTAssertTrue(receipt.body.contains("本县已收到您的申请（\(a.registrationNumber)）"))
                let awaitedDecide = try await admin.post(casePath + "/steps", [("step", "decided"), ("code", "1"), ("date", "2026-11-05"), ("provision", "通过电子邮件发送")]).status
                XCTAssertEqual(awaitedDecide, .found)
                let reply = try await admin.get(casePath + "/documents/reply")
                XCTAssertTrue(reply.body.contains("经审查，“本局2026年部门预算”予以公开，随函提供。"))

                // Another department's administrator cannot touch this department's wording.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaitedOther = try await other.get(deptLetters + "/reply.1").status
                XCTAssertEqual(awaitedOther, .forbidden)

                // Back to the shipped text.
                let awaitedReset = try await admin.post(deptLetters + "/reply.1", [("action", "reset")]).status
                XCTAssertEqual(awaitedReset, .found)
                let shipped = try await admin.get(casePath + "/documents/reply")
                XCTAssertTrue(shipped.body.contains("属于公开范围"))
                let unknownSlot = try await admin.get(deptLetters + "/nonsense")
                XCTAssertEqual(unknownSlot.status, .notFound)
            }
            let trail = try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.letterTemplate.rawValue).all()
            XCTAssertEqual(trail.map(\.action).sorted(), ["create", "create", "delete"])
        }
    }
}
