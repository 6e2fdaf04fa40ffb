import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The audit browser.
enum AuditRoutes {
    struct ChangeView: Sendable {
        let field: String
        let before: String
        let after: String
    }

    struct RecordView: Sendable {
        let sequence: Int
        let time: String
        let actor: String
        let clientAddress: String
        let organisation: String
        let entity: String
        let entityID: String
        let action: String
        let changes: [ChangeView]
        let hasChanges: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let records: [RecordView]
        let isEmpty: Bool
        let total: Int
        let entity: String
        /// The kinds of record to filter by (one name each, `AuditEntity`).
        let entities: [OptionItem]
        let action: String
        let actor: String
        let from: String
        let to: String
        let dateError: String?
        let pager: Pager
        /// The chain's current head, to be saved outside the system.
        let head: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/audit", roles: Roles.administrators, target: .anyScope) { request, context, auth in
            let qp = request.query
            var f = AuditFilter()
            f.entity = (qp.get("entity") ?? "").trimmingSpaces()
            f.action = (qp.get("action") ?? "").trimmingSpaces()
            f.actor = (qp.get("actor") ?? "").trimmingSpaces()
            f.from = (qp.get("from") ?? "").trimmingSpaces()
            f.to = (qp.get("to") ?? "").trimmingSpaces()
            f.page = try qp.page()
            var dateError: String?
            for d in [f.from, f.to] where !d.isEmpty && AuditQueries.utcBound(d, endOfDay: false) == nil {
                dateError = "日期格式应为 年-月-日，如 2026-01-31"
            }
            let db = services.db
            let visible = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: db)
            let global = auth.staff.policy.allowsGlobally([.systemAdministrator], rootIDs: try await OrganisationQueries.rootIDs(on: db))
            let ids = global ? nil : visible.compactMap { $0.node.id }
            let (rows, total) = try await AuditQueries.page(f, organisationIDs: ids, on: db)
            let names = Dictionary(visible.map { ($0.node.id ?? 0, $0.node.shortName) }, uniquingKeysWith: { a, _ in a })
            let decoder = JSONDecoder()
            let records = rows.map { r -> RecordView in
                let changes = (try? decoder.decode([FieldChange].self, from: Data(r.changes.utf8))) ?? []
                return RecordView(sequence: r.sequence, time: displayTime(r.occurredAt), actor: r.actorName,
                                  clientAddress: r.clientAddress, organisation: r.organisationID.flatMap { names[$0] } ?? "",
                                  entity: r.entity, entityID: r.entityID, action: r.action,
                                  changes: changes.map { ChangeView(field: $0.field, before: $0.before ?? "—", after: $0.after ?? "—") },
                                  hasChanges: !changes.isEmpty)
            }
            let pageCount = Paging.pageCount(total: total, perPage: AuditFilter.pageSize)
            func href(_ page: Int) -> String {
                var c = URLComponents()
                c.path = "/admin/audit"
                c.queryItems = [("entity", f.entity), ("action", f.action), ("actor", f.actor), ("from", f.from), ("to", f.to)]
                    .filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) } + [URLQueryItem(name: "page", value: String(page))]
                return c.string ?? "/admin/audit"
            }
            let view = ListView(chrome: AdminChrome.make(services, context, title: "审计日志", path: "/admin/audit"),
                                records: records, isEmpty: records.isEmpty, total: total, entity: f.entity,
                                entities: AuditEntity.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.entity) },
                                action: f.action,
                                actor: f.actor, from: f.from, to: f.to, dateError: dateError,
                                pager: Pager(page: f.page, pageCount: pageCount, href: href),
                                head: try await services.audit.head(on: db)?.description)
            return services.templates.page("admin-audit", view)
        }
    }


    static func displayTime(_ iso: String) -> String {
        guard let d = try? AuditTrail.iso.parse(iso) else { return iso }
        return SiteClock.timeText(d)
    }
}
