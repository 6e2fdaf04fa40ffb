import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back office of the decision list: the overview of participation work, a government's list
/// for a year (add, publish, 预公开率 with the decisions behind it), and one decision (edit, stage,
/// materials, 采纳情况, 调出).
enum DecisionAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    static let viewers: Set<StaffRole> = editors.union([.leader, .systemAdministrator, .reviewer])

    static let owner = RecordOwner(kind: "decision") { raw, db in
        guard let id = UUID(uuidString: raw), let d = try await Decision.find(id, on: db) else { return [] }
        return [d.organisationID]
    }

    struct OverviewRow: Sendable {
        let organisation: String
        let decisionsHref: String
        let eventsHref: String
        let interpretationHref: String
        let surveysHref: String
        let newConsultationHref: String?
    }

    struct ConsultationRow: Sendable {
        let title: String
        let href: String
        let organisation: String
        let period: String
        let phase: String
        let pending: Int
        let unclassified: Int
        let feedback: String
    }

    struct OverviewView: Sendable {
        let chrome: PageChrome
        let organisations: [OverviewRow]
        let consultations: [ConsultationRow]
        let hasConsultations: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let action: String
        let year: Int
        let years: [OptionItem]
        let rows: [Row]
        let hasRows: Bool
        let isPublished: Bool
        let approval: String
        let canEdit: Bool
        let form: DecisionForm
        let rate: String
        let rateCounted: Int
        let rateMet: Int
        let rateLines: [DecisionListPage.RateLine]
        let publicHref: String
        let errors: [String: String]
        let matters: [DecisionListPage.MatterRow]
        let hasMatters: Bool
        let unpublishedMatters: Int?
        let matterFields: [FieldView]
        let matterMethods: [OptionItem]
        let mattersAction: String
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let kind: String
        let undertaker: String
        let planned: String
        let stage: String
        let removed: Bool
    }

    struct DecisionForm: Sendable {
        let fields: [FieldView]
        let kinds: [OptionItem]
        let kindError: String?
        let methods: [OptionItem]
        let methodsError: String?
    }

    struct DecisionView: Sendable {
        let chrome: PageChrome
        let title: String
        let organisation: String
        let listHref: String
        let stage: String
        let history: [DecisionListPage.Link]
        let nextStages: [OptionItem]
        let hasNext: Bool
        let today: String
        let form: DecisionForm
        let roles: [OptionItem]
        let materials: [DecisionListPage.Link]
        let consultations: [DecisionListPage.Link]
        let newConsultationHref: String
        let adoptionNote: String
        let removedReason: String?
        let canEdit: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func form(_ values: [String: String], methods: [String], errors: [String: String]) -> DecisionForm {
        let labels = [("title", "事项名称"), ("undertaker", "承办单位"), ("planned", "计划完成时间")]
        return DecisionForm(
            fields: labels.map { FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0],
                                           hint: $0.0 == "planned" ? "如“2026年6月”“第三季度”" : nil, required: true, multiline: false, inputType: "text") },
            kinds: DecisionKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.shortLabel, selected: values["kind"] == $0.rawValue) },
            kindError: errors["kind"],
            methods: ParticipationMethod.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: methods.contains($0.rawValue)) },
            methodsError: errors["methods"])
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = DecisionDesk(services: services)

        bo.get("/admin/participation", roles: viewers, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db)
                .map(\.node).filter { $0.kind.isAdministrativeOrgan }
            let ids = orgs.compactMap(\.id)
            let list = ids.isEmpty ? [] : try await Consultation.query(on: services.db).filter(\.$organisationID ~~ ids)
                .sort(\.$closesOn, .descending).limit(200).all()
            let cids = list.compactMap(\.id)
            let comments = cids.isEmpty ? [] : try await ConsultationComment.query(on: services.db).filter(\.$consultationID ~~ cids).all()
            let today = services.clock.today()
            let rows = list.map { c in
                ConsultationRow(title: c.title, href: "/admin/participation/consultations/\(c.id!.uuidString)",
                                organisation: orgs.first { $0.id == c.organisationID }?.name ?? "", period: ParticipationQueries.period(c),
                                phase: c.phase(on: today).label,
                                pending: comments.filter { $0.consultationID == c.id && $0.moderationValue == .pending }.count,
                                unclassified: c.phase(on: today) == .closed ? comments.filter { $0.consultationID == c.id && $0.dispositionValue == nil }.count : 0,
                                feedback: c.feedbackItemID == nil ? (c.phase(on: today) == .closed ? "未起草" : "—") : "已起草")
            }
            let policy = auth.staff.policy
            let view = OverviewView(
                chrome: AdminChrome.make(services, context, title: "公众参与", path: "/admin/participation", notice: AdminChrome.notice(request)),
                organisations: orgs.map { o in
                    OverviewRow(organisation: o.name, decisionsHref: "/admin/participation/\(o.id!)/decisions",
                                eventsHref: "/admin/participation/\(o.id!)/events",
                                interpretationHref: "/admin/participation/\(o.id!)/interpretation-days",
                                surveysHref: "/admin/participation/\(o.id!)/surveys",
                                newConsultationHref: policy.allows(editors, ancestry: o.ancestry.ids) ? "/admin/participation/\(o.id!)/consultations/new" : nil)
                },
                consultations: rows, hasConsultations: !rows.isEmpty)
            return services.templates.page("admin-participation", view)
        }

        bo.get("/admin/participation/:org/decisions", roles: viewers, target: .organisation(param: "org")) { request, context, auth in
            let year = try request.query.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度（year）")
            return try await listPage(services, request, context, auth, year: year, values: [:], methods: [], errors: [:], status: .ok)
        }

        bo.post("/admin/participation/:org/decisions", roles: editors, target: .organisation(param: "org")) { request, context, auth in
            let org = auth.organisation!
            let form = context.form
            let year = try form.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度")
            let methods = form.all("methods")
            let (input, errors) = DecisionInput.parse({ form[$0] }, methods: methods)
            guard errors.isEmpty else {
                let values = Dictionary(uniqueKeysWithValues: ["title", "undertaker", "planned", "kind"].map { ($0, form[$0]) })
                return try await listPage(services, request, context, auth, year: year, values: values, methods: methods, errors: errors, status: .badRequest)
            }
            _ = try await desk.add(input, to: org, year: year, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/participation/\(org.id!)/decisions?year=\(year)&notice=saved", type: .found)
        }

        bo.post("/admin/participation/:org/decisions/publish", roles: editors, target: .organisation(param: "org")) { request, context, auth in
            let org = auth.organisation!
            let form = context.form
            let year = try form.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度")
            do {
                guard let list = try await desk.list(of: org.id!, year: year) else { throw DeskFailure.refused("目录中还没有事项，不能公布") }
                try await desk.publish(list, approval: form["approval"], actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                let errors: [String: String]
                errors = f.fieldErrors(refusalAt: "approval")
                return try await listPage(services, request, context, auth, year: year, values: ["approval": form["approval"]], methods: [],
                                          errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/participation/\(org.id!)/decisions?year=\(year)&notice=saved", type: .found)
        }

        bo.post("/admin/participation/:org/matters", roles: editors, target: .organisation(param: "org")) { request, context, auth in
            let org = auth.organisation!
            let form = context.form
            let year = try form.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度")
            var errors: [String: String] = [:]
            do {
                if form["action"] == "publish" {
                    try await desk.publishMatters(of: org, year: year, actor: auth.staff.actor(context))
                } else {
                    let row = ParticipationMatter.parse({ form[$0] }, methods: form.all("matter_methods"))
                    guard row.errors.isEmpty else { throw DeskFailure.invalid(row.errors) }
                    try await desk.addMatter(to: org, year: year, matter: row.matter, scope: row.scope, methods: row.methods,
                                             channels: row.channels, timing: row.timing, actor: auth.staff.actor(context))
                }
            } catch let f as DeskFailure {
                errors = f.fieldErrors(refusalAt: "matters")
            }
            if !errors.isEmpty {
                let values = Dictionary(uniqueKeysWithValues: ["matter", "scope", "channels", "timing"].map { ($0, form[$0]) })
                return try await listPage(services, request, context, auth, year: year, values: values, methods: [], errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/participation/\(org.id!)/decisions?year=\(year)&notice=saved#matters", type: .found)
        }

        let target = AccessTarget.record(param: "decision", owner: owner)
        bo.get("/admin/participation/decisions/:decision", roles: viewers, target: target) { request, context, auth in
            try await decisionPage(services, request, context, auth, errors: [:], values: nil, status: .ok)
        }

        bo.post("/admin/participation/decisions/:decision", roles: editors, target: target) { request, context, auth in
            let d = try await decision(context, services)
            let form = context.form
            let methods = form.all("methods")
            let actor = auth.staff.actor(context)
            var errors: [String: String] = [:]
            do {
                switch form["action"] {
                case "stage":
                    guard let next = DecisionStage(rawValue: form["stage"]) else { throw DeskFailure.invalid(["stage": "请选择下一阶段"]) }
                    guard let day = CivilDate(iso: form["day"].trimmingSpaces()) else { throw DeskFailure.invalid(["day": "请填写日期，格式如 2026-03-01"]) }
                    try await desk.advance(d, to: next, on: day, actor: actor)
                case "material":
                    guard let role = DecisionMaterial.Role(rawValue: form["role"]) else { throw DeskFailure.invalid(["role": "请选择材料类别"]) }
                    try await desk.link(d, role: role, indexNumber: form["index_number"], actor: actor)
                case "adoption":
                    try await desk.setAdoptionNote(d, note: form["adoption_note"], actor: actor)
                case "remove":
                    try await desk.remove(d, reason: form["reason"], actor: actor)
                default:
                    let (input, e) = DecisionInput.parse({ form[$0] }, methods: methods)
                    guard e.isEmpty else { throw DeskFailure.invalid(e) }
                    try await desk.update(d, with: input, actor: actor)
                }
            } catch let f as DeskFailure {
                errors = f.fieldErrors(refusalAt: "action")
            }
            if !errors.isEmpty {
                let values = form["action"].isEmpty ? Dictionary(uniqueKeysWithValues: ["title", "undertaker", "planned", "kind"].map { ($0, form[$0]) }) : nil
                return try await decisionPage(services, request, context, auth, errors: errors, values: values.map { ($0, methods) }, status: .badRequest)
            }
            return .redirect(to: "/admin/participation/decisions/\(d.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func decision(_ context: AppRequestContext, _ services: AppServices) async throws -> Decision {
        guard let id = context.parameters.get("decision", as: UUID.self), let d = try await Decision.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return d
    }

    static func listPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, year: Int,
                         values: [String: String], methods: [String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let org = auth.organisation!
        let desk = DecisionDesk(services: services)
        let list = try await desk.list(of: org.id!, year: year)
        let decisions = try await list.asyncFlatMap { try await desk.decisions(in: $0) } ?? []
        let rate = try await ParticipationQueries.prePublicationRate(organisationID: org.id!, year: year, on: services.db)
        let matters = try await desk.matters(of: org.id!, year: year, publishedOnly: false)
        let thisYear = services.clock.today().year
        let path = "/admin/participation/\(org.id!)/decisions"
        let view = ListView(
            chrome: AdminChrome.make(services, context, title: "重大行政决策事项目录 - \(org.name)", path: path, notice: AdminChrome.notice(request)),
            organisation: org.name, action: path, year: year,
            years: DecisionListPage.yearOptions(thisYear: thisYear, selected: year),
            rows: decisions.map { d in
                Row(title: d.title, href: "/admin/participation/decisions/\(d.id!.uuidString)", kind: d.kindValue?.shortLabel ?? "",
                    undertaker: d.undertaker, planned: d.planned, stage: d.stageValue.label, removed: d.removedReason != nil)
            },
            hasRows: !decisions.isEmpty, isPublished: list?.isPublished ?? false, approval: values["approval"] ?? list?.approval ?? "",
            canEdit: auth.staff.policy.allows(editors, ancestry: org.ancestry.ids),
            form: form(values, methods: methods, errors: errors),
            rate: rate.text, rateCounted: rate.denominator, rateMet: rate.numerator,
            rateLines: DecisionListPage.rateLines(rate),
            publicHref: "/xxgk/\(org.id!)/decisions?year=\(year)", errors: errors,
            matters: DecisionListPage.matterRows(matters), hasMatters: !matters.isEmpty,
            unpublishedMatters: matters.filter { $0.publishedAt == nil }.count.nonZero,
            matterFields: [("matter", "参与事项", nil as String?), ("scope", "参与范围", "如城区居民、相关企业"), ("channels", "参与渠道", "网站栏目、电话、地址等"),
                           ("timing", "时间安排", "如“第二季度”")].map { f in
                FieldView(name: f.0, label: f.1, value: values[f.0] ?? "", error: errors[f.0], hint: f.2, required: true, multiline: false, inputType: "text")
            },
            matterMethods: ParticipationMethod.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            mattersAction: "/admin/participation/\(org.id!)/matters")
        return services.templates.page("admin-decisions", view, status: status)
    }

    static func decisionPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                             errors: [String: String], values: ([String: String], [String])?, status: HTTPResponse.Status) async throws -> Response {
        let d = try await decision(context, services)
        let org = auth.organisation!
        let db = services.db
        let materials = try await DecisionMaterial.query(on: db).filter(\.$decisionID == d.requireID()).all()
        let items = try await InformationItem.query(on: db).filter(\.$id ~~ materials.map(\.itemID)).all()
        let consultations = try await Consultation.query(on: db).filter(\.$decisionID == d.requireID()).sort(\.$opensOn).all()
        let entered = d.enteredDays
        let current = values?.0 ?? ["title": d.title, "undertaker": d.undertaker, "planned": d.planned, "kind": d.kind]
        let view = DecisionView(
            chrome: AdminChrome.make(services, context, title: d.title, path: "/admin/participation/decisions", notice: AdminChrome.notice(request)),
            title: d.title, organisation: org.name, listHref: "/admin/participation/\(d.organisationID)/decisions?year=\(d.year)",
            stage: d.stageValue.label,
            history: DecisionStage.allCases.compactMap { s in entered[s].map { DecisionListPage.Link(title: s.label, href: "", note: $0.chinese(withYear: true)) } },
            nextStages: d.stageValue.successors.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            hasNext: !d.stageValue.successors.isEmpty && d.removedReason == nil,
            today: services.clock.today().description,
            form: form(current, methods: values?.1 ?? d.methodValues.map(\.rawValue), errors: errors),
            roles: DecisionMaterial.Role.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: false) },
            materials: materials.compactMap { m in
                items.first { $0.id == m.itemID }.map { i in
                    DecisionListPage.Link(title: "\(i.title)（\(i.indexNumber)，\(i.state.label)）", href: "/admin/items/\(i.id!.uuidString)",
                                          note: DecisionMaterial.Role(rawValue: m.role)?.label ?? "")
                }
            },
            consultations: consultations.map { c in
                DecisionListPage.Link(title: c.title, href: "/admin/participation/consultations/\(c.id!.uuidString)", note: ParticipationQueries.period(c))
            },
            newConsultationHref: "/admin/participation/\(d.organisationID)/consultations/new?decision=\(d.id!.uuidString)",
            adoptionNote: d.adoptionNote, removedReason: d.removedReason,
            canEdit: auth.staff.policy.allows(editors, ancestry: org.ancestry.ids),
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
        return services.templates.page("admin-decision", view, status: status)
    }
}
