import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

final class AttachmentFlowTests: XCTestCase {
    func testUploadsAreCheckedStoredOnceAndServedOnlyWithThePublicItem() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_UPLOAD_MAX_MB": "1"]) { env in
            let f = try await Fixture.seed(env)
            let draft = try await f.item(env, title: "带附件的公示", publish: false)
            let pdf = Array("%PDF-1.4\n低保资金发放名单（已脱敏）\n%%EOF".utf8)
            let docx = DocxWriter.write(FormalDocument(title: "名单", paragraphs: [.init("联系人李四 13912345678")], issuer: "测试县民政局", date: "2026年11月2日"))
            try await env.withClient { client in
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let path = "/admin/items/\(draft.id!.uuidString)"
                try await officer.get(path)
                // Not what it claims: HTML named .pdf.
                let fake = try await officer.postMultipart(path + "/attachments", [], files: [("attachment", "名单.pdf", Array("<html><script>alert(1)</script>".utf8))])
                XCTAssertEqual(fake.status, .badRequest)
                XCTAssertTrue(fake.body.contains("“名单.pdf”不是可接受的文件"))
                let tooBig = try await officer.postMultipart(path + "/attachments", [], files: [("attachment", "大.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 65, count: 1_100_000))])
                XCTAssertEqual(tooBig.status, .badRequest)
                XCTAssertTrue(tooBig.body.contains("超过 1 MB"))
                let ok = try await officer.postMultipart(path + "/attachments", [], files: [("attachment", "../低保名单.PDF", pdf), ("attachment", "附表.docx", docx)])
                XCTAssertEqual(ok.status, .found)
                // The same content again: one stored copy.
                let again = try await officer.postMultipart(path + "/attachments", [], files: [("attachment", "副本.pdf", pdf)])
                XCTAssertEqual(again.status, .found)
                let page = try await officer.get(path)
                XCTAssertTrue(page.body.contains("低保名单.pdf"))
                XCTAssertTrue(page.body.contains("（附件：附表.docx）：手机号码未脱敏"), "the text of Word attachments is checked")
                XCTAssertTrue(page.body.contains("附表.docx"))
                // Without a CSRF token nothing is accepted.
                let noToken = try await officer.postMultipart(path + "/attachments", [("_csrf", "")], files: [("attachment", "x.pdf", pdf)])
                XCTAssertEqual(noToken.status, .forbidden)
            }
            let stored = try await StoredFile.query(on: env.db).count()
            XCTAssertEqual(stored, 2, "stored once per content")
            let attachments = try await ItemAttachment.query(on: env.db).sort(\.$createdAt).all()
            XCTAssertEqual(attachments.map(\.displayName), ["低保名单.pdf", "附表.docx", "副本.pdf"])
            let publicPath = "/xxgk/\(f.deptA.id!)/content/\(draft.id!.uuidString)/files/\(attachments[0].id!.uuidString)"
            try await env.withClient { client in
                let citizen = Browser(client)
                let before = try await citizen.get(publicPath)
                XCTAssertEqual(before.status, .notFound, "not before the item is public")
            }
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(flow: ReviewFlow(steps: [.init(name: "保密审查", role: .secrecyReviewer)])))
            try await desk.perform(.submit, on: draft, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            // The phone number in the Word attachment stops publication until a 保密审查员 lets it pass.
            do {
                try await desk.perform(.approve, on: draft, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
                XCTFail("personal data in an attachment blocks")
            } catch PublishingDesk.Failure.refused(let m) { XCTAssertTrue(m.contains("还有1处")) }
            try await desk.overrideFindings(draft, reason: "该号码为单位公开的办事电话", actor: .commandLine("t"))
            try await desk.perform(.approve, on: draft, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
            try await env.withClient { client in
                let citizen = Browser(client)
                let file = try await citizen.get(publicPath)
                XCTAssertEqual(file.status, .ok)
                XCTAssertEqual(file.headers[.contentType], "application/pdf")
                XCTAssertTrue(file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"file.pdf\"; filename*=UTF-8''") ?? false)
                XCTAssertEqual(file.headers[.init("X-Content-Type-Options")!], "nosniff")
                // The attachment keeps its own sandbox policy; the site-wide one does not replace it.
                XCTAssertEqual(file.headers[.contentSecurityPolicy], "sandbox; default-src 'none'")
                let item = try await citizen.get("/xxgk/\(f.deptA.id!)/content/\(draft.id!.uuidString)")
                XCTAssertTrue(item.body.contains("附件：<a href=\"\(publicPath)\">低保名单.pdf</a>"))
                let wrongItem = try await citizen.get("/xxgk/\(f.deptA.id!)/content/\(UUID().uuidString)/files/\(attachments[0].id!.uuidString)")
                XCTAssertEqual(wrongItem.status, .notFound)
            }
        }
    }
}
