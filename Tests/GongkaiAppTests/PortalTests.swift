import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class PortalTests: XCTestCase {
    func testOrganisationColumnHasTheStandardSectionsAndGuideFacts() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_SPONSOR": "测试县人民政府办公室", "GONGKAI_SITE_CODE": "5199010001"]) { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                let home = try await b.get("/")
                XCTAssertEqual(home.status, .ok)
                XCTAssertTrue(home.body.contains("测试县民政局"))
                XCTAssertTrue(home.body.contains("主办单位：测试县人民政府办公室"))
                XCTAssertTrue(home.body.contains("网站标识码：5199010001"))
                XCTAssertFalse(home.body.contains("联系方式："), "unset footer facts leave no empty label")

                let column = try await b.get("/xxgk/\(f.deptA.id!)")
                for section in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"] {
                    XCTAssertTrue(column.body.contains(section), section)
                }
                let guide = try await b.get("/xxgk/\(f.deptA.id!)/guide")
                XCTAssertTrue(guide.body.contains("县民政局办公室"))
                XCTAssertTrue(guide.body.contains("0832-1234567"))
                for path in ["rules", "fdzdgknr", "annual-reports", "apply"] {
                    let page = try await b.get("/xxgk/\(f.deptA.id!)/\(path)")
                    XCTAssertEqual(page.status, .ok, path)
                }
                // Personal data of staff never reaches the portal.
                XCTAssertFalse(column.body.contains("13812345678"))
            }
        }
    }

    func testCareModeIsRememberedWithoutJavaScript() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                let awaited9 = try await b.get("/").body.contains("class=\"portal care\"")
                XCTAssertFalse(awaited9)
                let r = try await b.get("/care-mode?on=1&back=%2Fxxgk%2F1")
                XCTAssertEqual(r.location, "/xxgk/1")
                XCTAssertEqual(b.cookies["gk_care"], "1")
                let awaited10 = try await b.get("/").body.contains("class=\"portal care\"")
                XCTAssertTrue(awaited10)
                let awaited11 = try await b.get("/").body.contains("退出长辈模式")
                XCTAssertTrue(awaited11)
                // Never an open redirect.
                let awaited12 = try await b.get("/care-mode?on=0&back=https%3A%2F%2Fevil.example").location
                XCTAssertEqual(awaited12, "/")
            }
        }
    }

    func testErrorsAreChinesePagesWithoutInternals() async throws {
        try await withEnvironment { env in
            try await env.withClient { client in
                let b = Browser(client)
                let missing = try await b.get("/no/such/page")
                XCTAssertEqual(missing.status, .notFound)
                XCTAssertTrue(missing.body.contains("页面不存在"))
                let badID = try await b.get("/xxgk/abc")
                XCTAssertEqual(badID.status, .notFound)
                for page in [missing, badID] {
                    for leak in ["Fluent", "SQL", "Error(", ".swift", "HTTPError"] {
                        XCTAssertFalse(page.body.contains(leak), "response leaked \(leak)")
                    }
                }
                let api = try await b.get("/api/v1/nothing")
                XCTAssertEqual(api.headers[.contentType], "application/json; charset=utf-8")
                XCTAssertTrue(api.body.contains("页面不存在"))
            }
        }
    }

    func testSecurityHeaders() async throws {
        try await withEnvironment { env in
            try await env.withClient { client in
                let page = try await Browser(client).get("/")
                XCTAssertEqual(page.headers[.init("X-Content-Type-Options")!], "nosniff")
                XCTAssertTrue(page.headers[.init("Content-Security-Policy")!]?.contains("script-src 'self'") ?? false)
            }
        }
    }

    func testTemplatesCanBeOverriddenFromAConfiguredFolder() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("static"), withIntermediateDirectories: true)
        try "{{<portal-layout}}{{$main}}<p>本县自定义首页</p>{{/main}}{{/portal-layout}}"
            .write(to: dir.appendingPathComponent("portal-index.mustache"), atomically: true, encoding: .utf8)
        try "body{color:#000}".write(to: dir.appendingPathComponent("static/site.css"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withEnvironment(extraEnvironment: ["GONGKAI_TEMPLATES_DIR": dir.path]) { env in
            try await env.withClient { client in
                let b = Browser(client)
                let home = try await b.get("/")
                XCTAssertTrue(home.body.contains("本县自定义首页"))
                XCTAssertTrue(home.body.contains("跳到正文"), "the shipped layout is still used")
                let awaited13 = try await b.get("/static/site.css").body
                XCTAssertEqual(awaited13, "body{color:#000}")
            }
        }
    }
}
