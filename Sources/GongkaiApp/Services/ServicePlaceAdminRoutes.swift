import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 政务地图 in the back office: the places the office keeps, a form to add or change one (the
/// services offered chosen from the published guides), and hiding a place that closed.
enum ServicePlaceAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    static let owner = RecordOwner(kind: "place") { raw, db in
        guard let id = UUID(uuidString: raw), let p = try await ServicePlace.find(id, on: db) else { return [] }
        return [p.organisationID]
    }

    struct Row: Sendable {
        let name: String
        let href: String
        let kind: String
        let area: String
        let state: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let checked: Bool
        let key: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let heading: String
        let action: String
        let organisations: [OptionItem]
        let isNew: Bool
        let kinds: [OptionItem]
        let areas: [OptionItem]
        let fields: [FieldView]
        let guides: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let isPublic: Bool
    }

    static let formFields = ["kind", "name", "address", "coordinates", "hours", "phone", "accessibility", "area"]

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ServicePlaceDesk(services: services)

        bo.get("/admin/places", roles: editors, target: .anyScope) { request, context, auth in
            try await page(services, request, context, auth, place: nil, values: nil, chosen: [], errors: [:], status: .ok)
        }

        bo.post("/admin/places", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择维护单位") }
            return try await save(services, request, context, auth, desk, place: nil, org: org)
        }

        let target = AccessTarget.record(param: "site", owner: owner)
        bo.get("/admin/places/:site", roles: editors, target: target) { request, context, auth in
            let p = try await place(context, services)
            return try await page(services, request, context, auth, place: p, values: nil, chosen: p.guides, errors: [:], status: .ok)
        }

        bo.post("/admin/places/:site", roles: editors, target: target) { request, context, auth in
            let p = try await place(context, services)
            switch context.form["action"] {
            case "hide", "show":
                try await desk.setPublic(p, context.form["action"] == "show", actor: auth.staff.actor(context))
                return .redirect(to: "/admin/places/\(p.id!.uuidString)?notice=saved", type: .found)
            default:
                guard let org = try await Organisation.find(p.organisationID, on: services.db) else { throw HTTPError(.notFound) }
                return try await save(services, request, context, auth, desk, place: p, org: org)
            }
        }
    }

    static func save(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ desk: ServicePlaceDesk,
                     place: ServicePlace?, org: Organisation) async throws -> Response {
        let form = context.form
        let (input, errors) = ServicePlaceDesk.Input.parse { form[$0] }
        let published = Set(try await ServiceGuideQueries.published(services).compactMap(\.guide.id))
        let chosen = (form.fields["guide"] ?? []).compactMap(UUID.init(uuidString:)).filter { published.contains($0) }
        let values = Dictionary(uniqueKeysWithValues: formFields.map { ($0, form[$0]) })
        guard errors.isEmpty else {
            return try await page(services, request, context, auth, place: place, values: values, chosen: chosen, errors: errors, status: .badRequest)
        }
        do {
            let p = try await desk.save(input, guides: chosen, place: place, keptBy: org, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/places/\(p.id!.uuidString)?notice=saved", type: .found)
        } catch let f as DeskFailure {
            return try await page(services, request, context, auth, place: place, values: values, chosen: chosen, errors: f.fieldErrors(refusalAt: "area"), status: .badRequest)
        }
    }

    static func place(_ context: AppRequestContext, _ services: AppServices) async throws -> ServicePlace {
        guard let id = context.parameters.get("site", as: UUID.self), let p = try await ServicePlace.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return p
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, place: ServicePlace?,
                     values: [String: String]?, chosen: [UUID], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let places = ids.isEmpty ? [] : try await ServicePlace.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$name).all()
        let names = try await OrganisationQueries.activeNames(services)
        let v = values ?? place.map { p in
            ["kind": p.kind, "name": p.name, "address": p.address, "coordinates": p.point?.text ?? "", "hours": p.hours, "phone": p.phone,
             "accessibility": p.accessibility, "area": String(p.areaID)]
        } ?? [:]
        let guides = try await ServiceGuideQueries.published(services)
        let areas = orgs.filter { $0.isActive && ($0.kind.isAdministrativeOrgan || $0.kind == .villageCommittee) }
        let specs: [(String, String, String?, Bool)] = [
            ("name", "场所名称", nil, false), ("address", "地址", nil, false),
            ("coordinates", "经度, 纬度（GCJ-02）", "如“104.065700, 30.659500”；可在高德或腾讯地图上取点", false),
            ("hours", "开放时间", "每行一条：工作日 09:00-12:00 14:00-17:30；周六 09:00-12:00（工作日随节假日安排）", true),
            ("phone", "电话", nil, false), ("accessibility", "无障碍设施", "如：无障碍通道、爱心座椅、助听设备", false),
        ]
        return services.templates.page("admin-places", View(
            chrome: AdminChrome.make(services, context, title: "政务地图", path: "/admin/guides", notice: AdminChrome.notice(request)),
            rows: places.map { Row(name: $0.name, href: "/admin/places/\($0.id!.uuidString)", kind: $0.kindValue.label, area: names[$0.areaID] ?? "",
                                   state: $0.isPublic ? "公开" : "已隐藏") },
            hasRows: !places.isEmpty,
            heading: place == nil ? "添加场所" : "修改：\(place!.name)", action: place.map { "/admin/places/\($0.id!.uuidString)" } ?? "/admin/places",
            organisations: orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            isNew: place == nil,
            kinds: PlaceKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: v["kind"] == $0.rawValue) },
            areas: areas.map { OptionItem(value: String($0.id!), label: $0.name, selected: v["area"] == String($0.id!)) },
            fields: specs.map { FieldView(name: $0.0, label: $0.1, value: v[$0.0] ?? "", error: errors[$0.0], hint: $0.2, required: !["accessibility", "phone"].contains($0.0), multiline: $0.3, inputType: "text") },
            guides: guides.map { Choice(value: $0.guide.id!.uuidString, label: "\($0.content.name)（\(names[$0.guide.organisationID] ?? "")）",
                                        checked: chosen.contains($0.guide.id!), key: String($0.guide.id!.uuidString.prefix(8))) },
            errors: errors, hasErrors: !errors.isEmpty, errorList: formFields.compactMap { errors[$0] }, isPublic: place?.isPublic ?? true), status: status)
    }
}
