import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 公共企事业单位 and 所属事业单位 for their supervising department: the units under it, how far their
/// catalogue and publishing have come, and starting a unit's catalogue from its sector's template.
enum UnitAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    struct Row: Sendable {
        let name: String
        let kind: String
        let supervisor: String
        let catalogueRows: Int
        let published: Int
        let catalogueHref: String
        let coverageHref: String
        let action: String
        let canStart: Bool
    }

    struct View: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/units", roles: editors, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node).filter(\.isActive)
            let names = try await OrganisationQueries.activeNames(services)
            var rows: [Row] = []
            for u in orgs where u.kind.isPublicEnterprise || u.kind == .affiliatedInstitution {
                let id = try u.requireID()
                let domain = SectorCatalogue.domain(for: u.kind) ?? ""
                let count = try await CatalogueStore(services: services).rows(id, domain).count
                let published = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == id).count()
                rows.append(Row(name: u.name, kind: u.kind.label, supervisor: u.parentID.flatMap { names[$0] } ?? "", catalogueRows: count, published: published,
                                catalogueHref: "/admin/catalogue/\(id)/\(domain.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                                coverageHref: "/admin/coverage?org=\(id)", action: "/admin/units/\(id)", canStart: count == 0))
            }
            return services.templates.page("admin-units", View(
                chrome: AdminChrome.make(services, context, title: "公共企事业单位", path: "/admin/villages", notice: AdminChrome.notice(request)),
                rows: rows, hasRows: !rows.isEmpty))
        }

        bo.post("/admin/units/:org", roles: editors, target: .organisation(param: "org")) { _, context, auth in
            guard let unit = auth.organisation, let domain = SectorCatalogue.domain(for: unit.kind) else {
                throw UserFacingError(status: .badRequest, message: "只有公共企事业单位和所属事业单位使用行业目录模板")
            }
            let store = CatalogueStore(services: services)
            guard try await store.rows(unit.requireID(), domain).isEmpty else {
                throw UserFacingError(status: .conflict, message: "该单位的\(domain)目录已经建立，请在目录中逐项修改")
            }
            for row in SectorCatalogue.rows(for: unit.kind, unit: unit.name) {
                try await store.add(row, org: unit.requireID(), domain: domain, actor: auth.staff.actor(context))
            }
            return .redirect(to: "/admin/units?notice=saved", type: .found)
        }
    }
}
