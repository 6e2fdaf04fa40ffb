import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 文件清理 in the back office: start a cleanup, record a decision per document, finish it.
enum CleanupRoutes {
    static let owner = RecordOwner(kind: "cleanup") { raw, db in
        guard let id = UUID(uuidString: raw), let c = try await CleanupCampaign.find(id, on: db) else { return [] }
        return [c.organisationID]
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let campaigns: [CampaignRow]
        let organisations: [OptionItem]
        let nameError: String?
        let name: String
    }

    struct CampaignRow: Sendable {
        let name: String
        let href: String
        let organisation: String
        let status: String
    }

    struct DetailView: Sendable {
        let chrome: PageChrome
        let name: String
        let base: String
        let isOpen: Bool
        let rows: [DocumentRow]
        let isEmpty: Bool
        let decidedCount: Int
        let noticeHref: String?
        let refusal: String?
    }

    struct DocumentRow: Sendable {
        let itemID: String
        let title: String
        let href: String
        let writtenOn: String
        let overdue: Bool
        let decision: String?
        let note: String
        let choices: [OptionItem]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = CleanupDesk(services: services)
        let roles: Set<StaffRole> = [.disclosureOfficeAdministrator]
        let record = AccessTarget.record(param: "campaign", owner: owner)

        bo.get("/admin/cleanup", roles: roles, target: .anyScope) { request, context, auth in
            try await list(services, context, auth, notice: AdminChrome.notice(request), name: "", nameError: nil)
        }

        bo.post("/admin/cleanup", roles: roles, target: .organisationInput(field: "organisation_id")) { _, context, auth in
            do {
                let c = try await desk.start(name: context.form["name"], for: auth.organisation!, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/cleanup/\(c.id!.uuidString)?notice=created", type: .found)
            } catch CleanupDesk.Failure.invalid(let e) {
                return try await list(services, context, auth, notice: nil, name: context.form["name"], nameError: e["name"], status: .badRequest)
            }
        }

        bo.get("/admin/cleanup/:campaign", roles: roles, target: record) { request, context, _ in
            let c = try await load(context, services)
            return try await detail(services, desk, context, c, notice: AdminChrome.notice(request))
        }

        bo.post("/admin/cleanup/:campaign/decide", roles: roles, target: record) { _, context, auth in
            let c = try await load(context, services)
            guard let iid = UUID(uuidString: context.form["item_id"]), let item = try await InformationItem.find(iid, on: services.db),
                  let decision = CleanupDecision(rawValue: context.form["decision"]) else {
                return try await detail(services, desk, context, c, refusal: "请选择文件和清理意见", status: .badRequest)
            }
            do {
                try await desk.decide(c, item: item, decision: decision, note: context.form["note"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/cleanup/\(c.id!.uuidString)?notice=saved", type: .found)
            } catch CleanupDesk.Failure.invalid(let e) {
                return try await detail(services, desk, context, c, refusal: e.values.sorted().joined(separator: "；"), status: .badRequest)
            } catch CleanupDesk.Failure.refused(let m) {
                return try await detail(services, desk, context, c, refusal: m, status: .badRequest)
            }
        }

        bo.post("/admin/cleanup/:campaign/finish", roles: roles, target: record) { _, context, auth in
            let c = try await load(context, services)
            do {
                let notice = try await desk.finish(c, author: auth.staff.user, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/items/\(notice.id!.uuidString)?notice=created", type: .found)
            } catch CleanupDesk.Failure.refused(let m) {
                return try await detail(services, desk, context, c, refusal: m, status: .badRequest)
            }
        }
    }

    static func load(_ context: AppRequestContext, _ services: AppServices) async throws -> CleanupCampaign {
        guard let id = context.parameters.get("campaign", as: UUID.self), let c = try await CleanupCampaign.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return c
    }

    static func list(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, notice: String?, name: String,
                     nameError: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: [.disclosureOfficeAdministrator], on: services.db)
            .map(\.node).filter { $0.kind.isAdministrativeOrgan }
        let names = Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        let campaigns = try await CleanupCampaign.query(on: services.db).filter(\.$organisationID ~~ Array(names.keys))
            .sort(\.$createdAt, .descending).all()
        let view = ListView(
            chrome: AdminChrome.make(services, context, title: "文件清理", path: "/admin/cleanup", notice: notice),
            campaigns: campaigns.map { CampaignRow(name: $0.name, href: "/admin/cleanup/\($0.id!.uuidString)",
                                                   organisation: names[$0.organisationID] ?? "", status: $0.isOpen ? "进行中" : "已完成") },
            organisations: orgs.map { OptionItem(value: String($0.id ?? 0), label: $0.name, selected: false) },
            nameError: nameError, name: name)
        return services.templates.page("admin-cleanup", view, status: status)
    }

    static func detail(_ services: AppServices, _ desk: CleanupDesk, _ context: AppRequestContext, _ c: CleanupCampaign,
                       notice: String? = nil, refusal: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let items = try await desk.candidates(for: c)
        let decided = try await desk.decisions(of: c)
        let today = services.clock.today().description
        let rows = items.map { item -> DocumentRow in
            let d = decided.first { $0.itemID == item.id }
            return DocumentRow(
                itemID: item.id!.uuidString, title: item.title, href: "/admin/items/\(item.id!.uuidString)", writtenOn: item.writtenOn,
                overdue: (item.expiresOn ?? "9999") <= today, decision: d.flatMap { CleanupDecision(rawValue: $0.decision)?.label },
                note: d?.note ?? "",
                choices: CleanupDecision.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0.rawValue == d?.decision) })
        }
        let view = DetailView(
            chrome: AdminChrome.make(services, context, title: c.name, path: "/admin/cleanup", notice: notice),
            name: c.name, base: "/admin/cleanup/\(c.id!.uuidString)", isOpen: c.isOpen, rows: rows, isEmpty: rows.isEmpty,
            decidedCount: decided.count, noticeHref: c.noticeItemID.map { "/admin/items/\($0.uuidString)" }, refusal: refusal)
        return services.templates.page("admin-cleanup-campaign", view, status: status)
    }
}
