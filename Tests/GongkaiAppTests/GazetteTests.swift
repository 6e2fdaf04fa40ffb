import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The 政府公报 over HTTP: an issue numbered once per year, items placed by 索引号 in the section of
/// their kind, published only with contents; the public contents in print order, the item page
/// naming the issue, the two-column print edition and the .docx.
final class GazetteTests: XCTestCase {
    func testIssueFromContentsToPublicEditions() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await LetterTests.grantCountyOffice(env, f)
            env.services.clock.set(day: CivilDate(iso: "2026-11-10")!)
            let desk = PublishingDesk(services: env.services, fixed: PublishingSettings(
                flow: ReviewFlow(steps: [.init(name: "保密审查", role: .secrecyReviewer)]), interpretationRule: .warn))
            func publish(_ title: String, _ kind: InformationKind, in org: Organisation) async throws -> InformationItem {
                var p = ItemInput()
                p.title = title; p.kind = kind; p.writtenOn = CivilDate(iso: "2026-11-02"); p.bodyHTML = "<p>第一条 \(title)正文。</p>"; p.columns = ["zcwj"]
                let item = try await desk.create(p, in: org, author: f.officerA, actor: .commandLine("t"))
                try await desk.perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
                try await desk.perform(.approve, on: item, roles: [.secrecyReviewer], actorUserID: f.secrecyA.id, actor: .commandLine("t"))
                return item
            }
            let rules = try await publish("测试县低保实施办法", .normativeDocument, in: f.deptA)
            let appointment = try await publish("关于王某某同志任职的通知", .personnel, in: f.deptA)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("countyoffice", Fixture.password)
                let bad = try await office.post("/admin/gazette", [("organisation", String(f.county.id!)), ("year", "2026"), ("number", "0"), ("issued_on", "2025-12-31")])
                XCTAssertTrue(bad.body.contains("期号应为1到366") && bad.body.contains("出版日期应在2026年内"))
                _ = try await office.post("/admin/gazette", [("organisation", String(f.county.id!)), ("year", "2026"), ("number", "1"), ("issued_on", "2026-11-10")])
                let twice = try await office.post("/admin/gazette", [("organisation", String(f.county.id!)), ("year", "2026"), ("number", "1"), ("issued_on", "2026-11-10")])
                XCTAssertTrue(twice.body.contains("2026年第1期已存在"))
                let issue = try await GazetteIssue.query(on: env.db).first()!
                let path = "/admin/gazette/\(issue.id!.uuidString)"
                let empty = try await office.post(path, [("action", "publish")])
                XCTAssertTrue(empty.body.contains("本期还没有刊登任何信息"))
                let unknown = try await office.post(path, [("action", "add"), ("index_number", "NO-SUCH-INDEX")])
                XCTAssertTrue(unknown.body.contains("找不到索引号为“NO-SUCH-INDEX”的已发布信息"))
                _ = try await office.post(path, [("action", "add"), ("index_number", appointment.indexNumber)])
                _ = try await office.post(path, [("action", "add"), ("index_number", rules.indexNumber)])
                let again = try await office.post(path, [("action", "add"), ("index_number", rules.indexNumber)])
                XCTAssertTrue(again.body.contains("本期已刊登该信息"))
                let hidden = try await Browser(client).get(GazetteRoutes.href(issue))
                XCTAssertEqual(hidden.status, .notFound, "not public before it is published")
                _ = try await office.post(path, [("action", "publish")])
                let late = try await office.post(path, [("action", "add"), ("index_number", rules.indexNumber)])
                XCTAssertTrue(late.body.contains("本期已出版，不能再调整目录"))

                let citizen = Browser(client)
                let page = try await citizen.get(GazetteRoutes.href(issue))
                let normative = try XCTUnwrap(page.body.range(of: "<h3>行政规范性文件</h3>")), personnel = try XCTUnwrap(page.body.range(of: "<h3>人事任免</h3>"))
                XCTAssertLessThan(normative.lowerBound, personnel.lowerBound, "sections in print order, whatever order they were added")
                XCTAssertTrue(page.body.contains("测试县人民政府公报 2026年第1期（总第1期）"))
                let item = try await citizen.get(ParticipationQueries.itemHref(rules))
                XCTAssertTrue(item.body.contains("刊登公报") && item.body.contains("测试县人民政府公报2026年第1期"), "the item page names the issue")
                let print = try await citizen.get(GazetteRoutes.href(issue) + "/print")
                XCTAssertTrue(print.body.contains("gazette-columns") && print.body.contains("第一条 测试县低保实施办法正文。"))
                let bytes = try await client.execute(uri: GazetteRoutes.href(issue) + "/issue.docx", method: .get) { Array(buffer: $0.body) }
                let text = try XCTUnwrap(OfficeText.docx(bytes))
                XCTAssertTrue(text.contains("目录") && text.contains("关于王某某同志任职的通知") && text.contains("第一条 测试县低保实施办法正文。"))
                let list = try await citizen.get("/gongbao?year=2026")
                XCTAssertTrue(list.body.contains("2026年第1期"))
                let badYear = try await citizen.get("/gongbao?year=1900")
                XCTAssertEqual(badYear.status, .badRequest)
            }
        }
    }
}
