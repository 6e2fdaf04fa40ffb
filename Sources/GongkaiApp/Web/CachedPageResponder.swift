import Hummingbird

/// Answers a public GET from `PublicPageCache` before routing and the middleware chain when the
/// kept page is known to be current without asking the database (see `PublicPageCache.fresh`);
/// everything else goes on to the router. The answer is the one the full path would give: the
/// same key (address and display modes), the same cached response, the same security headers.
/// Profiled at 100,000 documents, the router's middlewares were most of a cached page's cost.
struct CachedPageResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let next: Next
    let cache: PublicPageCache

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        guard request.method == .get, let entry = Self.entry(for: request, in: cache) else {
            return try await next.respond(to: request, context: context)
        }
        // The kept headers include the security headers the middleware would add.
        return PublicPageCache.response(entry.page, request: request, gzip: entry.gzip)
    }

    static func entry(for request: Request, in cache: PublicPageCache) -> (page: PublicPageCache.Entry, gzip: Bool)? {
        let path = request.uri.path
        // Staff pages and the API are never kept; their requests skip the lookup.
        guard !path.hasPrefix("/admin"), !path.hasPrefix("/api/") else { return nil }
        let modes = RequestBasicsMiddleware.displayModes(request)
        let gzip = PublicPageCache.acceptsGzip(request.headers[.acceptEncoding])
        guard let page = cache.fresh(PublicPageCache.key(request, care: modes.care, kiosk: modes.kiosk), wantsGzip: gzip) else { return nil }
        return (page, gzip)
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
