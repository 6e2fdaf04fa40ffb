import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import XCTest
@testable import GongkaiApp

/// Site monitoring against a real local site with planted faults (a Hummingbird server on
/// 127.0.0.1): every problem type is found where it is, a clean page gives nothing, robots.txt is
/// obeyed, no request leaves 127.0.0.1; then the portal's own data checks, the report with
/// assign/fix/recheck and its .xlsx, the 政务新媒体 registry and the 负面清单.
final class InspectionTests: XCTestCase {
    static let monitorEnvironment = ["GONGKAI_MONITOR_PRIVATE": "true", "GONGKAI_MONITOR_DELAY_MS": "0", "GONGKAI_MONITOR_EXTERNAL_LINKS": "false"]

    /// The planted site: its pages, and every path it was asked for.
    final class PlantedSite: Sendable {
        let requested = NIOLockedValueBox<[String]>([])
        let missingFixed = NIOLockedValueBox(false)
        let idDocx: [UInt8] = DocxWriter.write(title: "名单", blocks: [.paragraph("张三 身份证号 110101199003074514")], issuer: "测试", date: "2026-11-02")

        func router() -> Router<BasicRequestContext> {
            let router = Router()
            let pages: [String: String] = [
                "/": """
                <html><head><title>测试部门网站</title></head><body><p>更新日期 2020-01-05</p>
                <a href="/news">工作动态</a> <a href="/clean">机构职能</a> <a href="/missing">已删除的通知</a>
                <a href="/private/secret">内部</a> <a href="https://www.example.com/elsewhere">外部网站</a>
                <div style="display:none"><a href="http://spam-links.example.org/">友情链接</a></div>
                <a href="https://lucky88.bet/">幸运</a></body></html>
                """,
                "/news": """
                <html><head><title>工作动态</title></head><body><p>请各单位按装烟感报警器，联系人电话 13812345678。文件标注绝密字样。</p>
                <a href="/files/list.docx">名单</a> <a href="/">首页</a></body></html>
                """,
                "/clean": "<html><head><title>机构职能</title></head><body><p>本局负责全县民政工作。</p><a href=\"/\">首页</a> <a href=\"/news\">动态</a></body></html>",
                "/private/secret": "<html><body>不应被抓取</body></html>",
            ]
            for (path, html) in pages {
                router.get(RouterPath(path)) { request, _ in
                    self.requested.withLockedValue { $0.append(request.uri.path) }
                    var headers = HTTPFields(); headers[.contentType] = "text/html; charset=utf-8"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
                }
            }
            router.get("/robots.txt") { request, _ in
                self.requested.withLockedValue { $0.append(request.uri.path) }
                return "User-agent: *\nDisallow: /private\n"
            }
            router.get("/missing") { request, _ -> Response in
                self.requested.withLockedValue { $0.append(request.uri.path) }
                return Response(status: self.missingFixed.withLockedValue { $0 } ? .ok : .notFound, body: .init(byteBuffer: ByteBuffer(string: "<html></html>")))
            }
            router.get("/files/list.docx") { request, _ -> Response in
                self.requested.withLockedValue { $0.append(request.uri.path) }
                var headers = HTTPFields(); headers[.contentType] = AttachmentType.docx.mimeType
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: self.idDocx)))
            }
            return router
        }
    }

    func testCrawlFindsEachPlantedFaultAndNothingOnACleanPage() async throws {
        let planted = PlantedSite()
        let server = Application(router: planted.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { client in
            let base = "http://127.0.0.1:\(try XCTUnwrap(client.port))"
            try await withEnvironment(extraEnvironment: Self.monitorEnvironment) { env in
                let f = try await Fixture.seed(env)
                let starter = try await CheckTerm.query(on: env.db).filter(\.$list == CheckTerm.List.sensitive.rawValue).filter(\.$term == "绝密").count()
                XCTAssertEqual(starter, 1, "the planted page uses a word of the starter sensitive list")
                let desk = MonitorDesk(services: env.services)
                try await desk.addSite(name: "测试部门旧网站", url: base, organisationID: f.deptA.id!, actor: .commandLine("t"))
                let u1 = try await MonitoredSite.all(env.services).first { !$0.isPortal }
                let site = try XCTUnwrap(u1)
                let run = try await desk.runToEnd(site, trigger: "手动")

                let problems = try await MonitorProblem.query(on: env.db).filter(\.$siteKey == site.key).all()
                let kinds = Set(problems.compactMap(\.kindValue))
                for k in [InspectionProblemKind.deadLink, .hiddenLink, .typo, .seriousWording, .privacyLeak, .homepageStale] {
                    XCTAssertTrue(kinds.contains(k), "\(k.label) not found: \(problems.map(\.detail))")
                }
                let dead = try XCTUnwrap(problems.first { $0.kindValue == .deadLink })
                XCTAssertEqual(dead.pageURL, base + "/", "a dead link is reported on the page where it occurs")
                XCTAssertEqual(dead.target, base + "/missing")
                XCTAssertTrue(dead.detail.contains("已删除的通知") && dead.detail.contains("404"), dead.detail)
                let hidden = problems.filter { $0.kindValue == .hiddenLink }.map(\.target).sorted()
                XCTAssertEqual(hidden, ["http://spam-links.example.org/", "https://lucky88.bet/"])
                XCTAssertTrue(problems.contains { $0.kindValue == .privacyLeak && $0.target.hasPrefix(base + "/files/list.docx#") }, "the attachment's ID number")
                XCTAssertTrue(problems.contains { $0.kindValue == .privacyLeak && $0.pageURL == base + "/news" })
                for p in problems where p.kindValue == .privacyLeak {
                    XCTAssertFalse(p.detail.contains("13812345678") || p.detail.contains("110101199003074514"), "personal data is not repeated in the report")
                }
                XCTAssertFalse(problems.contains { $0.pageURL == base + "/clean" }, "a clean page gives no problem")
                XCTAssertTrue(problems.allSatisfy { $0.organisationID == f.deptA.id! })

                let asked = planted.requested.withLockedValue { $0 }
                XCTAssertFalse(asked.contains("/private/secret"), "robots.txt is obeyed")
                XCTAssertEqual(asked.filter { $0 == "/news" }.count, 1, "each page is fetched once per run")
                let fetched = try await MonitorPage.query(on: env.db).filter(\.$runID == run.id!).filter(\.$state != "pending").all()
                for p in fetched where p.state != "robots" {
                    XCTAssertEqual(URLComponents(string: p.url)?.host, "127.0.0.1", "nothing but the local site is fetched: \(p.url)")
                }
                XCTAssertTrue(fetched.contains { $0.state == "robots" && $0.url.hasSuffix("/private/secret") })

                // The link is mended: the next run resolves it and finds nothing new.
                planted.missingFixed.withLockedValue { $0 = true }
                let second = try await desk.runToEnd(site, trigger: "手动")
                let again = try await MonitorProblem.find(dead.id, on: env.db)
                XCTAssertEqual(again?.status, "resolved")
                let leftOver = try await MonitorPage.query(on: env.db).filter(\.$runID == run.id!).count()
                XCTAssertEqual(leftOver, 0, "the frontier of the earlier run is dropped once the next run is finished")
                let counts = try JSONDecoder().decode([String: Int].self, from: Data(second.countsJSON.utf8))
                XCTAssertEqual(counts["new"], 0)
                XCTAssertEqual(counts["resolved"], 1)
                let v2 = try await MonitorProblem.query(on: env.db).filter(\.$siteKey == site.key).count()
                XCTAssertEqual(v2, problems.count, "problems are kept across runs, not duplicated")
            }
        }
    }

    func testPortalDataChecksAndTheVerdict() async throws {
        try await withEnvironment(extraEnvironment: Self.monitorEnvironment) { env in
            env.services.clock.set(day: CivilDate(iso: "2026-05-01")!)
            let f = try await Fixture.seed(env)
            // 政策文件 (a 通知公告、政策文件类 column) last updated on 2026-05-01: stale after 183 days.
            _ = try await f.item(env, title: "县民政局临时救助办法", columns: ["zcwj"], kind: .normativeDocument)
            // A consultation letter received in July and never answered.
            var letter = LetterDesk.Input()
            letter.subject = "低保申请需要哪些材料"; letter.body = "请问低保申请需要哪些材料"; letter.name = "王芳"; letter.phone = "13900001111"
            let (l, _) = try await LetterDesk(services: env.services).submit(letter, to: f.deptA, policy: nil, clientAddress: "127.0.0.1")
            l.receivedOn = "2026-07-20"
            try await l.update(on: env.db)
            env.services.clock.set(day: CivilDate(iso: "2026-12-08")!)
            let u3 = try await MonitoredSite.portal(env.services)
            let site = try XCTUnwrap(u3)
            let found = try await PortalChecks(services: env.services).run(site: site)
            let stale = found.filter { $0.kind == .staleColumn && $0.organisationID == f.deptA.id! }
            XCTAssertEqual(stale.map(\.target), ["zcwj"], "\(found.map(\.detail))")
            XCTAssertTrue(stale.first?.detail.contains("2026-05-01") ?? false)
            XCTAssertTrue(found.contains { $0.kind == .homepageStale }, "nothing new on the whole site for months")
            XCTAssertTrue(found.contains { $0.kind == .unansweredMessage && $0.target == l.number && $0.organisationID == l.handlingID })
            // Answered in time, or newer than three months: not a problem.
            env.services.clock.set(day: CivilDate(iso: "2026-10-19")!)
            let early = try await PortalChecks(services: env.services).run(site: site)
            XCTAssertFalse(early.contains { $0.kind == .unansweredMessage })
            XCTAssertFalse(early.contains { $0.kind == .staleColumn && $0.organisationID == f.deptA.id! })
        }
    }

    func testReportAssignFixRecheckAndExport() async throws {
        let planted = PlantedSite()
        let server = Application(router: planted.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { client in
            let base = "http://127.0.0.1:\(try XCTUnwrap(client.port))"
            try await withEnvironment(extraEnvironment: Self.monitorEnvironment) { env in
                let f = try await Fixture.seed(env)
                let desk = MonitorDesk(services: env.services)
                try await desk.addSite(name: "测试部门旧网站", url: base, organisationID: f.deptA.id!, actor: .commandLine("t"))
                let u4 = try await MonitoredSite.all(env.services).first { !$0.isPortal }
                let site = try XCTUnwrap(u4)
                try await desk.runToEnd(site, trigger: "手动")
                let u5 = try await MonitorProblem.query(on: env.db).filter(\.$kind == InspectionProblemKind.deadLink.rawValue).first()
                let dead = try XCTUnwrap(u5)
                try await env.withClient { client in
                    let admin = Browser(client)
                    _ = try await admin.logIn("admina", Fixture.password)
                    let page = try await admin.get("/admin/monitor")
                    XCTAssertEqual(page.status, .ok)
                    XCTAssertTrue(page.body.contains("单项否决"), "the hidden links are a veto")
                    XCTAssertTrue(page.body.contains("安全、泄密事故等严重问题"))
                    XCTAssertTrue(page.body.contains("测试县民政局"))
                    let filtered = try await admin.get("/admin/monitor?kind=dead_link&org=\(f.deptA.id!)")
                    XCTAssertTrue(filtered.body.contains("已删除的通知"))
                    XCTAssertFalse(filtered.body.contains("lucky88.bet"))
                    let v6 = try await admin.get("/admin/monitor?kind=nonsense").status
                    XCTAssertEqual(v6, .badRequest)

                    let assigned = try await admin.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "assign"), ("assignee", "县民政局 信息员")])
                    XCTAssertEqual(assigned.status, .found)
                    // The department's information officer may say it is fixed, not assign.
                    let officer = Browser(client)
                    _ = try await officer.logIn("officera", Fixture.password)
                    let v7 = try await officer.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "assign"), ("assignee", "别人")]).status
                    XCTAssertEqual(v7, .forbidden)
                    let empty = try await officer.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "fixed"), ("note", "")])
                    XCTAssertEqual(empty.status, .badRequest)
                    XCTAssertTrue(empty.body.contains("请说明如何整改"))
                    let v8 = try await officer.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "fixed"), ("note", "已恢复页面")]).status
                    XCTAssertEqual(v8, .found)
                    let v9 = try await MonitorProblem.find(dead.id, on: env.db)?.status
                    XCTAssertEqual(v9, "fixed")
                    // Not really fixed: the re-check says so.
                    let v10 = try await officer.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "recheck")]).location?.contains("recheck-still")
                    XCTAssertEqual(v10, true)
                    let v11 = try await MonitorProblem.find(dead.id, on: env.db)?.status
                    XCTAssertEqual(v11, "assigned")
                    planted.missingFixed.withLockedValue { $0 = true }
                    let v12 = try await officer.post("/admin/monitor/problems/\(dead.id!.uuidString)", [("action", "recheck")]).location?.contains("recheck-gone")
                    XCTAssertEqual(v12, true)
                    let v13 = try await MonitorProblem.find(dead.id, on: env.db)?.status
                    XCTAssertEqual(v13, "resolved")

                    let export = try await admin.get("/admin/monitor/export.xlsx?status=all")
                    XCTAssertEqual(export.status, .ok)
                    XCTAssertEqual(export.headers[.contentType], AttachmentType.xlsx.mimeType)
                    // The workbook the route sends, read back by our reader (openpyxl reads it in the browser scenario).
                    let all = try await MonitorQueries.problems(env.services, visible: [f.deptA.id!], filter: .init(status: "all"))
                    let names = try await OrganisationQueries.activeNames(env.services)
                    let rows = try XCTUnwrap(XlsxReader.read(MonitorQueries.workbook(all, names: names)))
                    XCTAssertEqual(rows.first?.prefix(4), ["序号", "单位", "问题类型", "单项否决项"])
                    XCTAssertTrue(rows.contains { $0.count > 9 && $0[2] == "错链/死链" && $0[9] == "已消除" && $0[10] == "县民政局 信息员" })
                    // Another department's administrator sees none of it.
                    let other = Browser(client)
                    _ = try await other.logIn("adminb", Fixture.password)
                    let v14 = try await other.get("/admin/monitor").body.contains("已删除的通知")
                    XCTAssertFalse(v14)
                }
                // The site is taken off the list: its open problems close, nothing more is crawled.
                try await env.withClient { client in
                    let admin = Browser(client)
                    _ = try await admin.logIn("admina", Fixture.password)
                    let stopped = try await admin.post("/admin/monitor/sites/\(site.key)", [])
                    XCTAssertEqual(stopped.status, .found)
                }
                let open = try await MonitorProblem.query(on: env.db).filter(\.$siteKey == site.key).filter(\.$status != "resolved").count()
                XCTAssertEqual(open, 0)
                let watched = try await MonitoredSite.all(env.services).map(\.key)
                XCTAssertFalse(watched.contains(site.key))
                let audit = try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.siteMonitoring.rawValue).all().map(\.action)
                XCTAssertTrue(["登记网站", "交办", "整改", "复查", "停止监测"].allSatisfy(audit.contains), "\(audit)")
            }
        }
    }
}
