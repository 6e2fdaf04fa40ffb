import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import SQLKit
import XCTest
@testable import GongkaiApp

/// The capability contract holds for every capability in `Capabilities.standard`: what they
/// declare resolves to routes that exist and that the declared roles can open.
final class CapabilityContractTests: XCTestCase {
    /// Back-office paths served without the registrar: the log-in pages (before anyone is signed in).
    static let publicBackOfficeRoutes: Set<String> = ["/admin/login", "/admin/login/totp"]

    func testEveryBackOfficeRouteIsInTheRouteCatalogue() async throws {
        try await withEnvironment { env in
            let catalogued = Set(env.catalog.specs.map { "\($0.method) \($0.path)" })
            // The router prints parameters as {name}; the catalogue keeps them as registered, :name.
            func path(_ r: Router<AppRequestContext>.RouteDescription) -> String {
                r.path.description.replacingOccurrences(of: "\\{([a-z_]+)\\}", with: ":$1", options: .regularExpression)
            }
            let adminRoutes = env.router.routes.filter { path($0).hasPrefix("/admin") && $0.method != .head }
            XCTAssertGreaterThan(adminRoutes.count, 50)
            for r in adminRoutes where !Self.publicBackOfficeRoutes.contains(path(r)) {
                XCTAssertTrue(catalogued.contains("\(r.method) \(path(r))"), "\(r) is not in the RouteCatalog")
            }
            // And the other way: nothing is catalogued that the router does not serve.
            let served = Set(adminRoutes.map { "\($0.method) \(path($0))" })
            for c in catalogued { XCTAssertTrue(served.contains(c), "\(c) catalogued but not routed") }
        }
    }

    func testEveryNavigationEntryOpensForEachOfItsRolesAndIsHiddenFromOthers() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let entries = AdminChrome.navigation(env.services)
            XCTAssertEqual(Set(entries.map(\.path)).count, entries.count, "one entry per path")
            let routed = Set(env.catalog.specs.filter { $0.method == .get }.map(\.path))
            let staff = StaffDirectory(services: env.services)
            // One account per role, granted at the county with its subtree.
            var holder: [StaffRole: String] = [:]
            for role in StaffRole.allCases {
                let name = "nav\(role.rawValue.prefix(8))".lowercased().filter { $0.isLetter || $0.isNumber }
                _ = try await staff.create(.init(username: name, displayName: "导航\(role.label)", organisationID: f.county.id!,
                                                 password: Fixture.password, mustChangePassword: false),
                                           roles: [(role, includesSubtree: true)], actor: .commandLine("test"))
                holder[role] = name
            }
            let holders = holder
            try await env.withClient { client in
                var pages: [StaffRole: String] = [:]
                for role in StaffRole.allCases {
                    let b = Browser(client)
                    try await b.logIn(holders[role]!, Fixture.password)
                    pages[role] = try await b.get("/admin").body
                    for entry in entries where entry.roles.isEmpty || entry.roles.contains(role) {
                        XCTAssertTrue(routed.contains(entry.path), "\(entry.label) → \(entry.path) is not a registered back-office GET route")
                        let page = try await b.get(entry.path)
                        XCTAssertEqual(page.status, .ok, "\(entry.label) (\(entry.path)) for \(role.label)")
                    }
                }
                for entry in entries {
                    for role in StaffRole.allCases {
                        let shown = pages[role]!.contains("href=\"\(entry.path)\"")
                        XCTAssertEqual(shown, entry.roles.isEmpty || entry.roles.contains(role),
                                       "\(entry.label) shown=\(shown) to \(role.label)")
                    }
                }
            }
        }
    }

    func testEveryColumnSectionIsServedAndListedInOrder() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let sections = PortalRoutes.sections(env.services)
            XCTAssertEqual(sections.map(\.label), ["机关简介", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "重大行政决策", "村（居）务公开",
                                                    "政府信息公开年报", "依申请公开", "不予公开事项清单"])
            try await env.withClient { client in
                let b = Browser(client)
                for org in [f.county, f.deptA, f.township] {
                    // A section limited to some kinds of organisation (村（居）务公开: townships) is neither listed nor served elsewhere.
                    let sections = sections.filter { $0.kinds?.contains(org.kind) ?? true }
                    if org.kind == .townshipGovernment { XCTAssertTrue(sections.contains { $0.key == "cunwu" }) }
                    if org.kind == .countyDepartment {
                        let v = try await b.get("/xxgk/\(org.id!)/cunwu").status
                        XCTAssertEqual(v, .notFound)
                    }
                    for s in sections {
                        let page = try await b.get("/xxgk/\(org.id!)\(s.path)")
                        XCTAssertEqual(page.status, .ok, "\(s.label) of \(org.name)")
                        // The section list, in order, with this one marked current.
                        let hrefs = sections.map { "href=\"/xxgk/\(org.id!)\($0.path)\"" }
                        var last = page.body.startIndex
                        for h in hrefs {
                            guard let r = page.body.range(of: h, range: last..<page.body.endIndex) else {
                                XCTFail("\(h) missing or out of order on \(s.label)"); break
                            }
                            last = r.upperBound
                        }
                        XCTAssertTrue(page.body.contains("href=\"/xxgk/\(org.id!)\(s.path)\" aria-current=\"page\""), s.label)
                    }
                }
            }
        }
    }

    func testHomePageComposesTheCapabilitiesParts() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let item = try await f.item(env, title: "关于公布首页组合测试事项的通知")
            _ = item
            try await env.withClient { client in
                let page = try await Browser(client).get("/").body
                // The entry buttons (the site header has its own links to some of the same pages).
                let body = String(page[page.range(of: "<ul class=\"home-actions\">")!.lowerBound...])
                // Applications: 我要申请 to the county government's form, and tracking; publishing: the
                // policy library and the newest items.
                let apply = body.range(of: "href=\"/xxgk/\(f.county.id!)/apply\"")
                let track = body.range(of: "href=\"/ysq/track\"")
                let policies = body.range(of: "href=\"/zcwjk\"")
                XCTAssertNotNil(apply); XCTAssertNotNil(track); XCTAssertNotNil(policies)
                if let a = apply, let t = track, let p = policies { XCTAssertTrue(a.lowerBound < t.lowerBound && t.lowerBound < p.lowerBound) }
                XCTAssertTrue(body.contains("最新公开信息"))
                XCTAssertTrue(body.contains("关于公布首页组合测试事项的通知"))
            }
        }
    }

    func testJobsRunOncePerCapabilityJobWithTheClocksDay() async throws {
        try await withEnvironment { env in
            let names = env.services.capabilities.flatMap(\.jobs).map(\.name)
            XCTAssertEqual(Set(names).count, names.count, "job names are unique")
            XCTAssertEqual(Set(names), ["mail", "reminders", "publish-due", "link-check", "letter-reminders", "knowledge-check", "opinion-commitments", "policy-push",
                                     "site-monitor", "new-media-feeds", "plan-reminders", "search-slices"])
            let report = try await BackgroundJobs(services: env.services).runOnce()
            XCTAssertEqual(report.lines.count, names.count)
            XCTAssertEqual(report.total, 0)
            XCTAssertFalse(report.needsAttention)
        }
    }

    func testCapabilityMigrationsFollowTheShippedHistoryAndAreApplied() async throws {
        try await withEnvironment { env in
            let all = AppMigrations.all().map(\.name)
            XCTAssertEqual(Array(all.prefix(AppMigrations.shipped.count)), AppMigrations.shipped.map(\.name))
            XCTAssertEqual(Set(all).count, all.count, "migration names are unique")
            XCTAssertTrue(all.contains("M031OrganisationRulesText"))
            let applied = try await (env.db as! any SQLDatabase).raw("SELECT name FROM _fluent_migrations").all()
                .map { try $0.decode(column: "name", as: String.self) }
            XCTAssertEqual(Set(applied), Set(all))
        }
    }
}
