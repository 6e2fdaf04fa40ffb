import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政务新媒体 registry in the back office (accounts, alerts, what each account was meant to
/// carry) and the public 政务新媒体矩阵 page.
enum NewMediaRoutes {
    static let owner = RecordOwner(kind: "new-media-account") { raw, db in
        guard let id = UUID(uuidString: raw), let a = try await NewMediaAccount.find(id, on: db) else { return [] }
        return [a.organisationID]
    }

    struct AccountRow: Sendable {
        let platform: String
        let name: String
        let previousName: String?
        let handle: String?
        let organisation: String
        let operatorName: String
        let status: String
        let lastUpdate: String
        let interaction: String
        let alerts: [String]
        let hasAlerts: Bool
        let carried: Int
        let recent: [String]
        let editHref: String?
    }

    struct FormView: Sendable {
        let action: String
        let platforms: [OptionItem]
        let statuses: [OptionItem]
        let mergeTargets: [OptionItem]
        let organisations: [OptionItem]
        let isNew: Bool
        let name: String
        let handle: String
        let operatorName: String
        let openedOn: String
        let filedOn: String
        let lastUpdateOn: String
        let feedURL: String
        let interaction: Bool
        let statusFiled: Bool
        let renameFiled: Bool
        let previousName: String?
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct RecentItem: Sendable {
        let title: String
        let organisation: String
        let href: String
        let accounts: Int
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [AccountRow]
        let hasRows: Bool
        let recent: [RecentItem]
        let hasRecent: Bool
        let staleDays: Int
        let form: FormView
        let canEdit: Bool
    }

    struct EditView: Sendable {
        let chrome: PageChrome
        let form: FormView
    }

    struct SyncView: Sendable {
        let chrome: PageChrome
        let title: String
        let accounts: [OptionItem]
        let hasAccounts: Bool
        let action: String
        let itemHref: String
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/xmt", roles: NewMediaDesk.viewers, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, input: NewMediaDesk.Input(), errors: [:], status: .ok)
        }
        bo.post("/admin/xmt", roles: NewMediaDesk.editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择主办单位") }
            let input = NewMediaDesk.parse(context.form)
            do {
                try await NewMediaDesk(services: services).save(input, account: nil, organisationID: org.id!, actor: auth.staff.actor(context))
            } catch NewMediaDesk.Failure.invalid(let errors) {
                return try await list(services, request, context, auth, input: input, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/xmt?notice=saved", type: .found)
        }
        bo.get("/admin/xmt/:medium", roles: NewMediaDesk.editors, target: .record(param: "medium", owner: owner)) { request, context, auth in
            guard let a = try await NewMediaAccount.find(context.parameters.get("medium", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            return try await edit(services, request, context, auth, account: a, input: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/xmt/:medium", roles: NewMediaDesk.editors, target: .record(param: "medium", owner: owner)) { request, context, auth in
            guard let a = try await NewMediaAccount.find(context.parameters.get("medium", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let input = NewMediaDesk.parse(context.form)
            do {
                try await NewMediaDesk(services: services).save(input, account: a, organisationID: a.organisationID, actor: auth.staff.actor(context))
            } catch NewMediaDesk.Failure.invalid(let errors) {
                return try await edit(services, request, context, auth, account: a, input: input, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/xmt?notice=saved", type: .found)
        }
        let itemTarget = AccessTarget.record(param: "item", owner: PublishingAdminRoutes.owner)
        bo.get("/admin/xmt/items/:item", roles: NewMediaDesk.editors, target: itemTarget) { request, context, _ in
            guard let item = try await InformationItem.find(context.parameters.get("item", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let offered = try await NewMediaDesk(services: services).offered(for: item)
            let chosen = Set(try await NewMediaSync.query(on: services.db).filter(\.$itemID == item.requireID()).all().map(\.accountID))
            return services.templates.page("admin-xmt-sync", SyncView(
                chrome: AdminChrome.make(services, context, title: "同步至政务新媒体", path: "/admin/xmt", notice: AdminChrome.notice(request)),
                title: item.title, accounts: offered.map { OptionItem(value: $0.id!.uuidString, label: "\($0.platform)·\($0.name)", selected: chosen.contains($0.id!)) },
                hasAccounts: !offered.isEmpty, action: "/admin/xmt/items/\(item.id!.uuidString)", itemHref: "/admin/items/\(item.id!.uuidString)"))
        }
        bo.post("/admin/xmt/items/:item", roles: NewMediaDesk.editors, target: itemTarget) { _, context, auth in
            guard let item = try await InformationItem.find(context.parameters.get("item", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let ids = context.form.all("account").compactMap(UUID.init(uuidString:))
            do {
                try await NewMediaDesk(services: services).setSync(item: item, accounts: ids, actor: auth.staff.actor(context))
            } catch NewMediaDesk.Failure.invalid(let errors) {
                throw UserFacingError(status: .badRequest, message: errors.values.joined(separator: "；"))
            }
            return .redirect(to: "/admin/xmt/items/\(item.id!.uuidString)?notice=saved", type: .found)
        }
    }

    /// `targets`: the organisations whose accounts the user may merge into (those they edit).
    static func formView(_ services: AppServices, action: String, input: NewMediaDesk.Input, account: NewMediaAccount?, organisations: [Organisation],
                         targets: [Int], errors: [String: String]) async throws -> FormView {
        let all = try await NewMediaAccount.query(on: services.db).filter(\.$status == "normal").filter(\.$organisationID ~~ targets)
            .sort(\.$name).all().filter { $0.id != account?.id }
        return FormView(
            action: action,
            platforms: NewMediaDesk.platforms.map { OptionItem(value: $0, label: $0, selected: input.platform == $0) },
            statuses: NewMediaDesk.statuses.map { OptionItem(value: $0.0, label: $0.1, selected: input.status == $0.0) },
            mergeTargets: [OptionItem(value: "", label: "（不适用）", selected: input.mergedInto == nil)]
                + all.map { OptionItem(value: $0.id!.uuidString, label: "\($0.platform)·\($0.name)", selected: input.mergedInto == $0.id) },
            organisations: organisations.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            isNew: account == nil, name: input.name, handle: input.handle, operatorName: input.operatorName, openedOn: input.openedOn,
            filedOn: input.filedOn, lastUpdateOn: input.lastUpdateOn, feedURL: input.feedURL, interaction: input.interaction,
            statusFiled: input.statusFiled, renameFiled: input.renameFiled, previousName: account?.previousName.nonEmpty,
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     input: NewMediaDesk.Input, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let visible = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: NewMediaDesk.viewers, on: services.db).map(\.node)
        let editable = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: NewMediaDesk.editors, on: services.db).map(\.node).filter(\.isActive)
        let names = try await OrganisationQueries.activeNames(services)
        let accounts = try await NewMediaAccount.query(on: services.db).filter(\.$organisationID ~~ visible.compactMap(\.id)).sort(\.$organisationID).sort(\.$name).all()
        let syncs = accounts.isEmpty ? [] : try await NewMediaSync.query(on: services.db).filter(\.$accountID ~~ accounts.compactMap(\.id)).sort(\.$markedAt, .descending).all()
        let items = syncs.isEmpty ? [] : try await InformationItem.query(on: services.db).filter(\.$id ~~ Array(Set(syncs.map(\.itemID)))).all()
        let today = services.clock.today()
        let staleDays = services.config.monitor.newMediaStaleDays
        let editableIDs = Set(editable.compactMap(\.id))
        let rows = accounts.map { a -> AccountRow in
            let alerts = NewMediaAlert.alerts(a.alertInput, today: today, staleDays: staleDays).map(\.text)
            let mine = syncs.filter { $0.accountID == a.id }
            var status = NewMediaDesk.statuses.first { $0.0 == a.status }?.1 ?? a.status
            if a.status != "normal" {
                status += a.statusChangedOn.isEmpty ? "" : "（\(a.statusChangedOn)）"
                if a.status == "merged", let t = accounts.first(where: { $0.id == a.mergedInto }) { status += "，并入“\(t.name)”" }
            }
            return AccountRow(platform: a.platform, name: a.name, previousName: a.previousName.nonEmpty, handle: a.handle.nonEmpty, organisation: names[a.organisationID] ?? "",
                              operatorName: a.operatorName.isEmpty ? "（未明确）" : a.operatorName, status: status,
                              lastUpdate: a.lastUpdateOn.isEmpty ? "未记录" : a.lastUpdateOn, interaction: a.interaction ? "有" : "无",
                              alerts: alerts, hasAlerts: !alerts.isEmpty, carried: mine.count,
                              recent: mine.prefix(3).compactMap { s in items.first { $0.id == s.itemID }?.title },
                              editHref: editableIDs.contains(a.organisationID) ? "/admin/xmt/\(a.id!.uuidString)" : nil)
        }
        // The latest items published through the review flow by the units the user edits, to mark 同步至.
        let latest = editableIDs.isEmpty ? [] : try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID ~~ Array(editableIDs))
            .sort(\.$publishedAt, .descending).limit(15).all()
        let marked = latest.isEmpty ? [] : try await NewMediaSync.query(on: services.db).filter(\.$itemID ~~ latest.compactMap(\.id)).all()
        let recent = latest.map { i in
            RecentItem(title: i.title, organisation: names[i.organisationID] ?? "", href: "/admin/xmt/items/\(i.id!.uuidString)",
                       accounts: marked.filter { $0.itemID == i.id }.count)
        }
        return services.templates.page("admin-xmt", ListView(
            chrome: AdminChrome.make(services, context, title: "政务新媒体", path: "/admin/xmt", notice: AdminChrome.notice(request)),
            rows: rows, hasRows: !rows.isEmpty, recent: recent, hasRecent: !recent.isEmpty, staleDays: staleDays,
            form: try await formView(services, action: "/admin/xmt", input: input, account: nil, organisations: editable, targets: Array(editableIDs), errors: errors),
            canEdit: !editable.isEmpty), status: status)
    }

    static func edit(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, account a: NewMediaAccount,
                     input: NewMediaDesk.Input?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let current = input ?? NewMediaDesk.Input(platform: a.platform, name: a.name, handle: a.handle, operatorName: a.operatorName, openedOn: a.openedOn,
                                                  filedOn: a.filedOn, status: a.status, mergedInto: a.mergedInto, statusFiled: a.statusFiled,
                                                  renameFiled: a.renameFiled, lastUpdateOn: a.lastUpdateOn, feedURL: a.feedURL, interaction: a.interaction)
        return services.templates.page("admin-xmt-edit", EditView(
            chrome: AdminChrome.make(services, context, title: "修改政务新媒体账号", path: "/admin/xmt", notice: AdminChrome.notice(request)),
            form: try await formView(services, action: "/admin/xmt/\(a.id!.uuidString)", input: current, account: a, organisations: [],
                                     targets: try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: NewMediaDesk.editors, on: services.db).compactMap(\.node.id),
                                     errors: errors)), status: status)
    }

    // MARK: public

    struct PublicRow: Sendable {
        let platform: String
        let name: String
        let handle: String
        let organisation: String
        let lastUpdate: String
    }

    struct PublicView: Sendable {
        let chrome: PageChrome
        let groups: [Group]
        let hasGroups: Bool
        let closed: [PublicRow]
        let hasClosed: Bool
    }

    struct Group: Sendable {
        let platform: String
        let rows: [PublicRow]
    }

    static func registerPublic(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/xmt") { _, context -> Response in
            let names = try await OrganisationQueries.activeNames(services)
            let all = try await NewMediaAccount.query(on: services.db).sort(\.$name).all().filter { names[$0.organisationID] != nil }
            func row(_ a: NewMediaAccount) -> PublicRow {
                PublicRow(platform: a.platform, name: a.name, handle: a.handle, organisation: names[a.organisationID] ?? "",
                          lastUpdate: a.status == "normal" ? a.lastUpdateOn : (a.status == "merged" ? "已整合" : "已关停") + (a.statusChangedOn.isEmpty ? "" : "（\(a.statusChangedOn)）"))
            }
            let active = all.filter(\.isActive)
            let groups = NewMediaDesk.platforms.compactMap { p -> Group? in
                let rows = active.filter { $0.platform == p }.map(row)
                return rows.isEmpty ? nil : Group(platform: p, rows: rows)
            }
            let closed = all.filter { !$0.isActive }.map(row)
            return services.templates.page("portal-xmt", PublicView(
                chrome: PageChrome(services: services, context: context, title: "政务新媒体矩阵", path: "/xmt"),
                groups: groups, hasGroups: !groups.isEmpty, closed: closed, hasClosed: !closed.isEmpty))
        }
    }
}
