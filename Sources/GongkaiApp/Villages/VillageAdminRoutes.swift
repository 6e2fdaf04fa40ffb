import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 村（居）务公开 in the back office: the villages one may work for, with what they published this
/// quarter and whether periodic items carry a board photo; for a township its board-photo rule, its
/// lists "to villages" and where villages' figures differ; for a village its 事项清单, 监督委员会 and
/// links to the township's items on the same matter.
enum VillageAdminRoutes {
    struct VillageRow: Sendable {
        let name: String
        let href: String
        let publishHref: String
        let township: String
        let published: Int
        let latestFinance: String
        let withoutPhoto: Int
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [VillageRow]
        let hasRows: Bool
        let townships: [HomeLink]
        let hasTownships: Bool
        let differences: [VillageQueries.Difference]
        let hasDifferences: Bool
    }

    struct MatterRow: Sendable {
        let id: String
        let matter: String
        let content: String
        let timing: String
        let state: String
    }

    struct OrgView: Sendable {
        let chrome: PageChrome
        let name: String
        let isVillage: Bool
        let action: String
        let publicHref: String?
        let requireBoardPhoto: Bool
        let columns: [OptionItem]
        let listTitle: String
        let listRows: String
        let matters: [MatterRow]
        let hasMatters: Bool
        let supervisors: String
        let publishHref: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = VillageDesk(services: services)

        bo.get("/admin/villages", roles: VillageDesk.viewers, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: VillageDesk.viewers, on: services.db).map(\.node).filter(\.isActive)
            let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, PushQueries.displayName(o)) } }, uniquingKeysWith: { a, _ in a })
            var rows: [VillageRow] = []
            for v in orgs where v.kind.isVillage {
                let vid = v.id!
                let items = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == vid).all()
                let finance = try await VillageFinance.query(on: services.db).filter(\.$organisationID == vid).all()
                    .filter { f in items.contains { $0.id == f.itemID } }.map(\.periodKey).sorted().last
                var without = 0
                for i in items where !VillageDesk.periodicColumns.isDisjoint(with: i.columnKeys) {
                    if try await desk.photos(of: i).isEmpty { without += 1 }
                }
                rows.append(VillageRow(name: v.name, href: "/admin/villages/\(vid)", publishHref: "/admin/m/publish?org=\(vid)",
                                       township: v.parentID.flatMap { names[$0] } ?? "", published: items.count,
                                       latestFinance: finance.flatMap(FinanceTable.Period.init(key:))?.label ?? "—", withoutPhoto: without))
            }
            let townships = orgs.filter { $0.kind == .townshipGovernment || $0.kind == .subdistrictOffice }
            let differences = try await VillageQueries.differences(townshipIDs: townships.compactMap(\.id), services)
            return services.templates.page("admin-villages", ListView(
                chrome: AdminChrome.make(services, context, title: "村（居）务公开", path: "/admin/villages", notice: AdminChrome.notice(request)),
                rows: rows, hasRows: !rows.isEmpty,
                townships: townships.map { HomeLink(title: $0.name, href: "/admin/villages/\($0.id!)", note: "") }, hasTownships: !townships.isEmpty,
                differences: differences, hasDifferences: !differences.isEmpty))
        }

        bo.get("/admin/villages/:org", roles: VillageDesk.viewers, target: .organisation(param: "org")) { request, context, auth in
            try await orgPage(services, request, context, auth, errors: [:], status: .ok)
        }

        bo.post("/admin/villages/:org", roles: VillageDesk.operators, target: .organisation(param: "org")) { request, context, auth in
            guard let org = auth.organisation, usesVillageAffairs(org) else {
                throw UserFacingError(status: .badRequest, message: "只有乡镇（街道）和村（社区）使用村（居）务公开")
            }
            let form = context.form
            let actor = auth.staff.actor(context)
            do {
                switch form["action"] {
                case "photo-rule":
                    guard auth.staff.policy.allows(VillageDesk.office, ancestry: org.ancestry.ids), !org.kind.isVillage else {
                        throw UserFacingError(status: .forbidden, message: "只有乡镇（街道）的公开办可以设定照片要求")
                    }
                    try await desk.saveProfile(org, supervisors: nil, requireBoardPhoto: form["require"] == "1", actor: actor)
                case "benefits":
                    let item = try await desk.saveBenefitList(title: form["title"], rows: form["rows"], column: form["column"], township: org,
                                                              author: auth.staff.user, actor: actor)
                    return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=saved", type: .found)
                case "supervisors":
                    try await desk.saveProfile(org, supervisors: form["supervisors"], requireBoardPhoto: nil, actor: actor)
                case "start-matters":
                    try await desk.startMatters(org, actor: actor)
                case "matter":
                    guard let id = UUID(uuidString: form["matter"]), let m = try await VillageMatter.find(id, on: services.db), m.organisationID == org.id else {
                        throw HTTPError(.notFound)
                    }
                    try await desk.saveMatter(m, content: form["content"], timing: form["timing"], actor: actor)
                case "publish-matters":
                    try await desk.publishMatters(org, actor: actor)
                case "link":
                    guard let item = try await InformationItem.query(on: services.db).filter(\.$indexNumber == form["index_number"].trimmingSpaces())
                        .filter(\.$organisationID == org.requireID()).first() else {
                        throw DeskFailure.invalid(["index_number": "找不到本村（社区）的这条信息（请填写索引号）"])
                    }
                    try await desk.link(item, toTownshipIndex: form["township_index"], village: org, actor: actor)
                default:
                    throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                return try await orgPage(services, request, context, auth, errors: f.fieldErrors(refusalAt: "action"), status: .badRequest)
            }
            return .redirect(to: "/admin/villages/\(org.id!)?notice=saved", type: .found)
        }
    }

    static func usesVillageAffairs(_ org: Organisation) -> Bool {
        org.kind.isVillage || org.kind == .townshipGovernment || org.kind == .subdistrictOffice
    }

    static func orgPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                        errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        guard let org = auth.organisation, usesVillageAffairs(org) else {
            throw UserFacingError(status: .badRequest, message: "只有乡镇（街道）和村（社区）使用村（居）务公开")
        }
        let desk = VillageDesk(services: services)
        let id = try org.requireID()
        let profile = try await desk.profile(id)
        let matters = try await desk.matters(of: id)
        let form = context.form
        var publicHref: String?
        if org.kind.isVillage, let t = try await desk.township(of: org) { publicHref = VillageQueries.href(township: t, village: org) }
        if !org.kind.isVillage { publicHref = "/xxgk/\(id)/cunwu" }
        return services.templates.page("admin-village", OrgView(
            chrome: AdminChrome.make(services, context, title: "村（居）务公开：\(org.name)", path: "/admin/villages", notice: AdminChrome.notice(request)),
            name: org.name, isVillage: org.kind.isVillage, action: "/admin/villages/\(id)", publicHref: publicHref,
            requireBoardPhoto: profile?.requireBoardPhoto ?? false,
            columns: DisclosureColumn.columns(for: org.kind).filter { ["shjz", "nyzc", "hnbt"].contains($0.key) }.map { OptionItem(value: $0.key, label: $0.label, selected: false) },
            listTitle: form["title"], listRows: form["rows"],
            matters: matters.map { MatterRow(id: $0.id!.uuidString, matter: $0.matter, content: $0.content, timing: $0.timing, state: $0.publishedAt == nil ? "未公布" : "已公布") },
            hasMatters: !matters.isEmpty, supervisors: profile?.supervisors ?? "", publishHref: "/admin/m/publish?org=\(id)",
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] }), status: status)
    }
}
