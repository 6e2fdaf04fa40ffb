import FluentKit
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the router: the platform's middleware and hubs (portal, dashboard), then every
/// capability's routes in the order of `services.capabilities`.
public func buildRouter(services: AppServices) -> (router: Router<AppRequestContext>, catalog: RouteCatalog) {
    // HEAD answers like GET without the body (monitors and link checkers use it).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestBasicsMiddleware(trustedProxies: services.config.trustedProxies))
    router.add(middleware: ErrorPageMiddleware(services: services))
    router.add(middleware: StaffSessionMiddleware(services: services))
    router.add(middleware: CSRFMiddleware(secureCookies: services.config.cookiesSecure, uploadLimit: services.config.uploadMaxBytes))

    let catalog = RouteCatalog()
    let backOffice = BackOffice(router: router, services: services, catalog: catalog)
    PortalRoutes.register(router: router, services: services)
    DashboardRoutes.register(backOffice)
    for capability in services.capabilities {
        capability.publicRoutes?(router, services)
        capability.backOfficeRoutes?(backOffice)
    }
    return (router, catalog)
}

/// The running site: database service, migrations, router, HTTP server, in one service group.
public func buildApplication(config: AppConfig, logger: Logger) async throws -> some ApplicationProtocol {
    let database = try DatabaseService(config: config, logger: logger)
    do {
        do {
            try await database.migrate()
        } catch {
            throw StorageProblem(detail: String(describing: error))
        }
        // A database that opens and reads but cannot be written must not start and report healthy.
        try await database.checkWritable()
        let services = try AppServices(config: config, database: database, logger: logger)
        try await services.upkeep()
        let (router, _) = buildRouter(services: services)
        let serverName = "Gongkai"
        return Application(
            router: SiteResponderBuilder(router: router, services: services),
            server: ShortcutHTTP1Channel.server(config: config, cache: services.pageCache, serverName: serverName),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: serverName),
            services: [database, BackgroundJobs(services: services)],
            logger: logger)
    } catch {
        await database.shutdown()
        throw error
    }
}
