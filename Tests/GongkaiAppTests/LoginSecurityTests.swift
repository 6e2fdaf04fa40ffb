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

    func testFiveFailuresLockTheAccountProgressivelyAndSayNothing() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await StaffDirectory(services: env.services).update(f.adminA, displayName: f.adminA.displayName, phone: "",
                                                                    email: "admina@qx.example.cn", active: true, actor: .commandLine("t"))
            try await env.withClient { client in
                let b = Browser(client)
                try await b.get("/admin/login")
                var bodies: [String] = []
                for i in 1...5 {
                    let page = try await b.post("/admin/login", [("username", "admina"), ("password", "Wrong@pass\(i)")])
                    XCTAssertEqual(page.status, .unauthorized)
                    bodies.append(page.body.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
                }
                let locked = try await StaffUser.find(f.adminA.id, on: env.db)!
                let until = try XCTUnwrap(locked.lockedUntil)
                XCTAssertEqual(until.timeIntervalSinceNow, 60, accuracy: 20, "the first lock is a minute")
                // Locked, unknown and wrong answer alike: nothing tells an outsider which.
                let lockedPage = try await b.post("/admin/login", [("username", "admina"), ("password", Fixture.password)])
                let unknownPage = try await b.post("/admin/login", [("username", "nobody"), ("password", Fixture.password)])
                XCTAssertEqual(lockedPage.status, .unauthorized)
                XCTAssertEqual(unknownPage.status, .unauthorized)
                func stripped(_ s: String) -> String { s.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression) }
                XCTAssertTrue(lockedPage.body.contains("用户名或密码错误"))
                XCTAssertEqual(stripped(lockedPage.body), stripped(unknownPage.body))
                XCTAssertEqual(bodies[4], bodies[0], "the failure that locks looks like any other")
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
            // The holder is told by e-mail.
            let mails = try await OutboxMail.query(on: env.db).filter(\.$recipient == "admina@qx.example.cn").all()
            XCTAssertEqual(mails.count, 1)
            XCTAssertTrue(mails.first?.subject.contains("暂时锁定") ?? false)
        }
    }

    func testAnOutsiderCannotKeepTheHolderOutOfAKnownComputer() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let login = LoginService(services: env.services)
            let office = "10.1.2.3", outsider = "203.0.113.66"
            // The holder signed in at the office before.
            guard case .success(let u) = try await login.checkPassword(username: "admina", password: Fixture.password, clientAddress: office) else {
                return XCTFail("first log-in")
            }
            try await login.registerSuccess(u, clientAddress: office, actor: .commandLine("t"))
            // An outsider fails seven times: the account locks, longer with each failure.
            for i in 1...7 { _ = try await login.checkPassword(username: "admina", password: "Guess@\(i)", clientAddress: outsider) }
            var stored = try await StaffUser.find(f.adminA.id, on: env.db)!
            XCTAssertGreaterThan(stored.lockedUntil ?? .distantPast, Date())
            // Locked for the outsider even with the right password…
            if case .success = try await login.checkPassword(username: "admina", password: Fixture.password, clientAddress: outsider) {
                XCTFail("the lock applies to the outsider's address")
            }
            // …but not at the office, where the holder signed in before.
            guard case .success = try await login.checkPassword(username: "admina", password: Fixture.password, clientAddress: office) else {
                return XCTFail("the holder is not kept out of a known computer")
            }
            // Five failures at the office itself do lock it there.
            for i in 1...5 { _ = try await login.checkPassword(username: "admina", password: "Typo@\(i)", clientAddress: office) }
            if case .success = try await login.checkPassword(username: "admina", password: Fixture.password, clientAddress: office) {
                XCTFail("five failures from the known address count too")
            }
            stored = try await StaffUser.find(f.adminA.id, on: env.db)!
            XCTAssertNotNil(stored.lockedUntil)
        }
    }

    func testLockDurationsGrowToTheCap() {
        let t = LoginThrottle()
        XCTAssertNil(t.lockDuration(afterFailuresInARow: 4))
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 5), 60)
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 6), 120)
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 8), 480)
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 9), 15 * 60)
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 10_000), 15 * 60)
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
                let stored = try await StaffUser.query(on: env.db).filter(\.$username == "root").first()!.totpSecret!
                // Sealed in the database, not the seed itself.
                XCTAssertTrue(stored.hasPrefix("v1:"), stored)
                let secret = try XCTUnwrap(env.services.secrets.open(stored))
                XCTAssertNotEqual(secret, stored)
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

                // The same code a second time within its 30 seconds is refused.
                let d = Browser(client)
                try await d.logIn("root", Fixture.password)
                try await d.get("/admin/login/totp")
                let replay = try await d.post("/admin/login/totp", [("code", code2)])
                XCTAssertEqual(replay.status, .unauthorized)
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
