import FluentKit
import Foundation
import SQLKit

/// Which instance runs a periodic job this time. Every `serve` instance runs the jobs loop; a job
/// runs on the instance whose conditional UPDATE returns its row. PostgreSQL locks the row for the
/// UPDATE and re-checks the condition after a concurrent one commits; SQLite runs writers one at a
/// time; either way, of instances racing for the same pass exactly one wins.
struct JobClaims: Sendable {
    let db: any Database
    /// This instance (host, process and a random part: two processes on one host differ).
    let holder: String

    static func instanceName() -> String {
        "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(Tokens.random(bytes: 6))"
    }

    /// True if this instance may run `job` now; it is then not due again for `interval` seconds.
    /// `force` (a pass asked for at once, 立即检查) claims it whatever the due time.
    func claim(_ job: String, now: Date, interval: Int, force: Bool = false) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        let t = Int64(now.timeIntervalSince1970)
        try await sql.raw("""
            INSERT INTO job_claims (name, holder, next_due_at, claimed_at, runs) VALUES (\(bind: job), '', 0, 0, 0)
            ON CONFLICT (name) DO NOTHING
            """).run()
        let due: SQLQueryString = force ? "" : " AND next_due_at <= \(bind: t)"
        let won = try await sql.raw("""
            UPDATE job_claims SET holder = \(bind: holder), next_due_at = \(bind: t + Int64(interval)),
              claimed_at = \(bind: t), runs = runs + 1
            WHERE name = \(bind: job)\(due) RETURNING name
            """).all()
        return !won.isEmpty
    }

    /// Runs recorded per job (operators and the two-instance test read them).
    func runs() async throws -> [String: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var result: [String: Int] = [:]
        for row in try await sql.raw("SELECT name, runs FROM job_claims").all() {
            result[try row.decode(column: "name", as: String.self)] = try row.decode(column: "runs", as: Int.self)
        }
        return result
    }
}
