import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdOTP
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class LoginSecurityTests: XCTestCase {
    func testSessionCookieIsHttpOnlySameSiteAndSessionIsStoredHashed() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/admin/login")
                let page = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)])
                XCTAssertEqual(page.status, .found)
                let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("gk_session=") } ?? ""
                XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
                XCTAssertTrue(cookie.contains("SameSite=Lax"), cookie)
                XCTAssertFalse(cookie.contains("Secure"), "plain http base URL: no Secure flag")
                let token = b.cookies["gk_session"]!
                let stored = try await StaffSession.query(on: env.db).all()
                XCTAssertEqual(stored.count, 1)
                XCTAssertNotEqual(stored[0].tokenHash, token, "only a hash of the token is stored")
                XCTAssertEqual(stored[0].tokenHash, Tokens.sha256Hex(token))
                let awaited14 = try await b.get("/admin").status
                XCTAssertEqual(awaited14, .ok)
            }
        }
    }

    func testSecureCookieBehindHTTPS() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_BASE_URL": "https://gk.example.cn"]) { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/admin/login")
                let page = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)])
                let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("gk_session=") } ?? ""
                XCTAssertTrue(cookie.contains("Secure"), cookie)
            }
        }
    }

    func testFiveFailuresLockTheAccountForFifteenMinutes() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/admin/login")
                for i in 1...5 {
                    let page = try await b.post("/admin/login", [("username", "admina"), ("password", "Wrong@pass\(i)")])
                    XCTAssertEqual(page.status, .unauthorized)
                    if i < 5 { XCTAssertTrue(page.body.contains("用户名或密码错误")) } else { XCTAssertTrue(page.body.contains("账户已锁定15分钟"), page.body) }
                }
                let locked = try await StaffUser.find(f.adminA.id, on: env.db)!
                let until = try XCTUnwrap(locked.lockedUntil)
                XCTAssertEqual(until.timeIntervalSinceNow, 15 * 60, accuracy: 30)
                // Even the right password is refused while locked.
                let page = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)])
                XCTAssertEqual(page.status, .unauthorized)
                XCTAssertTrue(page.body.contains("已被锁定"))
                XCTAssertNil(b.cookies["gk_session"])

                // A 系统管理员 unlocks it; then the password works.
                let admin = Browser(client)
                try await admin.logIn("root", Fixture.password)
                try await admin.get("/admin/users/\(f.adminA.id!.uuidString)")
                let awaited15 = try await admin.post("/admin/users/\(f.adminA.id!.uuidString)/unlock", []).status
                XCTAssertEqual(awaited15, .found)
                let awaited16 = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)]).status
                XCTAssertEqual(awaited16, .found)
            }
            let actions = try await AuditRecord.query(on: env.db).all().map(\.action)
            XCTAssertTrue(actions.contains("锁定账户"))
            XCTAssertTrue(actions.contains("解锁账户"))
        }
    }

    func testUnknownUserGetsTheSameMessageAndAddressIsThrottled() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/admin/login")
                let unknown = try await b.post("/admin/login", [("username", "nobody"), ("password", "Whatever@1")])
                XCTAssertTrue(unknown.body.contains("用户名或密码错误"))
                for _ in 0..<20 { try await b.post("/admin/login", [("username", "nobody\(Int.random(in: 0...999))"), ("password", "x")]) }
                let blocked = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)])
                XCTAssertEqual(blocked.status, .unauthorized)
                XCTAssertTrue(blocked.body.contains("登录失败次数过多"), "the address is throttled even for a right password")
            }
        }
    }

    func testFormsWithoutTheCSRFTokenAreRefused() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let anon = Browser(client)
                try await anon.get("/admin/login")
                let noToken = try await anon.post("/admin/login", [("username", "admina"), ("password", Fixture.password)], csrf: false)
                XCTAssertEqual(noToken.status, .forbidden)
                XCTAssertTrue(noToken.body.contains("页面已过期"))

                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                let forged = try await b.post("/admin/orgs/\(f.deptA.id!)/deactivate", [("_csrf", "forged-token-forged-token")], csrf: false)
                XCTAssertEqual(forged.status, .forbidden)
                let org = try await Organisation.find(f.deptA.id, on: env.db)!
                XCTAssertTrue(org.isActive, "a forged request changes nothing")
            }
        }
    }

    func testFirstLoginForcesPasswordChangeWithPolicy() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "newbie", displayName: "新同事", organisationID: f.deptA.id!, password: "Initial@2026"),
                roles: [(.informationOfficer, includesSubtree: false)], actor: .commandLine("test"))
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("newbie", "Initial@2026")
                let home = try await b.get("/admin")
                XCTAssertEqual(home.location, "/admin/account/password")
                try await b.get("/admin/account/password")
                let weak = try await b.post("/admin/account/password", [("current", "Initial@2026"), ("password", "short"), ("confirm", "short")])
                XCTAssertEqual(weak.status, .badRequest)
                XCTAssertTrue(weak.body.contains("密码至少需要8个字符"), weak.body)
                let ok = try await b.post("/admin/account/password", [("current", "Initial@2026"), ("password", "Better#2026x"), ("confirm", "Better#2026x")])
                XCTAssertEqual(ok.status, .found)
                let awaited17 = try await b.get("/admin").status
                XCTAssertEqual(awaited17, .ok)
            }
            let audit = try await AuditRecord.query(on: env.db).all()
            for r in audit {
                XCTAssertFalse(r.changes.contains("Better#2026x") || r.changes.contains("Initial@2026"), "no password in the audit trail")
            }
        }
    }

    func testTOTPEnrolmentAndSecondFactorLogin() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_REQUIRE_TOTP": "true"]) { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                // Administrators must enrol before anything else.
                let home = try await b.get("/admin")
                XCTAssertEqual(home.location, "/admin/account/totp?required=1")
                try await b.get("/admin/account/totp")
                let secret = try await StaffUser.query(on: env.db).filter(\.$username == "root").first()!.totpSecret!
                let wrong = try await b.post("/admin/account/totp", [("code", "000000")])
                XCTAssertEqual(wrong.status, .badRequest)
                let code = String(format: "%06d", TOTP(secret: secret).compute())
                let awaited18 = try await b.post("/admin/account/totp", [("code", code)]).status
                XCTAssertEqual(awaited18, .found)
                let awaited19 = try await b.get("/admin").status
                XCTAssertEqual(awaited19, .ok)

                // Next log-in asks for the code and lets nothing else through until it is given.
                let c = Browser(client)
                let step1 = try await c.logIn("root", Fixture.password)
                XCTAssertEqual(step1.location, "/admin/login/totp")
                let awaited20 = try await c.get("/admin/orgs").location
                XCTAssertEqual(awaited20, "/admin/login/totp")
                try await c.get("/admin/login/totp")
                let awaited21 = try await c.post("/admin/login/totp", [("code", "123456")]).status
                XCTAssertEqual(awaited21, .unauthorized)
                let code2 = String(format: "%06d", TOTP(secret: secret).compute())
                let awaited22 = try await c.post("/admin/login/totp", [("code", code2)]).status
                XCTAssertEqual(awaited22, .found)
                let awaited23 = try await c.get("/admin/orgs").status
                XCTAssertEqual(awaited23, .ok)
            }
        }
    }

    func testIdleSessionsExpireAndLogoutEverywhereEndsAllSessions() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let one = Browser(client), two = Browser(client)
                try await one.logIn("admina", Fixture.password)
                try await two.logIn("admina", Fixture.password)
                let awaited24 = try await two.get("/admin").status
                XCTAssertEqual(awaited24, .ok)
                try await one.get("/admin/account")
                let awaited25 = try await one.post("/admin/logout-all", []).status
                XCTAssertEqual(awaited25, .found)
                let awaited26 = try await two.get("/admin").status
                XCTAssertEqual(awaited26, .seeOther, "the other browser is logged out too")

                let three = Browser(client)
                try await three.logIn("admina", Fixture.password)
                let s = try await StaffSession.query(on: env.db).first()!
                s.lastSeenAt = Date().addingTimeInterval(-31 * 60)
                try await s.update(on: env.db)
                let awaited27 = try await three.get("/admin").status
                XCTAssertEqual(awaited27, .seeOther, "idle for longer than 30 minutes")
                let remaining = try await StaffSession.query(on: env.db).count()
                XCTAssertEqual(remaining, 0)
            }
        }
    }

    func testLoginRedirectOnlyToLocalBackOfficePaths() {
        XCTAssertEqual(LoginRoutes.safeNext("/admin/orgs"), "/admin/orgs")
        XCTAssertEqual(LoginRoutes.safeNext("https://evil.example/admin"), "/admin")
        XCTAssertEqual(LoginRoutes.safeNext("//evil.example"), "/admin")
        XCTAssertEqual(LoginRoutes.safeNext("/admin\\@evil"), "/admin")
        XCTAssertEqual(LoginRoutes.safeNext(nil), "/admin")
    }
}
