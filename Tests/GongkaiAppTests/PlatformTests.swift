import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import XCTest
@testable import GongkaiApp

final class PlatformTests: XCTestCase {
    func testConfigDefaultsAndErrorsNameTheVariable() throws {
        let c = try AppConfig.fromEnvironment([:])
        XCTAssertEqual(c.port, 8080)
        XCTAssertEqual(c.host, "127.0.0.1")
        XCTAssertEqual(c.database, .sqliteFile("./data/gongkai.sqlite"))
        XCTAssertEqual(c.sessionIdleMinutes, 30)
        XCTAssertFalse(c.cookiesSecure)

        func problem(_ env: [String: String]) -> AppConfig.Problem? {
            do { _ = try AppConfig.fromEnvironment(env); return nil } catch { return error }
        }
        XCTAssertEqual(problem(["GONGKAI_PORT": "80a"])?.variable, "GONGKAI_PORT")
        XCTAssertEqual(problem(["GONGKAI_PORT": "70000"])?.variable, "GONGKAI_PORT")
        XCTAssertEqual(problem(["DATABASE_URL": "mysql://x"])?.variable, "DATABASE_URL")
        XCTAssertEqual(problem(["DATABASE_URL": "postgres://u@h"])?.variable, "DATABASE_URL")
        XCTAssertEqual(problem(["GONGKAI_BASE_URL": "ftp://x"])?.variable, "GONGKAI_BASE_URL")
        XCTAssertEqual(problem(["GONGKAI_SITE_CODE": "12"])?.variable, "GONGKAI_SITE_CODE")
        XCTAssertEqual(problem(["GONGKAI_REQUIRE_TOTP": "maybe"])?.variable, "GONGKAI_REQUIRE_TOTP")
        XCTAssertEqual(problem(["GONGKAI_TEMPLATES_DIR": "/no/such/dir"])?.variable, "GONGKAI_TEMPLATES_DIR")
        XCTAssertTrue(problem(["GONGKAI_PORT": "abc"])!.description.contains("配置错误：环境变量 GONGKAI_PORT"))
        XCTAssertNil(c.mail, "no SMTP host: no mail settings")
        XCTAssertEqual(c.reminderLeadDays, 3)
        XCTAssertEqual(problem(["GONGKAI_SMTP_HOST": "mail.x.cn", "GONGKAI_SMTP_SECURITY": "ssl"])?.variable, "GONGKAI_SMTP_SECURITY")
        XCTAssertEqual(problem(["GONGKAI_SMTP_HOST": "mail.x.cn", "GONGKAI_SMTP_USER": "u"])?.variable, "GONGKAI_SMTP_PASSWORD")
        XCTAssertEqual(problem(["GONGKAI_SMTP_HOST": "mail.x.cn", "GONGKAI_MAIL_FROM": "not-an-address"])?.variable, "GONGKAI_MAIL_FROM")
        XCTAssertEqual(problem(["GONGKAI_REMINDER_DAYS": "30"])?.variable, "GONGKAI_REMINDER_DAYS")
        XCTAssertEqual(problem(["GONGKAI_ID_MASK": "4+4"])?.variable, "GONGKAI_ID_MASK")
        XCTAssertEqual(try AppConfig.fromEnvironment(["GONGKAI_ID_MASK": "2+3"]).idMaskPreset, .keepFirst2Last3)
        let tls = try AppConfig.fromEnvironment(["GONGKAI_SMTP_HOST": "mail.x.cn", "GONGKAI_SMTP_SECURITY": "tls",
                                                  "GONGKAI_BASE_URL": "https://xxgk.qx.example.cn"])
        XCTAssertEqual(tls.mail?.port, 465)
        XCTAssertEqual(tls.mail?.from.address, "noreply@xxgk.qx.example.cn")
        let pg = try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://gk:pw@127.0.0.1:5433/gongkai"])
        XCTAssertEqual(pg.database, .postgres(URL(string: "postgres://gk:pw@127.0.0.1:5433/gongkai")!))
    }

    /// The SQLite page cache is a range-checked setting that reaches the connection.
    func testSQLiteCacheSettingReachesTheConnection() async throws {
        XCTAssertEqual(try AppConfig.fromEnvironment([:]).sqliteCacheMiB, 64)
        XCTAssertEqual(try AppConfig.fromEnvironment(["GONGKAI_SQLITE_CACHE_MIB": "256"]).sqliteCacheMiB, 256)
        for bad in ["1", "5000", "x"] {
            XCTAssertThrowsError(try AppConfig.fromEnvironment(["GONGKAI_SQLITE_CACHE_MIB": bad]), bad)
        }
        try await withEnvironment(extraEnvironment: ["GONGKAI_SQLITE_CACHE_MIB": "96"]) { env in
            guard env.services.database.dialect.kind == .sqlite, let sql = env.db as? any SQLDatabase else { return }
            let size = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
            XCTAssertEqual(size, -96 * 1024)
        }
    }

    func testEveryDocumentedVariableIsInTheReadme() throws {
        let readme = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/README.md", encoding: .utf8)
        for v in AppConfig.variables { XCTAssertTrue(readme.contains(v.name), "README lacks \(v.name)") }
    }

    func testTwoInstancesShareSessionsThroughTheDatabase() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            // A second, independent instance on the same database (as behind a load balancer).
            let second = try DatabaseService(config: env.config, logger: TestEnvironment.logger)
            let services2 = try AppServices(config: env.config, database: second, logger: TestEnvironment.logger)
            let (router2, _) = buildRouter(services: services2)
            let app2 = Application(router: SiteResponderBuilder(router: router2, services: services2))
            let cookies = try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("admina", Fixture.password)
                return b.cookies
            }
            do {
                try await app2.test(.router) { client in
                    let b = Browser(client)
                    b.cookies = cookies
                    let page = try await b.get("/admin/orgs")
                    XCTAssertEqual(page.status, .ok, "a session made on one instance works on another")
                    XCTAssertTrue(page.body.contains("测试县民政局"))
                }
            } catch {
                await second.shutdown()
                throw error
            }
            await second.shutdown()
        }
    }

    func testBackupIsAConsistentCopyOnSQLite() async throws {
        guard TestEnvironment.postgresAdminURL == nil else { throw XCTSkip("SQLite-only: PostgreSQL is backed up with pg_dump") }
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("gk-backup-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: target) }
            try await CommandLineAdmin(services: env.services).backup(to: target)
            var config = env.config
            config.database = .sqliteFile(target)
            let copy = try DatabaseService(config: config, logger: TestEnvironment.logger)
            let orgs = try await Organisation.query(on: copy.db).count()
            let verdict = try await AuditTrail(dialect: copy.dialect).verify(on: copy.db)
            await copy.shutdown()
            XCTAssertEqual(orgs, 5)
            guard case .intact = verdict else { return XCTFail("the copy's audit chain verifies") }
            do {
                try await CommandLineAdmin(services: env.services).backup(to: target)
                XCTFail("an existing file is never overwritten")
            } catch let e as BackupError {
                XCTAssertTrue(e.description.contains("已存在"))
            }
        }
    }

    func testCommandLineBootstrapCreatesOrganisationAndUser() async throws {
        try await withEnvironment { env in
            let cli = CommandLineAdmin(services: env.services)
            guard case .success = try await cli.createOrganisation(name: "某县人民政府", shortName: "县政府", kind: "county_government",
                                                                 parent: nil, creditCode: nil) else { return XCTFail() }
            guard case .failure(let m) = try await cli.createUser(username: "x", displayName: "甲", organisation: "某县人民政府",
                                                                  roles: [.systemAdministrator], includesSubtree: true, password: "weak")
            else { return XCTFail() }
            XCTAssertTrue(m.contains("用户名为3到32位"), m)
            guard case .success = try await cli.createUser(username: "chief", displayName: "甲", organisation: "某县人民政府",
                                                           roles: [.systemAdministrator], includesSubtree: true, password: "Strong@2026")
            else { return XCTFail() }
            let u = try await StaffUser.query(on: env.db).filter(\.$username == "chief").first()!
            XCTAssertTrue(u.mustChangePassword)
            let awaited5 = try await RoleAssignment.query(on: env.db).filter(\.$userID == u.id!).first()?.includesSubtree
            XCTAssertEqual(awaited5, true)
            let awaited6 = try await AuditRecord.query(on: env.db).all().contains { $0.actorName == "命令行：gongkai user create" }
            XCTAssertTrue(awaited6)
        }
    }

    func testDemoCountyLoadsOnceWithOneAccountPerRole() async throws {
        try await withEnvironment { env in
            let awaited7 = try await DemoCounty(services: env.services).loadIfEmpty()
            XCTAssertTrue(awaited7)
            let awaited8 = try await DemoCounty(services: env.services).loadIfEmpty()
            XCTAssertFalse(awaited8, "never loaded twice")
            let roles = Set(try await RoleAssignment.query(on: env.db).all().map(\.roleRaw))
            XCTAssertEqual(roles, Set(StaffRole.allCases.map(\.rawValue)))
            let orgs = try await Organisation.query(on: env.db).all()
            XCTAssertTrue(orgs.contains { $0.kind == .villageCommittee })
            XCTAssertGreaterThanOrEqual(orgs.filter { $0.kind == .countyDepartment }.count, 18)
            for o in orgs { if let c = o.creditCode { XCTAssertTrue(UnifiedSocialCreditCode.isValid(c), c) } }
            guard case .intact = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
        }
    }
}
