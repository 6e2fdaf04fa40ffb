import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
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
    /// A rendered page: its bytes, their validator, and the gzip encoding once a client asked for it.
    struct Entry: Sendable {
        let body: ByteBuffer
        let etag: String
        /// The response headers, made (and checked by HTTPTypes) once per page instead of per request.
        let headers: HTTPFields
        private(set) var gzipped: ByteBuffer?
        private(set) var gzipHeaders: HTTPFields?
        let renderedAt: UInt64
        /// Past this uptime the page is rendered again even if nothing changed (`maxAge`).
        var staleAfter: UInt64 = .max

        /// A client wants gzip and this page, large enough to gain from it, has none made yet.
        func lacksGzip(wanted: Bool) -> Bool {
            wanted && gzipped == nil && body.readableBytes >= PublicPageCache.gzipMinimumBytes
        }

        init(body: ByteBuffer, etag: String, renderedAt: UInt64) {
            self.body = body
            self.etag = etag
            self.renderedAt = renderedAt
            headers = PublicPageCache.headers(etag: etag, gzip: false)
        }

        /// Compresses the body (if it is large enough to gain from it).
        mutating func addGzip() {
            guard let compressed = PublicPageCache.gzip(body) else { return }
            gzipped = compressed
            // The encoded representation has its own validator (a strong ETag names exact bytes).
            gzipHeaders = PublicPageCache.headers(etag: String(etag.dropLast()) + "-gz\"", gzip: true)
        }
    }

    private struct State {
        var pages: [String: Entry] = [:]
        /// Values public pages are built from (the organisations of a search form), kept like pages.
        var values: [String: any Sendable] = [:]
        /// Pages past their `maxAge` that one request is rendering again.
        var refreshing: Set<String> = []
        var generation = -1
        var checkedAt: UInt64 = 0
        /// How long a read sequence is trusted (`recheckNanoseconds`; see `trustSequence`).
        var recheck = PublicPageCache.recheckNanoseconds
        /// Until then the sequence is read on every request: a local audit record is written inside
        /// a transaction, and the commit that makes it visible comes a moment later.
        var eagerUntil: UInt64 = 0
        /// The highest sequence this instance recorded: once a read sees it, every local change is
        /// visible and reading on every request stops before `eagerUntil`.
        var awaited = Int.max
        /// Pages also depend on the date (a 废止 "将于" a day, due and overdue coverage): a new day
        /// starts with an empty cache.
        var day = ""
        /// The instants `day` runs between, so the short path knows the day without a calendar.
        var dayRange: Range<Date>?

        /// Forgets every page and value (a new day, a new audit sequence, `clear()`).
        mutating func dropAll() {
            pages.removeAll(keepingCapacity: true)
            values.removeAll()
        }

        /// Starts `day` with nothing kept if the kept things are of another day.
        mutating func enter(_ today: CivilDate) {
            let name = today.description
            if day != name {
                dropAll()
                day = name
                if let start = SiteClock.instant(today, hour: 0, minute: 0),
                   let end = SiteClock.instant(today.adding(days: 1), hour: 0, minute: 0), start < end {
                    dayRange = start..<end
                } else {
                    dayRange = nil
                }
            }
        }
    }

    private let state = NIOLockedValueBox(State())
    let capacity: Int
    /// Pages are dropped when the day changes (validity turns on its day).
    let clock: SiteClock
    static let recheckNanoseconds: UInt64 = 1_000_000_000
    /// Bodies smaller than this are sent as they are: gzip would save less than its own cost.
    static let gzipMinimumBytes = 1024

    init(capacity: Int, clock: SiteClock) {
        self.capacity = capacity
        self.clock = clock
    }

    /// Pages differ by address and 长辈模式 only.
    static func key(_ request: Request, _ context: AppRequestContext) -> String {
        key(target: request.uri.description, care: context.careMode, kiosk: context.kioskMode)
    }

    /// `target`: the request's path and query as sent (`Request.uri` is made from the same text).
    static func key(target: String, care: Bool, kiosk: Bool) -> String {
        (care ? "care " : "") + (kiosk ? "kiosk " : "") + target
    }

    /// The next request reads the audit sequence again (called when this instance records a change,
    /// with the record's `sequence`, and again after the commit).
    func expire(recorded sequence: Int? = nil) {
        let until = DispatchTime.now().uptimeNanoseconds &+ 2 * Self.recheckNanoseconds
        state.withLockedValue { s in
            s.checkedAt = 0
            s.eagerUntil = until
            if let sequence { s.awaited = s.awaited == .max ? sequence : max(s.awaited, sequence) }
        }
    }

    /// Trusts a read audit sequence for `seconds` instead of one (tests that count which requests
    /// take the short path, so that a slow machine does not turn their second request into a full
    /// one; a change recorded here still ends the trust at once).
    func trustSequence(forSeconds seconds: UInt64) {
        state.withLockedValue { $0.recheck = seconds * 1_000_000_000 }
    }

    /// Drops every page (tests that change rows behind the audit trail's back).
    func clear() {
        state.withLockedValue { $0.dropAll() }
    }

    /// A value public pages are built from, kept until the audit trail moves like the pages
    /// (for pages that cannot be cached whole, such as search results).
    func value<T: Sendable>(_ key: String, db: any Database, compute: () async throws -> T) async throws -> T {
        guard capacity > 0 else { return try await compute() }
        let generation = try await currentGeneration(db)
        let day = clock.today()
        if let known = state.withLockedValue({ s -> T? in
            s.enter(day)
            return s.generation == generation ? s.values[key] as? T : nil
        }) { return known }
        let fresh = try await compute()
        state.withLockedValue { s in
            if s.generation == generation && s.day == day.description { s.values[key] = fresh }
        }
        return fresh
    }

    /// The cached page for this request, or the page `render()` makes (errors such as 404 pass
    /// through and are not kept). `maxAge`: seconds after which the page is rendered again even if
    /// nothing was recorded (pages that show the time of day, such as an interview going live).
    /// Answers 304 to a matching `If-None-Match` and gzip to a client that accepts it.
    func page(_ request: Request, _ context: AppRequestContext, db: any Database, maxAge: Int? = nil,
              render: () async throws -> String) async throws -> Response {
        let key = Self.key(request, context)
        let wantsGzip = Self.acceptsGzip(request.headers[.acceptEncoding])
        guard capacity > 0 else {
            var entry = Self.entry(ByteBuffer(string: try await render()))
            if entry.lacksGzip(wanted: wantsGzip) { entry.addGzip() }
            return Self.response(entry, request: request, gzip: wantsGzip)
        }
        let generation = try await currentGeneration(db)
        let day = clock.today()
        let now = DispatchTime.now().uptimeNanoseconds
        let (found, claimed) = state.withLockedValue { s -> (Entry?, Bool) in
            s.enter(day)
            guard s.generation == generation, let e = s.pages[key] else { return (nil, false) }
            guard now >= e.staleAfter else { return (e, false) }
            // Past its age but nothing recorded changed: one request renders it again while the
            // others keep getting this copy (all of them rendering at once made the home page's p99
            // 853 ms under 64 connections).
            if s.refreshing.contains(key) { return (e, false) }
            s.refreshing.insert(key)
            return (nil, true)
        }
        defer { if claimed { state.withLockedValue { _ = $0.refreshing.remove(key) } } }
        if let found, !found.lacksGzip(wanted: wantsGzip) {
            return Self.response(found, request: request, gzip: wantsGzip)
        }
        var entry: Entry
        if let found { entry = found } else {
            entry = Self.entry(ByteBuffer(string: try await render()))
            if let maxAge { entry.staleAfter = entry.renderedAt &+ UInt64(maxAge) * 1_000_000_000 }
        }
        if entry.lacksGzip(wanted: wantsGzip) { entry.addGzip() }
        let store = entry
        state.withLockedValue { s in
            guard s.generation == generation else { return }
            if s.pages.count >= capacity && s.pages[key] == nil { s.pages.removeAll(keepingCapacity: true) }
            s.pages[key] = store
        }
        return Self.response(entry, request: request, gzip: wantsGzip)
    }

    /// The kept page for `key` if it can be answered with no query at all: the audit sequence was
    /// read less than a second ago, it is still the day the page was kept on, the page is within
    /// its `maxAge` and it has the encoding the client wants. Otherwise nil, and the request takes
    /// the full path (router, middlewares, `page`), which checks and renders.
    func fresh(_ key: String, wantsGzip: Bool) -> Entry? {
        guard capacity > 0 else { return nil }
        let uptime = DispatchTime.now().uptimeNanoseconds
        let instant = clock.now()
        return state.withLockedValue { s -> Entry? in
            guard s.checkedAt != 0, uptime >= s.eagerUntil, uptime < s.checkedAt &+ s.recheck,
                  s.dayRange?.contains(instant) == true,
                  let e = s.pages[key], uptime < e.staleAfter, !e.lacksGzip(wanted: wantsGzip) else { return nil }
            return e
        }
    }

    private func currentGeneration(_ db: any Database) async throws -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let known = state.withLockedValue { s -> Int? in
            s.checkedAt != 0 && now >= s.eagerUntil && now < s.checkedAt &+ s.recheck ? s.generation : nil
        }
        if let known { return known }
        guard let sql = db as? any SQLDatabase else { return -1 }
        let latest = try await sql.raw("SELECT coalesce(max(seq), 0) AS n FROM audit_records").first()?.decode(column: "n", as: Int.self) ?? 0
        state.withLockedValue { s in
            if s.generation != latest { s.dropAll(); s.generation = latest }
            if latest >= s.awaited { s.eagerUntil = 0; s.awaited = .max }
            s.checkedAt = now
        }
        return latest
    }

    /// The page with its validator: a 64-bit FNV-1a of the bytes, so the same page rendered again
    /// after an unrelated change keeps its ETag and browsers and proxies keep their copy.
    static func entry(_ body: ByteBuffer) -> Entry {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeReadableBytes { raw in
            for b in raw { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return Entry(body: body, etag: "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\"",
                     renderedAt: DispatchTime.now().uptimeNanoseconds)
    }

    static func gzip(_ body: ByteBuffer) -> ByteBuffer? {
        guard body.readableBytes >= gzipMinimumBytes else { return nil }
        return Gzip.compress(Array(buffer: body)).map { ByteBuffer(bytes: $0) }
    }

    /// True when the client accepts gzip (and did not refuse it with q=0).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.lowercased().split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.first == "gzip" || fields.first == "x-gzip" else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }

    /// Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for it).
    static func matches(_ header: String?, etag: String) -> Bool {
        guard let header else { return false }
        if header.trimmingCharacters(in: .whitespaces) == "*" { return true }
        return header.split(separator: ",").contains { tag in
            var t = tag.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("W/") { t.removeFirst(2) }
            return t == etag
        }
    }

    /// A kept page's headers: its type and validator, how caches may keep it, and the security
    /// headers every response carries (the short path answers without the middleware that adds them).
    static func headers(etag: String, gzip: Bool) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.eTag] = etag
        // Stored by browsers and proxies but checked every time: a change is visible at once.
        headers[.cacheControl] = "no-cache"
        headers[.vary] = "Accept-Encoding, Cookie"
        if gzip { headers[.contentEncoding] = "gzip" }
        RequestBasicsMiddleware.addSecurityHeaders(&headers, path: "/")
        return headers
    }

    static func response(_ entry: Entry, request: Request, gzip: Bool) -> Response {
        CachedPageAnswer(entry, gzip: gzip, ifNoneMatch: request.headers[.ifNoneMatch]).response
    }
}
