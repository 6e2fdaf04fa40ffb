import FluentKit
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import SQLKit

/// Rendered public pages (item pages, column lists, organisation pages) kept in memory while
/// nothing has changed. "Changed" is read from the audit trail, which every state change writes
/// to: the pages are valid for the highest audit sequence number they were rendered at. The number
/// is re-read from the database at most once a second, and at once after this instance writes an
/// audit record, so several app instances behind a load balancer stay within a second of each
/// other without any shared cache. Pages differ only by path, query and 长辈模式; nothing personal is
/// on them (no session, no CSRF token), which is what makes them shareable.
public final class PublicPageCache: Sendable {
    private struct State {
        var pages: [String: ByteBuffer] = [:]
        var generation = -1
        var checkedAt: UInt64 = 0
        /// Until then the sequence is read on every request: a local audit record is written inside
        /// a transaction, and the commit that makes it visible comes a moment later.
        var eagerUntil: UInt64 = 0
        /// Pages also depend on the date (a 废止 "将于" a day, due and overdue coverage): a new day
        /// starts with an empty cache.
        var day = ""
    }

    private let state = NIOLockedValueBox(State())
    let capacity: Int
    /// Pages are dropped when the day changes (validity turns on its day).
    let clock: SiteClock
    static let recheckNanoseconds: UInt64 = 1_000_000_000

    init(capacity: Int, clock: SiteClock) {
        self.capacity = capacity
        self.clock = clock
    }

    /// Pages differ by address and 长辈模式 only.
    static func key(_ request: Request, _ context: AppRequestContext) -> String {
        (context.careMode ? "care " : "") + (context.kioskMode ? "kiosk " : "") + request.uri.description
    }

    /// The next request reads the audit sequence again (called when this instance records a change).
    func expire() {
        let until = DispatchTime.now().uptimeNanoseconds &+ 2 * Self.recheckNanoseconds
        state.withLockedValue { $0.checkedAt = 0; $0.eagerUntil = until }
    }

    /// Drops every page (tests that change rows behind the audit trail's back).
    func clear() {
        state.withLockedValue { $0.pages.removeAll(keepingCapacity: true) }
    }

    /// The cached page for `key`, or the page `render()` makes (errors such as 404 pass through and
    /// are not kept).
    func page(_ key: String, db: any Database, render: () async throws -> String) async throws -> Response {
        guard capacity > 0 else { return Self.response(ByteBuffer(string: try await render())) }
        let generation = try await currentGeneration(db)
        let day = clock.today().description
        state.withLockedValue { s in
            if s.day != day { s.pages.removeAll(keepingCapacity: true); s.day = day }
        }
        if let body = state.withLockedValue({ $0.generation == generation ? $0.pages[key] : nil }) {
            return Self.response(body)
        }
        let body = ByteBuffer(string: try await render())
        state.withLockedValue { s in
            guard s.generation == generation else { return }
            if s.pages.count >= capacity { s.pages.removeAll(keepingCapacity: true) }
            s.pages[key] = body
        }
        return Self.response(body)
    }

    private func currentGeneration(_ db: any Database) async throws -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let known = state.withLockedValue { s -> Int? in
            s.checkedAt != 0 && now >= s.eagerUntil && now < s.checkedAt &+ Self.recheckNanoseconds ? s.generation : nil
        }
        if let known { return known }
        guard let sql = db as? any SQLDatabase else { return -1 }
        let latest = try await sql.raw("SELECT coalesce(max(seq), 0) AS n FROM audit_records").first()?.decode(column: "n", as: Int.self) ?? 0
        state.withLockedValue { s in
            if s.generation != latest { s.pages.removeAll(keepingCapacity: true); s.generation = latest }
            s.checkedAt = now
        }
        return latest
    }

    private static func response(_ body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
