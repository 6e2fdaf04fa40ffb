import Foundation
import GongkaiDomain
import Hummingbird

/// Review of a pending 更正 / 有效性变更 from the item page. One open change per item, so the
/// routes name the item only.
enum ItemChangeRoutes {
    static func register(_ bo: BackOffice, changes: ItemChangeDesk, record: AccessTarget) {
        let services = bo.services
        let desk = changes.publishing
        typealias Routes = PublishingAdminRoutes

        @Sendable func pending(_ item: InformationItem) async throws -> ItemChange {
            guard let c = try await changes.open(for: item) else { throw PublishingDesk.Failure.refused("这条信息没有待审核的更正或有效性变更") }
            return c
        }

        bo.post("/admin/items/:item/change/approve", roles: Routes.reviewers, target: record) { _, context, auth in
            let item = try await Routes.loadItem(context, services)
            return try await Routes.run(services, desk, context, auth, item) {
                try await changes.approve(try await pending(item), item: item, roles: Routes.roles(auth, item),
                                          actorUserID: auth.staff.user.id, actor: auth.staff.actor(context))
            }
        }

        bo.post("/admin/items/:item/change/return", roles: Routes.reviewers, target: record) { _, context, auth in
            let item = try await Routes.loadItem(context, services)
            return try await Routes.run(services, desk, context, auth, item) {
                try await changes.sendBack(try await pending(item), item: item, reason: context.form["reason"],
                                           roles: Routes.roles(auth, item), actor: auth.staff.actor(context))
            }
        }

        bo.post("/admin/items/:item/change/mask", roles: Routes.viewers, target: record) { _, context, auth in
            let item = try await Routes.loadItem(context, services)
            return try await Routes.run(services, desk, context, auth, item) {
                try await changes.maskPersonalData(try await pending(item), item: item, actor: auth.staff.actor(context))
            }
        }

        bo.post("/admin/items/:item/change/override", roles: [.secrecyReviewer], target: record) { _, context, auth in
            let item = try await Routes.loadItem(context, services)
            return try await Routes.run(services, desk, context, auth, item) {
                try await changes.overrideFindings(try await pending(item), item: item, reason: context.form["reason"],
                                                   actor: auth.staff.actor(context))
            }
        }
    }

    /// The panel of the item page, when a change is pending (`change`: the item's open change, as
    /// the page has already read it).
    static func view(of change: ItemChange?, item: InformationItem, desk: PublishingDesk, held: Set<StaffRole>,
                     viewerID: String) async throws -> ItemChangeView? {
        guard let change else { return nil }
        let changes = ItemChangeDesk(publishing: desk)
        return ItemChangeView.make(change, flow: try await changes.flow(of: change, item: item),
                                   findings: try await changes.findings(for: change), held: held, viewerID: viewerID)
    }
}
