import HTTPTypes
import Hummingbird
import NIOCore

/// Answers a public GET from `PublicPageCache` before routing and the middleware chain when the
/// kept page is known to be current without asking the database (see `PublicPageCache.fresh`);
/// everything else goes on to the router. The answer is the one the full path would give: the
/// same key (address and display modes), the same cached response, the same security headers.
/// Profiled at 100,000 documents, the router's middlewares were most of a cached page's cost.
/// `CachedPageShortcut` gives the same answers one step earlier, in the connection's pipeline;
/// this responder serves the requests it leaves (one behind another on the same connection).
struct CachedPageResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let next: Next
    let cache: PublicPageCache

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        guard let answer = CachedPageAnswer(request.head, cache: cache) else {
            return try await next.respond(to: request, context: context)
        }
        return answer.response
    }
}

/// A kept page's answer to a request: its status (200, or 304 when the client's validator names
/// it), its kept headers (which include the security headers the middleware would add) and its
/// bytes (none for 304). Made without a query, so it can be made on a connection's event loop.
struct CachedPageAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer?

    /// Nil unless `head` is a GET of a public page the cache holds current in the wanted mode
    /// and encoding.
    init?(_ head: HTTPRequest, cache: PublicPageCache) {
        guard head.method == .get, let target = head.path else { return nil }
        // Staff pages and the API are never kept; their requests skip the lookup.
        guard !target.hasPrefix("/admin"), !target.hasPrefix("/api/") else { return nil }
        let modes = RequestBasicsMiddleware.displayModes(Cookies(from: head.headerFields[values: .cookie]))
        let gzip = PublicPageCache.acceptsGzip(head.headerFields[.acceptEncoding])
        guard let entry = cache.fresh(PublicPageCache.key(target: target, care: modes.care, kiosk: modes.kiosk), wantsGzip: gzip)
        else { return nil }
        self.init(entry, gzip: gzip, ifNoneMatch: head.headerFields[.ifNoneMatch])
    }

    /// The kept page in the encoding asked for; 304 when `ifNoneMatch` names that encoding's ETag.
    init(_ entry: PublicPageCache.Entry, gzip: Bool, ifNoneMatch: String?) {
        let compressed = gzip ? entry.gzipped : nil
        headers = compressed == nil ? entry.headers : entry.gzipHeaders ?? entry.headers
        if PublicPageCache.matches(ifNoneMatch, etag: headers[.eTag] ?? entry.etag) {
            status = .notModified
            body = nil
        } else {
            status = .ok
            body = compressed ?? entry.body
        }
    }

    var response: Response {
        Response(status: status, headers: headers, body: body.map { .init(byteBuffer: $0) } ?? .init())
    }
}

/// The router with the cached-page short path in front of it: what `Application` serves.
struct SiteResponderBuilder: HTTPResponderBuilder {
    let router: Router<AppRequestContext>
    let cache: PublicPageCache

    init(router: Router<AppRequestContext>, services: AppServices) {
        self.router = router
        self.cache = services.pageCache
    }

    func buildResponder() -> CachedPageResponder<RouterResponder<AppRequestContext>> {
        CachedPageResponder(next: router.buildResponder(), cache: cache)
    }
}
