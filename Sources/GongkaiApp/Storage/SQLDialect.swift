import FluentKit
import SQLKit

/// Which database the site runs on.
public enum DatabaseKind: Sendable, Equatable {
    case sqlite, postgres
}

/// What differs between the two databases. Application code asks the dialect (never the driver's
/// name); the search index has one implementation per kind, chosen by `kind`. Migrations carry
/// their own SQL for each database.
public protocol SQLDialect: Sendable {
    var name: String { get }
    var kind: DatabaseKind { get }
    /// Settings of a newly opened database (SQLite: write-ahead logging).
    func prepare(on db: any Database) async throws
    /// Serialises appends to the audit chain inside the caller's transaction, across app instances.
    func lockAuditChain(on db: any Database) async throws
    /// Runs `body` on a database handle that only one migrating instance holds at a time.
    func withMigrationLock(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws
    /// Consistent copy of the live database into a new file (SQLite only).
    func backup(on db: any Database, to path: String) async throws
}

/// The dialect of a database handle (a transaction included).
public enum SQLDialects {
    public static func of(_ db: any Database) -> any SQLDialect {
        (db as? any SQLDatabase)?.dialect.name == "postgresql" ? PostgresDialect() : SQLiteDialect()
    }
}

public struct SQLiteDialect: SQLDialect {
    public let name = "SQLite"
    public let kind = DatabaseKind.sqlite
    /// The page cache of the connection (`GONGKAI_SQLITE_CACHE_MIB`).
    let cacheMiB: Int

    public init(cacheMiB: Int = 2) {
        self.cacheMiB = cacheMiB
    }

    public func prepare(on db: any Database) async throws {
        // WAL lets readers (and `gongkai backup`) work while the app writes; the mode sticks to the file.
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // The one connection keeps this for its life (a negative size is in KiB).
        try await sql.raw(SQLQueryString("PRAGMA cache_size = -" + String(max(2, cacheMiB) * 1024))).run()
    }
    // One writer connection: transactions are already serial.
    public func lockAuditChain(on db: any Database) async throws {}
    public func withMigrationLock(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await body(db)
    }
    public func backup(on db: any Database, to path: String) async throws {
        guard let sql = db as? any SQLDatabase else { throw BackupError.unsupported }
        // VACUUM INTO writes a consistent, compacted snapshot while other connections keep working.
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }
}

public struct PostgresDialect: SQLDialect {
    public let name = "PostgreSQL"
    public let kind = DatabaseKind.postgres
    public func prepare(on db: any Database) async throws {}
    static let auditLockKey = 7_401_001
    static let migrationLockKey = 7_401_002

    public func lockAuditChain(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.auditLockKey))").run()
    }

    public func withMigrationLock(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        // PostgreSQL DDL is transactional: migrate inside one transaction that first takes an
        // advisory lock, so concurrent instances migrate one after the other and never half-way.
        try await db.transaction { tx in
            if let sql = tx as? any SQLDatabase {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.migrationLockKey))").run()
            }
            try await body(tx)
        }
    }

    public func backup(on db: any Database, to path: String) async throws {
        throw BackupError.unsupported
    }
}

public enum BackupError: Error, CustomStringConvertible {
    case unsupported
    case targetExists(String)
    public var description: String {
        switch self {
        case .unsupported: return "PostgreSQL 请使用 pg_dump 备份（见 README“备份”一节）"
        case .targetExists(let p): return "备份文件已存在：\(p)（请换一个文件名，避免覆盖）"
        }
    }
}
