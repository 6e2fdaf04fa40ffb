import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import XCTest
@testable import GongkaiApp

/// A fresh database (SQLite temp file, or a new PostgreSQL database when GONGKAI_TEST_DATABASE_URL is
/// set) with the app's services and router on top.
final class TestEnvironment: @unchecked Sendable {
    let config: AppConfig
    let database: DatabaseService
    let services: AppServices
    let router: Router<AppRequestContext>
    let catalog: RouteCatalog
    private let cleanup: @Sendable () async -> Void

    static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["GONGKAI_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var logger: Logger {
        var l = Logger(label: "gongkai-test")
        l.logLevel = .warning
        return l
    }

    /// Builds a config as the environment would, with a cheap bcrypt cost for speed.
    static func makeConfig(databaseURL: String, extra: [String: String] = [:]) throws -> AppConfig {
        // The public page cache is off unless a test turns it on: many tests change rows directly,
        // without the audit record that tells the cache (PublicPageCacheTests covers the cache).
        // A fixed test key for sealed secrets (the default would write secret.key into ./data).
        var env = ["DATABASE_URL": databaseURL, "GONGKAI_PAGE_CACHE_PAGES": "0",
                   // The site monitor crawls and probes only where a test asks it to.
                   "GONGKAI_MONITOR_CRAWL_HOURS": "0", "GONGKAI_MONITOR_PROBE_MINUTES": "0",
                   "GONGKAI_SECRET_KEY": "dGVzdC1rZXktZm9yLWdvbmdrYWktdW5pdC10ZXN0cyE="]
        env.merge(extra) { _, b in b }
        var c = try AppConfig.fromEnvironment(env)
        c.bcryptCost = 4
        return c
    }

    static func make(extraEnvironment: [String: String] = [:]) async throws -> TestEnvironment {
        if let admin = postgresAdminURL {
            let name = "gk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let adminService = try DatabaseService(config: makeConfig(databaseURL: admin), logger: logger)
            try await (adminService.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
            await adminService.shutdown()
            var url = URLComponents(string: admin)!
            url.path = "/" + name
            let env = try await make(databaseURL: url.string!, extra: extraEnvironment) {
                guard let s = try? DatabaseService(config: makeConfig(databaseURL: admin), logger: logger) else { return }
                try? await (s.db as! any SQLDatabase).raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                await s.shutdown()
            }
            return env
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return try await make(databaseURL: "sqlite://" + dir.appendingPathComponent("test.sqlite").path, extra: extraEnvironment) {
                try? FileManager.default.removeItem(at: dir)
            }
        }
    }

    private static func make(databaseURL: String, extra: [String: String], cleanup: @escaping @Sendable () async -> Void) async throws -> TestEnvironment {
        let config = try makeConfig(databaseURL: databaseURL, extra: extra)
        let database = try DatabaseService(config: config, logger: logger)
        try await database.migrate()
        // PostgreSQL searches as in production: through the yearly index slices (`serve` makes them
        // in the search capability's upkeep, which tests do not run).
        if database.dialect.kind == .postgres {
            try await PostgresSearchSlices.prepare(on: database.db, currentYear: 2026, readOldest: true, logger: logger)
        }
        let services = try AppServices(config: config, database: database, logger: logger)
        let (router, catalog) = buildRouter(services: services)
        return TestEnvironment(config: config, database: database, services: services, router: router, catalog: catalog) {
            await database.shutdown()
            await cleanup()
        }
    }

    private init(config: AppConfig, database: DatabaseService, services: AppServices, router: Router<AppRequestContext>,
                 catalog: RouteCatalog, cleanup: @escaping @Sendable () async -> Void) {
        self.config = config
        self.database = database
        self.services = services
        self.router = router
        self.catalog = catalog
        self.cleanup = cleanup
    }

    var db: any Database { services.db }

    func shutdown() async { await cleanup() }

    /// Runs `body` with a test client against this environment's router.
    func withClient<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: SiteResponderBuilder(router: router, services: services), logger: Self.logger)
        return try await app.test(.router) { client in try await body(client) }
    }
}

/// Runs a test body with a fresh environment and always cleans up.
func withEnvironment(extraEnvironment: [String: String] = [:], _ body: (TestEnvironment) async throws -> Void) async throws {
    let env = try await TestEnvironment.make(extraEnvironment: extraEnvironment)
    do {
        try await body(env)
    } catch {
        await env.shutdown()
        throw error
    }
    await env.shutdown()
}
