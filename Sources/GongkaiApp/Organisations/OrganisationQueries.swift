import FluentKit
import GongkaiDomain

/// Read-side queries over the organisation tree, independent of HTTP.
enum OrganisationQueries {
    /// All organisations in tree order.
    static func tree(on db: any Database, activeOnly: Bool = false) async throws -> [OrganisationTree<Organisation>.Entry] {
        var q = Organisation.query(on: db)
        if activeOnly { q = q.filter(\.$isActive == true) }
        let all = try await q.all()
        return OrganisationTree(nodes: all, path: { $0.ancestry }, sortKey: { ($0.sortOrder, $0.name) }).entries
    }

    /// Organisations for which `policy` holds one of `roles`, in tree order.
    static func tree(visibleTo policy: AccessPolicy, roles: Set<StaffRole>, on db: any Database)
        async throws -> [OrganisationTree<Organisation>.Entry] {
        let all = try await Organisation.query(on: db).all()
            .filter { policy.allows(roles, ancestry: $0.ancestry.ids) }
        return OrganisationTree(nodes: all, path: { $0.ancestry }, sortKey: { ($0.sortOrder, $0.name) }).entries
    }

    /// Ids of top-level organisations (what "global" rights are granted on).
    static func rootIDs(on db: any Database) async throws -> Set<Int> {
        Set(try await Organisation.query(on: db).filter(\.$parentID == nil).all().compactMap(\.id))
    }

    /// Full names of the active organisations by id: what public pages put beside an item, a guide,
    /// a consultation… (an inactive organisation's things are not public).
    /// Kept with the public page cache (organisations change only through audited actions).
    static func activeNames(_ services: AppServices) async throws -> [Int: String] {
        try await services.pageCache.value("active-organisation-names", db: services.db) {
            let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
            return Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        }
    }

    static func children(of id: Int, on db: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: db).filter(\.$parentID == id).filter(\.$isActive == true)
            .sort(\.$sortOrder).sort(\.$name).all()
    }

    /// Ancestors of an organisation, root first (excluding itself).
    static func ancestors(of o: Organisation, on db: any Database) async throws -> [Organisation] {
        let ids = o.ancestry.ids.dropLast()
        guard !ids.isEmpty else { return [] }
        let found = try await Organisation.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return ids.compactMap { id in found.first { $0.id == id } }
    }
}
