import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The office's list of statutory columns without content, per organisation it covers (hidden from
/// the public, so they must be filled or confirmed as not applicable).
enum EmptyColumnRoutes {
    static let viewers: Set<StaffRole> = Roles.administrators.union([.informationOfficer, .leader])

    struct OrganisationRow: Sendable {
        let name: String
        let empty: [String]
        let emptyCount: Int
        let shown: Int
    }

    struct View: Sendable {
        let chrome: PageChrome
        let rows: [OrganisationRow]
        let isEmpty: Bool
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/columns/empty", roles: viewers, target: .anyScope) { _, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db)
                .map(\.node).filter { $0.isActive && $0.kind.isAdministrativeOrgan }
            var rows: [OrganisationRow] = []
            for org in orgs {
                let columns = try await ColumnPresence.columns(of: org, on: services.db)
                let empty = columns.filter { !$0.isShown }.map(\.column.label)
                guard !empty.isEmpty else { continue }
                rows.append(OrganisationRow(name: org.name, empty: empty, emptyCount: empty.count, shown: columns.count - empty.count))
            }
            let view = View(chrome: AdminChrome.make(services, context, title: "空白栏目", path: "/admin/columns/empty"), rows: rows, isEmpty: rows.isEmpty)
            return services.templates.page("admin-empty-columns", view)
        }
    }
}
