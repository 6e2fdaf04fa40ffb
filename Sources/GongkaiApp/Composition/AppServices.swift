import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdBcrypt
import Logging
import NIOPosix

/// The long-lived parts every capability uses. Created once by `buildApplication`.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: DatabaseService
    public let templates: TemplateRenderer
    public let assets: StaticAssets
    public let audit: AuditTrail
    public let pageCache: PublicPageCache
    public let logger: Logger
    public let throttle = LoginThrottle()
    public let passwordPolicy = PasswordPolicy()
    /// Seals TOTP secrets in the database.
    public let secrets: SecretBox
    /// The one clock (Beijing time); tests set it.
    public let clock: SiteClock
    /// The capabilities the site is composed of (`Capabilities.standard`).
    let capabilities: [Capability]

    /// Verified against when a user name does not exist, so timing does not tell which accounts exist.
    let dummyPasswordHash: String

    public var db: any Database { database.db }

    public init(config: AppConfig, database: DatabaseService, logger: Logger) throws {
        let clock = SiteClock()
        if let day = config.siteDate { clock.shift(to: day) }
        try self.init(config: config, database: database, logger: logger, clock: clock, capabilities: Capabilities.standard)
    }

    init(config: AppConfig, database: DatabaseService, logger: Logger, clock: SiteClock, capabilities: [Capability]) throws {
        self.config = config
        self.clock = clock
        self.capabilities = capabilities
        self.database = database
        self.templates = try TemplateRenderer.load(overrideDirectory: config.templatesOverrideDirectory)
        self.assets = StaticAssets.load(overrideDirectory: config.templatesOverrideDirectory)
        self.pageCache = PublicPageCache(capacity: config.pageCachePages, clock: clock)
        self.audit = AuditTrail(dialect: database.dialect, pageCache: pageCache, clock: clock)
        self.logger = logger
        self.dummyPasswordHash = Bcrypt.hash(Tokens.random(), cost: UInt8(config.bcryptCost))
        self.secrets = SecretBox(key: try SecretBox.loadKey(configured: config.secretKey, dataDirectory: config.dataDirectory))
    }

    /// Brings derived data up to date after migrating (each capability's `upkeep`).
    public func upkeep() async throws {
        for step in capabilities.compactMap(\.upkeep) { try await step(self) }
    }

    /// bcrypt is deliberately slow: run it off the event loop.
    public func hashPassword(_ password: String) async throws -> String {
        let cost = UInt8(config.bcryptCost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
