import SQLKit

/// Multi-row INSERTs for bulk work: the rows in chunks, each chunk one statement, so a few hundred
/// binds travel per round trip instead of one row.
enum SQLBatch {
    static func insert<Row>(_ rows: [Row], into head: SQLQueryString, chunk: Int, on sql: any SQLDatabase,
                            values: (Row) -> SQLQueryString) async throws {
        for start in stride(from: 0, to: rows.count, by: chunk) {
            // `+=` appends fragments in place; `+` would nest the statement so far inside a new one.
            var q = head
            for (k, r) in rows[start..<min(rows.count, start + chunk)].enumerated() {
                if k > 0 { q += ", " }
                q += values(r)
            }
            try await sql.raw(q).run()
        }
    }
}
