import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import ServiceLifecycle

/// Owns FluentKit's databases: configures the driver from `AppConfig`, runs migrations, and shuts
/// the pools down when the service group stops.
public final class DatabaseService: Service, Sendable {
    public let databases: Databases
    public let dialect: any SQLDialect
    let logger: Logger
    /// SQLite gets one event loop and so exactly one connection: every transaction is then exclusive
    /// and WAL snapshots can never go stale between a read and a write. PostgreSQL uses the shared group.
    let eventLoopGroup: any EventLoopGroup
    let ownsEventLoopGroup: Bool

    public init(config: AppConfig, logger: Logger) throws {
        self.logger = logger
        let group: any EventLoopGroup
        if case .sqliteFile = config.database {
            group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            ownsEventLoopGroup = true
        } else {
            group = MultiThreadedEventLoopGroup.singleton
            ownsEventLoopGroup = false
        }
        eventLoopGroup = group
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        switch config.database {
        case .sqliteFile(let path):
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                } catch {
                    throw StorageProblem(detail: "无法创建数据目录 \(dir)：\(error.localizedDescription)")
                }
            }
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            dialect = SQLiteDialect(cacheMiB: config.sqliteCacheMiB)
        case .postgres(let url):
            var pg = try SQLPostgresConfiguration(url: url.absoluteString)
            databases.use(.postgres(configuration: pg, maxConnectionsPerEventLoop: config.databasePoolSize,
                                    connectionPoolTimeout: .seconds(10), sqlLogLevel: .trace), as: .psql)
            dialect = PostgresDialect()
        }
        self.databases = databases
    }

    public var db: any Database {
        databases.database(logger: logger, on: eventLoopGroup.any())!
    }

    /// Brings the schema up to date. Safe to call from several instances at once.
    public func migrate() async throws {
        try await migrate(AppMigrations.all())
    }

    func migrate(_ list: [any Migration]) async throws {
        let migrations = Migrations()
        migrations.add(list)
        let db = self.db
        try await dialect.prepare(on: db)
        let logger = self.logger
        try await dialect.withMigrationLock(on: db) { locked in
            let migrator = Migrator(databaseFactory: { _ in locked }, migrations: migrations,
                                    on: locked.eventLoop, migrationLogLevel: .info)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            logger.info("数据库结构已是最新")
        }
    }

    /// Whether the database accepts a write now; throws a `StorageProblem` in Chinese when not.
    public func checkWritable() async throws {
        guard let sql = db as? any SQLDatabase else { return }
        do {
            try await sql.raw("UPDATE health_probe SET checked_at = \(bind: Date().ISO8601Format()) WHERE id = 1").run()
        } catch {
            throw StorageProblem(detail: String(describing: error))
        }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        if ownsEventLoopGroup { try? await eventLoopGroup.shutdownGracefully() }
    }
}

/// The database cannot be written: said in Chinese, with the likely causes, at start-up and on `/healthz`.
public struct StorageProblem: Error, CustomStringConvertible {
    public let detail: String
    public var description: String {
        "数据库无法写入（可能是磁盘已满、数据文件或目录只读、权限不足，或连接的是只读数据库）。请检查后重试。技术信息：\(detail.prefix(300))"
    }
}
