import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 问卷调查 pages: the public questionnaire with its results, and the organiser's pages.
enum SurveyRoutes {
    static let editors = DecisionAdminRoutes.editors
    static let viewers = DecisionAdminRoutes.viewers

    static let owner = RecordOwner(kind: "survey") { raw, db in
        guard let id = UUID(uuidString: raw), let s = try await Survey.find(id, on: db) else { return [] }
        return [s.organisationID]
    }

    struct QuestionView: Sendable {
        let number: Int
        let field: String
        let text: String
        let required: Bool
        let isSingle: Bool
        let isMultiple: Bool
        let isScale: Bool
        let isText: Bool
        let options: [OptionItem]
        let error: String?
        let value: String
    }

    struct ResultRow: Sendable {
        let label: String
        let count: Int
        let percent: String
    }

    struct ResultView: Sendable {
        let number: Int
        let text: String
        let respondents: Int
        let chart: String?
        let rows: [ResultRow]
        let hasRows: Bool
        let mean: String?
        let textCount: Int
        let texts: [String]
    }

    struct PublicView: Sendable {
        let chrome: PageChrome
        let title: String
        let organisation: ConsultationPage.Link
        let intro: [String]
        let period: String
        let phase: String
        let isOpen: Bool
        let answered: Bool
        let action: String
        let questions: [QuestionView]
        let hasErrors: Bool
        let errorList: [String]
        let limitNote: String
        let showResults: Bool
        let respondents: Int
        let results: [ResultView]
        let notice: String?
    }

    static func results(_ r: (respondents: Int, results: [Questionnaire.Result]), staff: Bool) -> [ResultView] {
        r.results.enumerated().map { i, res in
            let total = max(1, res.respondents)
            let rows = res.counts.map { ResultRow(label: $0.label, count: $0.count, percent: "\(($0.count * 1000 / total + 5) / 10)%") }
            return ResultView(number: i + 1, text: res.question.text, respondents: res.respondents,
                              chart: res.counts.isEmpty ? nil : BarChart.svg(title: res.question.text, bars: res.counts),
                              rows: rows, hasRows: !rows.isEmpty,
                              mean: res.mean.map { "平均\(String(format: "%.1f", $0))分" },
                              textCount: res.texts.count, texts: staff ? res.texts : [])
        }
    }

    static func questionViews(_ q: Questionnaire, values: [String: [String]], errors: [String: String]) -> [QuestionView] {
        q.questions.enumerated().map { i, question in
            let field = "q\(i + 1)"
            let chosen = values[field] ?? []
            let options: [String] = question.kind == .scale ? Questionnaire.scale.map(String.init) : question.options
            return QuestionView(number: i + 1, field: field, text: question.text, required: question.required,
                                isSingle: question.kind == .single, isMultiple: question.kind == .multiple,
                                isScale: question.kind == .scale, isText: question.kind == .text,
                                options: options.enumerated().map { OptionItem(value: $0.element, label: question.kind == .scale ? "\($0.element)分" : $0.element,
                                                                               selected: chosen.contains($0.element)) },
                                error: errors[field], value: chosen.first ?? "")
        }
    }

    static func publicSurvey(_ raw: String, _ services: AppServices) async throws -> Survey? {
        guard let id = UUID(uuidString: raw), let s = try await Survey.find(id, on: services.db), s.publishedAt != nil,
              s.phase(on: services.clock.today()) != .scheduled,
              let org = try await Organisation.find(s.organisationID, on: services.db), org.isActive else { return nil }
        return s
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/participation/surveys/:id") { request, context -> Response in
            guard let s = try await publicSurvey(context.parameters.get("id") ?? "", services) else { throw HTTPError(.notFound) }
            return try await publicPage(services, request, context, s, values: [:], errors: [:], notice: nil, status: .ok)
        }

        router.post("/participation/surveys/:id/responses") { request, context -> Response in
            guard let s = try await publicSurvey(context.parameters.get("id") ?? "", services) else { throw HTTPError(.notFound) }
            guard s.phase(on: services.clock.today()) == .open else { throw UserFacingError(status: .conflict, message: "本问卷已结束。") }
            let form = context.form
            if !form["website"].isEmpty { throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。") }
            let q = s.questionnaire
            let (answers, errors) = q.answers({ form[$0] }, all: { form.all($0) })
            var values: [String: [String]] = [:]
            for i in q.questions.indices { values["q\(i + 1)"] = form.all("q\(i + 1)") }
            if !errors.isEmpty { return try await publicPage(services, request, context, s, values: values, errors: errors, notice: nil, status: .badRequest) }
            let (voter, isNew) = VisitorToken.read(request)
            do {
                try await SurveyDesk(services: services).respond(s, answers: answers, voter: voter, clientAddress: context.clientAddress)
            } catch let r as SurveyDesk.Refused {
                return try await publicPage(services, request, context, s, values: values, errors: [:], notice: r.message, status: .tooManyRequests)
            }
            var response = Response.redirect(to: "/participation/surveys/\(s.id!.uuidString)?notice=thanks", type: .found)
            if isNew { VisitorToken.set(voter, on: &response, services: services) }
            return response
        }
    }

    static func publicPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ s: Survey,
                           values: [String: [String]], errors: [String: String], notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let desk = SurveyDesk(services: services)
        let today = services.clock.today()
        let phase = s.phase(on: today)
        let voter = request.cookies[VisitorToken.cookieName]?.value ?? ""
        let answered = try await desk.hasAnswered(s, voter: voter)
        let org = try await Organisation.find(s.organisationID, on: services.db)
        let r = try await desk.results(s)
        let view = PublicView(
            chrome: PageChrome(services: services, context: context, title: s.title, path: request.uri.path),
            title: s.title, organisation: .init(title: org?.name ?? "", href: "/xxgk/\(s.organisationID)"),
            intro: EventPage.paragraphs(s.intro), period: "\(s.opens.chinese(withYear: true))至\(s.closes.chinese(withYear: true))",
            phase: phase.label, isOpen: phase == .open && !answered, answered: answered,
            action: "/participation/surveys/\(s.id!.uuidString)/responses#survey-form",
            questions: questionViews(s.questionnaire, values: values, errors: errors), hasErrors: !errors.isEmpty,
            errorList: errors.keys.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }.compactMap { errors[$0] },
            limitNote: "无需注册即可填写。同一浏览器只计一份，同一网络每天最多\(SurveyDesk.perAddressPerDay)份；因此不能完全排除重复填写，结果供参考。",
            showResults: s.resultsPublic, respondents: r.respondents, results: results(r, staff: false),
            notice: notice ?? (request.query.get("notice") == "thanks" ? "已提交，感谢您的参与。" : nil))
        var response = services.templates.page("portal-survey", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: Back office

    struct ListView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let rows: [DecisionListPage.Link]
        let hasRows: Bool
        let newHref: String?
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let heading: String
        let action: String
        let fields: [FieldView]
        let resultsPublic: Bool
        let hasErrors: Bool
        let errorList: [String]
        let example: String
    }

    struct AdminView: Sendable {
        let chrome: PageChrome
        let title: String
        let organisation: String
        let listHref: String
        let period: String
        let phase: String
        let isPublished: Bool
        let resultsPublic: Bool
        let publicHref: String?
        let editHref: String?
        let canEdit: Bool
        let respondents: Int
        let results: [ResultView]
        let error: String?
    }

    static let example = "[单选] 您对城区停车状况是否满意？\n- 满意\n- 一般\n- 不满意\n[多选] 您希望在哪些地方增加停车位？\n- 医院\n- 学校\n- 菜市场\n[打分] 请为停车收费标准打分\n[填空] 其他意见建议（选填）"

    static func registerAdmin(_ bo: BackOffice) {
        let services = bo.services
        let desk = SurveyDesk(services: services)
        let orgTarget = AccessTarget.organisation(param: "org")

        bo.get("/admin/participation/:org/surveys", roles: viewers, target: orgTarget) { request, context, auth in
            let org = auth.organisation!
            let surveys = try await Survey.query(on: services.db).filter(\.$organisationID == org.id!).sort(\.$opensOn, .descending).all()
            let today = services.clock.today()
            let view = ListView(
                chrome: AdminChrome.make(services, context, title: "问卷调查 - \(org.name)", path: "/admin/participation", notice: AdminChrome.notice(request)),
                organisation: org.name,
                rows: surveys.map { .init(title: $0.title, href: "/admin/participation/surveys/\($0.id!.uuidString)",
                                          note: "\($0.opensOn)至\($0.closesOn)，\($0.publishedAt == nil ? "未发布" : $0.phase(on: today).label)") },
                hasRows: !surveys.isEmpty,
                newHref: auth.staff.policy.allows(editors, ancestry: org.ancestry.ids) ? "/admin/participation/\(org.id!)/surveys/new" : nil)
            return services.templates.page("admin-surveys", view)
        }

        bo.get("/admin/participation/:org/surveys/new", roles: editors, target: orgTarget) { _, context, auth in
            let today = services.clock.today()
            return form(services, context, action: "/admin/participation/\(auth.organisation!.id!)/surveys", heading: "新建问卷",
                        values: ["opens_on": today.description, "closes_on": today.adding(days: 30).description, "results_public": "1"],
                        errors: [:], status: .ok)
        }

        bo.post("/admin/participation/:org/surveys", roles: editors, target: orgTarget) { _, context, auth in
            let form = context.form
            let (input, errors) = SurveyDesk.Input.parse { form[$0] }
            guard errors.isEmpty else {
                return Self.form(services, context, action: "/admin/participation/\(auth.organisation!.id!)/surveys", heading: "新建问卷",
                                 values: values(form), errors: errors, status: .badRequest)
            }
            let s = try await desk.create(input, in: auth.organisation!, decision: nil, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/participation/surveys/\(s.id!.uuidString)?notice=created", type: .found)
        }

        let target = AccessTarget.record(param: "survey", owner: owner)
        bo.get("/admin/participation/surveys/:survey", roles: viewers, target: target) { request, context, auth in
            try await adminPage(services, request, context, auth, error: nil, status: .ok)
        }

        bo.get("/admin/participation/surveys/:survey/edit", roles: editors, target: target) { _, context, _ in
            let s = try await survey(context, services)
            return form(services, context, action: "/admin/participation/surveys/\(s.id!.uuidString)", heading: "修改问卷",
                        values: ["title": s.title, "intro": s.intro, "definition": s.definition, "opens_on": s.opensOn, "closes_on": s.closesOn,
                                 "results_public": s.resultsPublic ? "1" : "", "action": "edit"], errors: [:], status: .ok)
        }

        bo.post("/admin/participation/surveys/:survey", roles: editors, target: target) { request, context, auth in
            let s = try await survey(context, services)
            let form = context.form
            let actor = auth.staff.actor(context)
            do {
                switch form["action"] {
                case "publish": try await desk.publish(s, actor: actor)
                case "results": try await desk.setResultsPublic(s, form["results_public"] == "1", actor: actor)
                case "edit":
                    let (input, errors) = SurveyDesk.Input.parse { form[$0] }
                    guard errors.isEmpty else {
                        var v = values(form); v["action"] = "edit"
                        return Self.form(services, context, action: "/admin/participation/surveys/\(s.id!.uuidString)", heading: "修改问卷",
                                         values: v, errors: errors, status: .badRequest)
                    }
                    try await desk.update(s, with: input, actor: actor)
                default: throw DeskFailure.invalid(["action": "未知操作"])
                }
            } catch let f as DeskFailure {
                return try await adminPage(services, request, context, auth, error: f.message, status: .badRequest)
            }
            return .redirect(to: "/admin/participation/surveys/\(s.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func values(_ form: FormData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ["title", "intro", "definition", "opens_on", "closes_on", "results_public"].map { ($0, form[$0]) })
    }

    static func survey(_ context: AppRequestContext, _ services: AppServices) async throws -> Survey {
        guard let id = context.parameters.get("survey", as: UUID.self), let s = try await Survey.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return s
    }

    static func form(_ services: AppServices, _ context: AppRequestContext, action: String, heading: String, values: [String: String],
                     errors: [String: String], status: HTTPResponse.Status) -> Response {
        let labels: [(String, String, String?, Bool, String)] = [
            ("title", "问卷名称", nil, false, "text"), ("intro", "说明", "调查目的、结果用途", true, "text"),
            ("definition", "问题", "每题一行，以[单选]、[多选]、[打分]或[填空]开头；选项另起一行，以“- ”开头；可选作答的题目末尾加“（选填）”", true, "text"),
            ("opens_on", "开始日期", nil, false, "date"), ("closes_on", "截止日期", "含当日", false, "date"),
        ]
        var fields = labels.map { l in
            FieldView(name: l.0, label: l.1, value: values[l.0] ?? "", error: errors[l.0], hint: l.2,
                      required: l.0 != "intro", multiline: l.3, inputType: l.4)
        }
        if let i = fields.firstIndex(where: { $0.name == "definition" }), (values["definition"] ?? "").isEmpty {
            fields[i] = FieldView(name: "definition", label: fields[i].label, value: example, error: fields[i].error, hint: fields[i].hint,
                                  required: true, multiline: true, inputType: "text")
        }
        return services.templates.page("admin-survey-form", FormView(
            chrome: AdminChrome.make(services, context, title: heading, path: "/admin/participation"), heading: heading, action: action,
            fields: fields, resultsPublic: values["results_public"] == "1", hasErrors: !errors.isEmpty,
            errorList: ["title", "intro", "definition", "opens_on", "closes_on"].compactMap { errors[$0] }, example: example), status: status)
    }

    static func adminPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                          error: String?, status: HTTPResponse.Status) async throws -> Response {
        let s = try await survey(context, services)
        let org = auth.organisation!
        let r = try await SurveyDesk(services: services).results(s)
        let phase = s.phase(on: services.clock.today())
        let canEdit = auth.staff.policy.allows(editors, ancestry: org.ancestry.ids)
        let view = AdminView(
            chrome: AdminChrome.make(services, context, title: s.title, path: "/admin/participation", notice: AdminChrome.notice(request)),
            title: s.title, organisation: org.name, listHref: "/admin/participation/\(s.organisationID)/surveys",
            period: "\(s.opens.chinese(withYear: true))至\(s.closes.chinese(withYear: true))",
            phase: s.publishedAt == nil ? "未发布" : phase.label, isPublished: s.publishedAt != nil, resultsPublic: s.resultsPublic,
            publicHref: s.publishedAt != nil && phase != .scheduled ? "/participation/surveys/\(s.id!.uuidString)" : nil,
            editHref: canEdit && r.respondents == 0 ? "/admin/participation/surveys/\(s.id!.uuidString)/edit" : nil,
            canEdit: canEdit, respondents: r.respondents, results: results(r, staff: true), error: error)
        return services.templates.page("admin-survey", view, status: status)
    }
}
