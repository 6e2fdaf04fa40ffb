import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Linking information items to the catalogue rows they fulfil, and the coverage dashboard.
enum CatalogueLinkRoutes {
    struct RowChoice: Sendable {
        let id: String
        let label: String
    }

    struct LinkView: Sendable {
        let linked: [LinkedRow]
        let suggestions: [RowChoice]
        let choices: [RowChoice]
        let hasChoices: Bool
        let action: String
    }

    struct LinkedRow: Sendable {
        let label: String
        let deleteAction: String
    }

    static func label(_ r: CatalogueItem) -> String {
        let row = r.row
        return "\(r.domain)：\(row.level1)\(row.level2.isEmpty ? "" : "／\(row.level2)")（\(row.timeLimit)）"
    }

    /// The catalogue section of an item's back-office page.
    static func view(for item: InformationItem, services: AppServices) async throws -> LinkView {
        let id = try item.requireID()
        let links = try await ItemCatalogueLink.query(on: services.db).filter(\.$itemID == id).all()
        let rows = try await CatalogueItem.query(on: services.db).filter(\.$organisationID == item.organisationID).filter(\.$active == true)
            .sort(\.$domain).sort(\.$position).all()
        let linkedIDs = Set(links.map(\.catalogueItemID))
        let base = "/admin/items/\(id.uuidString)/catalogue"
        let linked = links.compactMap { l -> LinkedRow? in
            guard let r = rows.first(where: { $0.id == l.catalogueItemID }) else { return nil }
            return LinkedRow(label: label(r), deleteAction: base + "/\(l.id!.uuidString)/delete")
        }
        let suggestions = try await CoverageQueries.suggestions(for: item, services: services).filter { !linkedIDs.contains($0.id!) }
        let choices = rows.filter { !linkedIDs.contains($0.id!) }.map { RowChoice(id: $0.id!.uuidString, label: label($0)) }
        return LinkView(linked: linked, suggestions: suggestions.map { RowChoice(id: $0.id!.uuidString, label: label($0)) },
                        choices: choices, hasChoices: !choices.isEmpty, action: base)
    }

    struct CoverageRow: Sendable {
        let domain: String
        let label: String
        let limit: String
        let status: String
        let statusClass: String
        let last: String
        let next: String
        let late: Int
    }

    struct TallyRow: Sendable {
        let domain: String
        let organisation: String
        let href: String?
        let ok: Int
        let dueSoon: Int
        let overdue: Int
        let never: Int
        let attention: Bool
    }

    struct CoverageView: Sendable {
        let chrome: PageChrome
        let overview: [TallyRow]
        let hasOverview: Bool
        let organisations: [OptionItem]
        let organisation: String
        let counts: [String]
        let todo: [CoverageRow]
        let rows: [CoverageRow]
        let isEmpty: Bool
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let record = AccessTarget.record(param: "item", owner: PublishingAdminRoutes.owner)

        bo.post("/admin/items/:item/catalogue", roles: PublishingAdminRoutes.authors, target: record) { _, context, auth in
            let item = try await PublishingAdminRoutes.loadItem(context, services)
            guard let rid = UUID(uuidString: context.form["catalogue_item_id"]), let row = try await CatalogueItem.find(rid, on: services.db),
                  row.organisationID == item.organisationID, row.active else {
                throw UserFacingError(status: .badRequest, message: "请选择本机关标准目录中的事项。")
            }
            let exists = try await ItemCatalogueLink.query(on: services.db).filter(\.$itemID == item.requireID()).filter(\.$catalogueItemID == rid).first()
            if exists == nil {
                let link = ItemCatalogueLink()
                link.id = UUID()
                link.itemID = try item.requireID()
                link.catalogueItemID = rid
                let audit = services.audit
                let actor = auth.staff.actor(context)
                try await services.db.transaction { db in
                    try await link.create(on: db)
                    try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                           entityID: item.indexNumber, action: "关联标准目录", changes: [.init(field: "catalogue", before: nil, after: label(row))])
                }
            }
            return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=saved", type: .found)
        }

        bo.post("/admin/items/:item/catalogue/:link/delete", roles: PublishingAdminRoutes.authors, target: record) { _, context, auth in
            let item = try await PublishingAdminRoutes.loadItem(context, services)
            guard let lid = context.parameters.get("link", as: UUID.self), let link = try await ItemCatalogueLink.find(lid, on: services.db),
                  link.itemID == item.id else { throw HTTPError(.notFound) }
            let audit = services.audit
            let actor = auth.staff.actor(context)
            try await services.db.transaction { db in
                try await link.delete(on: db)
                try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                       entityID: item.indexNumber, action: "取消关联标准目录", changes: [])
            }
            return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=saved", type: .found)
        }

        bo.get("/admin/coverage", roles: CatalogueRoutes.editors.union([.leader]), target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: CatalogueRoutes.editors.union([.leader]), on: services.db)
                .map(\.node).filter { $0.kind.isAdministrativeOrgan }
            let chosen = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "机构（org）").flatMap { id in orgs.first { $0.id == id } } ?? orgs.first
            // Everyone the viewer covers when there is a summary to show, else the chosen one: each computed once.
            let scope = orgs.count > 1 ? orgs : (chosen.map { [$0] } ?? [])
            let byOrganisation = try await CoverageQueries.coverage(organisations: scope, services: services)
            var rows: [CoverageRow] = []
            if let org = chosen {
                rows = (byOrganisation[org.id!] ?? []).map { c in
                    CoverageRow(domain: c.item.domain, label: "\(c.row.level1)\(c.row.level2.isEmpty ? "" : "／\(c.row.level2)")", limit: c.row.timeLimit,
                                status: c.assessment.status.label, statusClass: c.assessment.status == .ok ? "" : "status-overdue",
                                last: c.assessment.lastPublished?.description ?? "—", next: c.assessment.nextDue?.description ?? "—",
                                late: c.assessment.latePublications)
                }
            }
            let counts = CoverageStatus.allCases.map { s in "\(s.label) \(rows.filter { $0.status == s.label }.count)" }
            // Across everything the viewer covers: per domain, each organisation and the domain's total.
            var overview: [TallyRow] = []
            if orgs.count > 1 {
                let tallies = CoverageQueries.overview(organisations: orgs, coverage: byOrganisation,
                                                      order: try await CatalogueDomainStore(services: services).order())
                for domain in tallies.map(\.domain).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } {
                    let group = tallies.filter { $0.domain == domain }
                    func row(_ org: String, _ href: String?, _ c: [CoverageStatus: Int]) -> TallyRow {
                        TallyRow(domain: domain, organisation: org, href: href, ok: c[.ok] ?? 0, dueSoon: c[.dueSoon] ?? 0,
                                 overdue: c[.overdue] ?? 0, never: c[.never] ?? 0, attention: (c[.overdue] ?? 0) + (c[.never] ?? 0) > 0)
                    }
                    overview += group.map { row($0.organisationName, "/admin/coverage?org=\($0.organisationID)", $0.counts) }
                    if group.count > 1 {
                        overview.append(row("合计（\(group.count)个机构）", nil, group.reduce(into: [:]) { acc, t in for (k, v) in t.counts { acc[k, default: 0] += v } }))
                    }
                }
            }
            let view = CoverageView(
                chrome: AdminChrome.make(services, context, title: "目录落实情况", path: "/admin/coverage"),
                overview: overview, hasOverview: !overview.isEmpty,
                organisations: orgs.map { OptionItem(value: String($0.id ?? 0), label: $0.name, selected: $0.id == chosen?.id) },
                organisation: chosen?.name ?? "", counts: counts,
                todo: rows.filter { $0.status != CoverageStatus.ok.label }, rows: rows, isEmpty: rows.isEmpty)
            return services.templates.page("admin-coverage", view)
        }
    }
}
