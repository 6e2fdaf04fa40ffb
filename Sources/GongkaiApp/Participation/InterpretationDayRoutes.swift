import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策解读日 pages: the public plan with past sessions and the proposals (点菜, with support), and
/// the organiser's month (themes, publication, links, moderation of proposals).
enum InterpretationDayRoutes {
    static let editors = DecisionAdminRoutes.editors
    static let viewers = DecisionAdminRoutes.viewers

    struct ThemeRow: Sendable {
        let key: String
        let title: String
        let interpreter: String
        let audience: String
        let form: String
        let channel: String
        let date: String
        let item: ConsultationPage.Link?
        let fromProposal: Bool
        let linkAction: String
    }

    struct MonthPlan: Sendable {
        let heading: String
        let themes: [ThemeRow]
        let onTime: Bool
    }

    struct ProposalRow: Sendable {
        let receipt: String
        let text: String
        let supporters: Int
        let adopted: Bool
        let action: String
    }

    struct PublicView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let organisationHref: String
        let plans: [MonthPlan]
        let hasPlans: Bool
        let proposals: [ProposalRow]
        let hasProposals: Bool
        let action: String
        let fields: [FieldView]
        let hasErrors: Bool
        let errorList: [String]
        let notice: String?
    }

    struct AdminView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let action: String
        let year: Int
        let month: Int
        let months: [OptionItem]
        let deadline: String
        let isPublished: Bool
        let themes: [ThemeRow]
        let hasThemes: Bool
        let problems: [String]
        let canEdit: Bool
        let fields: [FieldView]
        let forms: [OptionItem]
        let formError: String?
        let proposals: [ProposalModeration]
        let hasProposals: Bool
        let proposalOptions: [OptionItem]
        let publicHref: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct ProposalModeration: Sendable {
        let id: String
        let receipt: String
        let text: String
        let name: String
        let moderation: String
        let isPending: Bool
        let supporters: Int
        let adopted: Bool
        let action: String
    }

    static func publicOrganisation(_ services: AppServices, _ context: AppRequestContext) async throws -> Organisation {
        let org = try await OrganisationQueries.publicOrganisation(services, context)
        guard org.kind.isAdministrativeOrgan else { throw HTTPError(.notFound) }
        return org
    }

    static func themeRows(_ themes: [InterpretationTheme], items: [InformationItem], linkBase: String) -> [ThemeRow] {
        themes.map { t in
            ThemeRow(key: t.id?.uuidString ?? "", title: t.title, interpreter: t.interpreter, audience: t.audience, form: t.form, channel: t.channel,
                     date: CivilDate(iso: t.heldOn)?.chinese(withYear: true) ?? t.heldOn,
                     item: t.itemID.flatMap { id in items.first { $0.id == id } }.map { .init(title: $0.title, href: ParticipationQueries.itemHref($0)) },
                     fromProposal: t.proposalID != nil, linkAction: "\(linkBase)/themes/\(t.id!.uuidString)")
        }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/participation/interpretation-days/:org") { request, context -> Response in
            let org = try await publicOrganisation(services, context)
            let notice = request.query.get("notice") == "supported" ? "已记录您的支持。" : request.query.get("notice") == "already" ? "您已支持过这个主题。" : nil
            return try await publicPage(services, request, context, org, values: [:], errors: [:], notice: notice, status: .ok)
        }

        router.post("/participation/interpretation-days/:org/proposals") { request, context -> Response in
            let org = try await publicOrganisation(services, context)
            let form = context.form
            if !form["website"].isEmpty { throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。") }
            let text = form["text"].trimmingSpaces(), name = form["name"].trimmingSpaces(), contact = form["contact"].trimmingSpaces()
            var errors: [String: String] = [:]
            if text.isEmpty { errors["text"] = "请写下您希望解读的政策或问题" } else if text.count > 500 { errors["text"] = "不能超过500个字（现为\(text.count)个字）" }
            if name.count > 50 { errors["name"] = "姓名或单位不能超过50个字" }
            if contact.count > 100 { errors["contact"] = "联系方式不能超过100个字" }
            let values = ["text": form["text"], "name": form["name"], "contact": form["contact"]]
            guard errors.isEmpty else { return try await publicPage(services, request, context, org, values: values, errors: errors, notice: nil, status: .badRequest) }
            do {
                let p = try await InterpretationDayDesk(services: services).propose(text: text, name: name, contact: contact, to: org, clientAddress: context.clientAddress)
                return try await publicPage(services, request, context, org, values: [:], errors: [:],
                                            notice: "您的建议已提交（回执编号 \(p.receipt)），审核后公开，其他人可以支持。", status: .ok)
            } catch let r as InterpretationDayDesk.Refused {
                return try await publicPage(services, request, context, org, values: values, errors: ["text": r.message], notice: nil, status: .tooManyRequests)
            }
        }

        router.post("/participation/interpretation-days/:org/proposals/:proposal/support") { request, context -> Response in
            let org = try await publicOrganisation(services, context)
            guard let id = context.parameters.get("proposal", as: UUID.self), let p = try await InterpretationProposal.find(id, on: services.db),
                  p.organisationID == org.id, p.moderationValue == .approved else { throw HTTPError(.notFound) }
            let (voter, isNew) = VisitorToken.read(request)
            let added: Bool
            do {
                added = try await InterpretationDayDesk(services: services).support(p, voter: voter, clientAddress: context.clientAddress)
            } catch let r as InterpretationDayDesk.Refused {
                throw UserFacingError(status: .tooManyRequests, message: r.message)
            }
            var response = Response.redirect(to: "/participation/interpretation-days/\(org.id!)?notice=\(added ? "supported" : "already")#proposals", type: .found)
            if isNew { VisitorToken.set(voter, on: &response, services: services) }
            return response
        }
    }

    static func publicPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ org: Organisation,
                           values: [String: String], errors: [String: String], notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let db = services.db
        let plans = try await InterpretationPlan.query(on: db).filter(\.$organisationID == org.id!).filter(\.$publishedAt != nil)
            .sort(\.$year, .descending).sort(\.$month, .descending).limit(12).all()
        let desk = InterpretationDayDesk(services: services)
        var months: [MonthPlan] = []
        for p in plans {
            let themes = try await desk.themes(of: p)
            let items = try await ItemQueries.publicItems(themes.compactMap(\.itemID), on: db)
            months.append(MonthPlan(heading: "\(p.year)年\(p.month)月", themes: themeRows(themes, items: items, linkBase: ""),
                                    onTime: p.publishedAt.map { InterpretationDay.isOnTime(publishedOn: SiteClock.day(of: $0), year: p.year, month: p.month) } ?? false))
        }
        let proposals = try await InterpretationProposal.query(on: db).filter(\.$organisationID == org.id!)
            .filter(\.$moderation == CommentModeration.approved.rawValue).sort(\.$supporters, .descending).sort(\.$submittedAt).limit(50).all()
        let base = "/participation/interpretation-days/\(org.id!)"
        let labels = [("text", "希望解读的政策或问题", "不超过500字"), ("name", "姓名或单位（选填）", "不公开"), ("contact", "联系方式（选填）", "不公开")]
        let view = PublicView(
            chrome: PageChrome(services: services, context: context, title: "政策解读日 - \(org.name)", path: request.uri.path),
            organisation: org.name, organisationHref: "/xxgk/\(org.id!)", plans: months, hasPlans: !months.isEmpty,
            proposals: proposals.map { ProposalRow(receipt: $0.receipt, text: ParticipationQueries.masked($0.text), supporters: $0.supporters, adopted: $0.adopted,
                                                   action: "\(base)/proposals/\($0.id!.uuidString)/support") },
            hasProposals: !proposals.isEmpty, action: base + "/proposals#propose",
            fields: labels.map { FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2,
                                           required: $0.0 == "text", multiline: $0.0 == "text", inputType: "text") },
            hasErrors: !errors.isEmpty, errorList: ["text", "name", "contact"].compactMap { errors[$0] }, notice: notice)
        var response = services.templates.page("portal-interpretation-days", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func registerAdmin(_ bo: BackOffice) {
        let services = bo.services
        let desk = InterpretationDayDesk(services: services)
        let target = AccessTarget.organisation(param: "org")

        bo.get("/admin/participation/:org/interpretation-days", roles: viewers, target: target) { request, context, auth in
            try await adminPage(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/participation/:org/interpretation-days", roles: editors, target: target) { request, context, auth in
            let org = auth.organisation!
            let form = context.form
            let (year, month) = try yearMonth(form, services)
            let actor = auth.staff.actor(context)
            var errors: [String: String] = [:]
            do {
                switch form["action"] {
                case "publish":
                    guard let plan = try await desk.plan(of: org.id!, year: year, month: month) else { throw DeskFailure.refused("本月计划还没有主题") }
                    try await desk.publish(plan, actor: actor)
                case "moderate":
                    guard let id = UUID(uuidString: form["proposal"]), let p = try await InterpretationProposal.find(id, on: services.db),
                          p.organisationID == org.id else { throw HTTPError(.notFound) }
                    guard let outcome = CommentModeration(rawValue: form["moderation"]) else { throw DeskFailure.invalid(["moderation": "请选择审核结果"]) }
                    try await desk.moderate(p, to: outcome, actor: actor)
                default:
                    let (theme, e) = InterpretationDay.parseTheme({ form[$0] }, year: year, month: month)
                    guard e.isEmpty else { throw DeskFailure.invalid(e) }
                    var proposal: InterpretationProposal?
                    if let id = UUID(uuidString: form["proposal"]) {
                        proposal = try await InterpretationProposal.find(id, on: services.db)
                        guard proposal?.organisationID == org.id else { throw DeskFailure.invalid(["proposal": "所选建议不属于本机关"]) }
                    }
                    _ = try await desk.addTheme(theme, to: org, year: year, month: month, proposal: proposal, actor: actor)
                }
            } catch let f as DeskFailure {
                errors = f.fieldErrors(refusalAt: "action")
            }
            if !errors.isEmpty {
                let values = Dictionary(uniqueKeysWithValues: ["title", "interpreter", "audience", "form", "channel", "held_on"].map { ($0, form[$0]) })
                return try await adminPage(services, request, context, auth, values: values, errors: errors, status: .badRequest, year: year, month: month)
            }
            return .redirect(to: "/admin/participation/\(org.id!)/interpretation-days?year=\(year)&month=\(month)&notice=saved", type: .found)
        }

        bo.post("/admin/participation/:org/interpretation-days/themes/:theme", roles: editors, target: target) { request, context, auth in
            let org = auth.organisation!
            guard let id = context.parameters.get("theme", as: UUID.self), let theme = try await InterpretationTheme.find(id, on: services.db),
                  let plan = try await InterpretationPlan.find(theme.planID, on: services.db), plan.organisationID == org.id else { throw HTTPError(.notFound) }
            do {
                try await desk.link(theme, plan: plan, indexNumber: context.form["index_number"], actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                return try await adminPage(services, request, context, auth, values: [:], errors: ["index_number": f.message], status: .badRequest,
                                           year: plan.year, month: plan.month)
            }
            return .redirect(to: "/admin/participation/\(org.id!)/interpretation-days?year=\(plan.year)&month=\(plan.month)&notice=saved", type: .found)
        }
    }

    /// The month asked for (default: next month, the one being planned).
    static func yearMonth(_ q: FormData, _ services: AppServices) throws -> (Int, Int) {
        let today = services.clock.today()
        let next = CivilDate(year: today.year, month: today.month, day: 28)!.adding(days: 5)
        return (try q.integer("year", in: 2000...2100, fallback: next.year, label: "年度（year）"),
                try q.integer("month", in: 1...12, fallback: next.month, label: "月份（month）"))
    }

    static func adminPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                          values: [String: String], errors: [String: String], status: HTTPResponse.Status,
                          year: Int? = nil, month: Int? = nil) async throws -> Response {
        let org = auth.organisation!
        let (qy, qm) = try yearMonth(request.query, services)
        let (y, m) = (year ?? qy, month ?? qm)
        let desk = InterpretationDayDesk(services: services)
        let plan = try await desk.plan(of: org.id!, year: y, month: m)
        let themes = try await plan.asyncFlatMap { try await desk.themes(of: $0) } ?? []
        let items = try await InformationItem.query(on: services.db).filter(\.$id ~~ themes.compactMap(\.itemID)).all()
        let proposals = try await InterpretationProposal.query(on: services.db).filter(\.$organisationID == org.id!)
            .sort(\.$submittedAt, .descending).limit(100).all()
        let path = "/admin/participation/\(org.id!)/interpretation-days"
        let today = services.clock.today()
        let labels: [(String, String, String?, String)] = [("title", "解读主题", nil, "text"), ("interpreter", "解读单位（起草单位）", "谁起草谁解读", "text"),
                                                           ("audience", "面向对象", "如企业、老年人、农户", "text"), ("channel", "渠道或地点", nil, "text"),
                                                           ("held_on", "解读日期", "格式如 2026-11-18", "date")]
        let monthOptions = (0..<6).map { i -> OptionItem in
            let d = CivilDate(year: today.year, month: today.month, day: 1)!.adding(days: 32 * (i - 2))
            return OptionItem(value: "year=\(d.year)&month=\(d.month)", label: "\(d.year)年\(d.month)月", selected: d.year == y && d.month == m)
        }
        let view = AdminView(
            chrome: AdminChrome.make(services, context, title: "政策解读日 - \(org.name)", path: path, notice: AdminChrome.notice(request)),
            organisation: org.name, action: path, year: y, month: m, months: monthOptions,
            deadline: InterpretationDay.planDeadline(year: y, month: m).chinese(withYear: true), isPublished: plan?.publishedAt != nil,
            themes: themeRows(themes, items: items, linkBase: path), hasThemes: !themes.isEmpty,
            problems: plan?.publishedAt == nil ? InterpretationDay.problems(themes.map(\.value), year: y, month: m,
                                                                             minimumThemes: services.config.interpretationDayThemes) : [],
            canEdit: auth.staff.policy.allows(editors, ancestry: org.ancestry.ids),
            fields: labels.map { FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2,
                                           required: true, multiline: false, inputType: $0.3) },
            forms: InterpretationDay.forms.map { OptionItem(value: $0, label: $0, selected: values["form"] == $0) }, formError: errors["form"],
            proposals: proposals.map { p in
                ProposalModeration(id: p.id!.uuidString, receipt: p.receipt, text: p.text, name: p.name.isEmpty ? "匿名" : Masking.name(p.name), moderation: p.moderationValue.label,
                                   isPending: p.moderationValue == .pending, supporters: p.supporters, adopted: p.adopted, action: path)
            },
            hasProposals: !proposals.isEmpty,
            proposalOptions: [OptionItem(value: "", label: "（本机关确定的主题）", selected: true)]
                + proposals.filter { $0.moderationValue == .approved && !$0.adopted }.map {
                    OptionItem(value: $0.id!.uuidString, label: "群众点菜：\(String($0.text.prefix(30)))（\($0.supporters)人支持）", selected: false)
                },
            publicHref: "/participation/interpretation-days/\(org.id!)",
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
        return services.templates.page("admin-interpretation-days", view, status: status)
    }
}
