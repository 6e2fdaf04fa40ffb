import FluentKit
import Logging
import NIOConcurrencyHelpers
import SQLKit

/// PostgreSQL's planner statistics for the tables an import grows. A foreign key's check runs a
/// plan PostgreSQL made once per connection; made while `information_items` was nearly empty, it
/// reads the whole table for every history row it checks, and keeps doing so as the table grows
/// until autovacuum analyses it (a minute or more): a 20,000-document load into a new database
/// spent most of the server's time in those scans. Analysing the tables as an import passes 2,000,
/// 20,000 and 200,000 documents makes the checks use the key's index from then on.
final class ImportStatistics: Sendable {
    static let thresholds = [2_000, 20_000, 200_000]
    static let tables = ["information_items", "item_events", "item_search", "public_column_entries"]

    private let stored = NIOLockedValueBox(0)

    /// Counts `count` more stored documents; true when the total passed a threshold.
    func add(_ count: Int) -> Bool {
        stored.withLockedValue { total in
            let before = total
            total += count
            return Self.thresholds.contains { before < $0 && total >= $0 }
        }
    }

    /// Analyses the tables on PostgreSQL (nothing on SQLite, whose planner does not cache such
    /// plans). The documents are stored by then: a failure is logged, not thrown.
    static func analyze(on db: any Database, logger: Logger) async {
        guard SQLDialects.of(db).kind == .postgres, let sql = db as? any SQLDatabase else { return }
        do {
            try await sql.raw(SQLQueryString("ANALYZE " + tables.joined(separator: ", "))).run()
        } catch {
            logger.warning("导入中更新数据库统计信息失败（不影响已导入的内容，只是导入较慢）：\(String(describing: error))")
        }
    }
}
