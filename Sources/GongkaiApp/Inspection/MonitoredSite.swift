import FluentKit
import Foundation
import GongkaiDomain

/// A site the monitor crawls: the portal itself ("portal") or one the county registered.
struct MonitoredSite: Sendable, Equatable {
    let key: String
    let name: String
    /// Scheme, host and port, no trailing slash.
    let base: String
    let organisationID: Int
    let isPortal: Bool

    static let portalKey = "portal"

    var host: String { URLComponents(string: base)?.host?.lowercased() ?? "" }

    /// Whether an absolute address is on this site (same scheme, host and port).
    func owns(_ url: String) -> Bool {
        guard let a = URLComponents(string: url), let b = URLComponents(string: base) else { return false }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && a.port == b.port
    }

    /// The portal and every active registered site.
    static func all(_ services: AppServices) async throws -> [MonitoredSite] {
        var out: [MonitoredSite] = []
        if let p = try await portal(services) { out.append(p) }
        for s in try await MonitorSite.query(on: services.db).filter(\.$active == true).sort(\.$createdAt).all() {
            out.append(MonitoredSite(key: s.id!.uuidString, name: s.name, base: s.baseURL, organisationID: s.organisationID, isPortal: false))
        }
        return out
    }

    static func portal(_ services: AppServices) async throws -> MonitoredSite? {
        guard let root = try await OrganisationQueries.rootIDs(on: services.db).sorted().first else { return nil }
        let base = services.config.monitor.portalURL ?? "http://127.0.0.1:\(services.config.port)"
        return MonitoredSite(key: portalKey, name: services.config.siteName + "（本站）", base: base, organisationID: root, isPortal: true)
    }

    static func find(_ key: String, _ services: AppServices) async throws -> MonitoredSite? {
        try await all(services).first { $0.key == key }
    }

    /// The organisation a page of the portal belongs to: /xxgk/<id>/… is that organisation's column.
    func organisation(of url: String, active: Set<Int>) -> Int {
        guard isPortal, let path = URLComponents(string: url)?.path else { return organisationID }
        let parts = path.split(separator: "/")
        if parts.count >= 2, parts[0] == "xxgk", let id = Int(parts[1]), active.contains(id) { return id }
        return organisationID
    }
}
