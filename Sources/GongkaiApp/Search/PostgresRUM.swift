import FluentKit
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// The PostgreSQL search's fast path: RUM indexes (the `rum` extension, Debian's
/// postgresql-NN-rum) on the document and title vectors with the publication time attached, so
/// "newest matches first" is read in order from the index and stops at the window instead of
/// collecting every match and sorting it. Without the extension the GIN indexes answer the same
/// queries, only slower. Set up at start (upkeep), not in a migration: a DBA may install the
/// extension after Gongkai was deployed, and the next start then builds the indexes.
enum PostgresRUM {
    private static let enabled = NIOLockedValueBox(false)

    /// Whether the RUM indexes are in place (read by every PostgreSQL search).
    static var isEnabled: Bool { enabled.withLockedValue { $0 } }

    static func set(_ on: Bool) { enabled.withLockedValue { $0 = on } }

    static let indexes = [
        ("item_search_doc_rum", "doc"),
        ("item_search_title_rum", "title"),
    ]

    /// Creates the extension (if this role may) and the indexes when missing; drops the GIN indexes
    /// they replace (each index costs space: the database is to stay within 3× the text). When the
    /// extension is gone, the GIN indexes are made again. Returns whether RUM is in use.
    @discardableResult
    static func prepare(on sql: any SQLDatabase, logger: Logger) async throws -> Bool {
        let installed = try await sql.raw("SELECT 1 FROM pg_extension WHERE extname = 'rum'").first() != nil
        var ready = installed
        if !installed {
            let available = try await sql.raw("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").first() != nil
            let superuser = try await sql.raw("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").first()?
                .decode(column: "rolsuper", as: Bool.self) ?? false
            if available && superuser {
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS rum").run()
                ready = true
            } else {
                logger.notice("未安装 PostgreSQL 的 rum 扩展：全文检索使用 GIN 索引（结果相同，较慢）。安装方法见 README。")
            }
        }
        if ready {
            for (name, column) in indexes {
                let exists = try await sql.raw("SELECT 1 FROM pg_class WHERE relname = \(bind: name)").first() != nil
                if !exists {
                    logger.notice("正在建立 RUM 全文索引 \(name)……")
                    try await sql.raw(SQLQueryString("CREATE INDEX IF NOT EXISTS \(name) ON item_search USING rum (\(column) rum_tsvector_addon_ops, published) WITH (attach = 'published', to = '\(column)')")).run()
                }
            }
            try await sql.raw("DROP INDEX IF EXISTS item_search_doc").run()
            try await sql.raw("DROP INDEX IF EXISTS item_search_title").run()
        } else {
            try await sql.raw("CREATE INDEX IF NOT EXISTS item_search_doc ON item_search USING gin (doc)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS item_search_title ON item_search USING gin (title)").run()
        }
        set(ready)
        return ready
    }
}
