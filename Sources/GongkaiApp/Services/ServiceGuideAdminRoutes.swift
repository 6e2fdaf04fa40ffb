import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 办事指南 in the back office: the organisation's guides with their state; one guide's form (the
/// draft, or the published version to revise), the key elements still missing, and the review.
enum ServiceGuideAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    static let reviewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .reviewer]
    static let viewers = editors.union(reviewers)

    static let owner = RecordOwner(kind: "guide") { raw, db in
        guard let id = UUID(uuidString: raw), let g = try await ServiceGuide.find(id, on: db) else { return [] }
        return [g.organisationID]
    }

    struct Row: Sendable {
        let name: String
        let href: String
        let organisation: String
        let state: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let organisations: [OptionItem]
        let canCreate: Bool
        let nameError: String?
        let name: String
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let name: String
        let state: String
        let publicHref: String?
        let missing: String?
        let returnReason: String?
        let fields: [FieldView]
        let kinds: [OptionItem]
        let kindError: String?
        let free: Bool
        let canEdit: Bool
        let canSubmit: Bool
        let canReview: Bool
        let canWithdraw: Bool
        let errorList: [String]
        let hasErrors: Bool
        let versions: [DecisionListPage.Link]
    }

    static let formFields = ["name", "kind", "basis", "conditions", "materials", "steps", "statutory_days", "promised_days", "fee", "free", "place",
                             "hours", "enquiry_phone", "complaint_phone", "online_url", "visits"]

    static func stateText(_ g: ServiceGuide) -> String {
        if g.withdrawnAt != nil { return "已停止公开" }
        var parts: [String] = []
        if g.version > 0 { parts.append("已发布第\(g.version)版") }
        switch g.draftState {
        case "in_review": parts.append("新版本审核中")
        case "draft": parts.append(g.version > 0 ? "有未提交的修改" : "草稿")
        default: break
        }
        return parts.joined(separator: "，")
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = ServiceGuideDesk(services: services)

        bo.get("/admin/guides", roles: viewers, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, name: "", error: nil, status: .ok)
        }

        bo.post("/admin/guides", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation, org.kind.isAdministrativeOrgan else { throw UserFacingError(status: .badRequest, message: "请选择实施主体") }
            var content = ServiceGuideContent()
            content.name = context.form["name"].trimmingSpaces()
            guard !content.name.isEmpty, content.name.count <= 100 else {
                return try await list(services, request, context, auth, name: context.form["name"], error: "请填写事项名称（100字以内）", status: .badRequest)
            }
            let g = try await desk.create(content, in: org, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/guides/\(g.id!.uuidString)?notice=saved", type: .found)
        }

        let target = AccessTarget.record(param: "guide", owner: owner)
        bo.get("/admin/guides/:guide", roles: viewers, target: target) { request, context, auth in
            let g = try await guide(context, services)
            return try await page(services, request, context, auth, g, values: nil, errors: [:], status: .ok)
        }

        bo.post("/admin/guides/:guide", roles: viewers, target: target) { request, context, auth in
            let g = try await guide(context, services)
            let form = context.form
            let held = try await heldRoles(auth, g, services)
            let actor = auth.staff.actor(context)
            var values: [String: String]?
            do {
                switch form["action"] {
                case "save", "submit":
                    guard !held.isDisjoint(with: editors) else { throw UserFacingError.forbidden() }
                    let (content, errors) = ServiceGuideContent.parse { form[$0] }
                    values = Dictionary(uniqueKeysWithValues: ServiceGuideAdminRoutes.formFields.map { ($0, form[$0]) })
                    guard errors.isEmpty else { throw DeskFailure.invalid(errors) }
                    try await desk.save(g, content, actor: actor)
                    if form["action"] == "submit" { try await desk.submit(g, by: auth.staff.user.id, actor: actor) }
                case "approve":
                    guard !held.isDisjoint(with: reviewers) else { throw UserFacingError.forbidden() }
                    try await desk.approve(g, by: auth.staff.user.id, actor: actor)
                case "send_back":
                    guard !held.isDisjoint(with: reviewers) else { throw UserFacingError.forbidden() }
                    try await desk.sendBack(g, reason: form["reason"], actor: actor)
                case "withdraw":
                    guard !held.isDisjoint(with: editors) else { throw UserFacingError.forbidden() }
                    try await desk.withdraw(g, reason: form["reason"], actor: actor)
                default:
                    throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, g, values: values, errors: f.fieldErrors(refusalAt: "action"), status: .badRequest)
            }
            return .redirect(to: "/admin/guides/\(g.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func guide(_ context: AppRequestContext, _ services: AppServices) async throws -> ServiceGuide {
        guard let id = context.parameters.get("guide", as: UUID.self), let g = try await ServiceGuide.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return g
    }

    static func heldRoles(_ auth: Authorised, _ g: ServiceGuide, _ services: AppServices) async throws -> Set<StaffRole> {
        guard let org = try await Organisation.find(g.organisationID, on: services.db) else { return [] }
        return Set(viewers.filter { auth.staff.policy.allows([$0], ancestry: org.ancestry.ids) })
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     name: String, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let guides = ids.isEmpty ? [] : try await ServiceGuide.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$name).limit(2000).all()
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let creatable = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
            .filter { $0.isActive && $0.kind.isAdministrativeOrgan }
        return services.templates.page("admin-guides", ListView(
            chrome: AdminChrome.make(services, context, title: "办事指南", path: "/admin/guides", notice: AdminChrome.notice(request)),
            rows: guides.map { Row(name: $0.name, href: "/admin/guides/\($0.id!.uuidString)", organisation: names[$0.organisationID] ?? "", state: stateText($0)) },
            hasRows: !guides.isEmpty,
            organisations: creatable.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            canCreate: !creatable.isEmpty, nameError: error, name: name), status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ g: ServiceGuide,
                     values typed: [String: String]?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let held = try await heldRoles(auth, g, services)
        // What was typed is shown again as typed (a line with an error included).
        let c = typed.map { t in ServiceGuideContent.parse { t[$0] ?? "" }.0 } ?? g.draft ?? g.published ?? ServiceGuideContent()
        let inReview = g.draftState == "in_review"
        let canEdit = !held.isDisjoint(with: editors) && !inReview && g.withdrawnAt == nil
        func days(_ n: Int?) -> String { n.map(String.init) ?? "" }
        let specs: [(String, String, String, String?, Bool)] = [
            ("name", "事项名称", c.name, nil, false), ("basis", "设定依据", c.basis, "法律、法规、规章的名称和条款", true),
            ("conditions", "受理条件", c.conditions, nil, true),
            ("materials", "申请材料", c.materials.map(\.line).joined(separator: "\n"), "每行一项：名称 | 来源（申请人自备、政府部门核发、其他） | 份数 | 形式（纸质、电子、纸质或电子） | 要求", true),
            ("steps", "办理流程", c.steps.map(\.line).joined(separator: "\n"), "每行一步：步骤名称：说明", true),
            ("statutory_days", "法定时限（工作日）", days(c.statutoryDays), "0表示即办", false), ("promised_days", "承诺时限（工作日）", days(c.promisedDays), "不长于法定时限", false),
            ("fee", "收费标准及依据", c.fee, "不收费的请勾选下方“不收费”", false), ("place", "办理地点", c.place, nil, false), ("hours", "办理时间", c.hours, nil, false),
            ("enquiry_phone", "咨询电话", c.enquiryPhone, nil, false), ("complaint_phone", "投诉电话", c.complaintPhone, nil, false),
            ("online_url", "网上办理链接", c.onlineURL, "选填", false), ("visits", "到现场次数", c.visits.map(String.init) ?? "", "0表示全程网办，1表示最多跑一次", false),
        ]
        let versions = try await ServiceGuideVersion.query(on: services.db).filter(\.$guideID == g.requireID()).sort(\.$version, .descending).all()
        let missing = (g.draft ?? c).missing
        return services.templates.page("admin-guide", PageView(
            chrome: AdminChrome.make(services, context, title: g.name, path: "/admin/guides", notice: AdminChrome.notice(request)),
            name: g.name, state: stateText(g), publicHref: g.isPublic ? ServiceGuideQueries.href(g) : nil,
            missing: missing.isEmpty ? nil : "尚缺必备要素：\(missing.map(\.rawValue).joined(separator: "、"))",
            returnReason: g.draftState == "draft" ? g.returnReason.nonEmpty.map { "退回理由：\($0)" } : nil,
            fields: specs.map { FieldView(name: $0.0, label: $0.1, value: typed?[$0.0] ?? $0.2, error: errors[$0.0], hint: $0.3, required: false, multiline: $0.4, inputType: "text") },
            kinds: ServiceKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == c.kind) }, kindError: errors["kind"],
            free: c.free, canEdit: canEdit, canSubmit: canEdit, canReview: inReview && !held.isDisjoint(with: reviewers),
            canWithdraw: g.isPublic && !held.isDisjoint(with: editors),
            errorList: errors.keys.sorted().compactMap { errors[$0] }, hasErrors: !errors.isEmpty,
            versions: versions.map { DecisionListPage.Link(title: "第\($0.version)版", href: "", note: "\(SiteClock.timeText($0.publishedAt).prefix(16)) 发布（审核：\($0.approvedBy)）") }),
            status: status)
    }
}
