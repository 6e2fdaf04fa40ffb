import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 在线访谈 for the public: the list (live, announced, past) and one interview with its question
/// form while questions are taken, the approved questions with their answers, and the transcript.
enum InterviewRoutes {
    struct Card: Sendable {
        let title: String
        let href: String
        let note: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let live: [Card]
        let announced: [Card]
        let past: [Card]
        let hasLive: Bool
        let hasAnnounced: Bool
        let hasPast: Bool
        let hasAny: Bool
    }

    struct QuestionView: Sendable {
        let asker: String
        let text: String
        let answer: [String]
        let answerNote: String?
    }

    struct LineView: Sendable {
        let speaker: String
        let text: String
        let at: String
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let title: String
        let facts: [DecisionListPage.Link]
        let description: [String]
        let acceptsQuestions: Bool
        let isLive: Bool
        let fields: [FieldView]
        let hasErrors: Bool
        let errorList: [String]
        let notice: String?
        let questions: [QuestionView]
        let hasQuestions: Bool
        let lines: [LineView]
        let hasLines: Bool
        let followUp: String?
        let action: String
        let selfHref: String
    }

    static func publicInterview(_ context: AppRequestContext, _ services: AppServices) async throws -> Interview {
        guard let id = context.parameters.get("interview", as: UUID.self), let i = try await Interview.find(id, on: services.db), i.stateValue.isPublic,
              try await OrganisationQueries.activeNames(services)[i.organisationID] != nil else { throw HTTPError(.notFound) }
        return i
    }

    static func card(_ i: Interview, names: [Int: String]) -> Card {
        Card(title: i.title, href: "/hudong/interviews/\(i.id!.uuidString)",
             note: "\(SiteClock.timeText(i.startsAt).prefix(16)) · \(names[i.organisationID] ?? "") · \(i.guests)")
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/hudong/interviews") { request, context -> Response in
            let names = try await OrganisationQueries.activeNames(services)
            let all = try await Interview.query(on: services.db).filter(\.$state != InterviewState.draft.rawValue).sort(\.$startsAt, .descending).limit(300).all()
                .filter { names[$0.organisationID] != nil }
            let live = all.filter { $0.stateValue == .live }, announced = all.filter { $0.stateValue == .announced }.reversed()
            let past = all.filter { $0.stateValue == .ended }
            return services.templates.page("portal-interviews", ListView(
                chrome: PageChrome(services: services, context: context, title: "在线访谈", path: request.uri.path),
                live: live.map { card($0, names: names) }, announced: announced.map { card($0, names: names) },
                past: past.map { card($0, names: names) }, hasLive: !live.isEmpty, hasAnnounced: !announced.isEmpty, hasPast: !past.isEmpty,
                hasAny: !all.isEmpty))
        }

        router.get("/api/v1/interviews") { request, _ -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: ["org"])
            let org = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）")
            let names = try await OrganisationQueries.activeNames(services)
            var q = Interview.query(on: services.db).filter(\.$state != InterviewState.draft.rawValue)
            if let org { q = q.filter(\.$organisationID == org) }
            let list = try await q.sort(\.$startsAt, .descending).limit(500).all().filter { names[$0.organisationID] != nil }
            struct DTO: Codable {
                let id: UUID; let title: String; let organisationId: Int; let organisation: String; let guests: String
                let startsAt: String; let state: String; let url: String
            }
            let base = services.config.publicBase
            return try PublicAPIRoutes.json(list.map {
                DTO(id: $0.id!, title: $0.title, organisationId: $0.organisationID, organisation: names[$0.organisationID] ?? "", guests: $0.guests,
                    startsAt: SiteClock.timeText($0.startsAt), state: $0.state, url: "\(base)/hudong/interviews/\($0.id!.uuidString)")
            })
        }

        router.get("/hudong/interviews/:interview") { request, context -> Response in
            let i = try await publicInterview(context, services)
            return try await page(services, request, context, i, values: [:], errors: [:], notice: nil, status: .ok)
        }

        router.post("/hudong/interviews/:interview/questions") { request, context -> Response in
            let i = try await publicInterview(context, services)
            let form = context.form
            if !form["website"].isEmpty { throw UserFacingError(status: .badRequest, message: "提交未被接受。请不要使用自动填表工具。") }
            let values = ["name": form["name"], "contact": form["contact"], "question": form["question"]]
            do {
                _ = try await InterviewDesk(services: services).submit(to: i, name: form["name"], contact: form["contact"], text: form["question"],
                                                                     clientAddress: context.clientAddress)
            } catch let f as DeskFailure {
                return try await page(services, request, context, i, values: values, errors: f.fieldErrors(refusalAt: "question"), notice: nil, status: .badRequest)
            } catch let r as InterviewDesk.Refused {
                return try await page(services, request, context, i, values: values, errors: ["question": r.message], notice: nil, status: .tooManyRequests)
            }
            return try await page(services, request, context, i, values: [:], errors: [:], notice: "您的问题已提交，审核采用后将在本页显示。", status: .ok)
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ i: Interview, values: [String: String],
                     errors: [String: String], notice: String?, status: HTTPResponse.Status) async throws -> Response {
        let id = try i.requireID()
        let names = try await OrganisationQueries.activeNames(services)
        let questions = try await InterviewQuestion.query(on: services.db).filter(\.$interviewID == id)
            .filter(\.$moderation == QuestionModeration.approved.rawValue).sort(\.$submittedAt).all()
        let lines = try await InterviewLine.query(on: services.db).filter(\.$interviewID == id).sort(\.$position).all()
        let open = questions.filter { $0.answeredAt == nil }.count
        var followUp: String?
        if i.stateValue == .ended, let due = i.followUpDue.flatMap(CivilDate.init(iso:)) {
            followUp = open == 0 ? "访谈中未及答复的问题已全部答复。" : "尚有\(open)个问题将于\(due.chinese(withYear: true))前答复。"
        }
        let labels: [(String, String, String?, Bool)] = [("name", "姓名或称呼", "公开时只显示姓氏", false),
                                                         ("contact", "手机号码或电子邮箱", "选填，不公开，用于会后答复", false),
                                                         ("question", "您的问题", "500字以内；审核采用后公开", true)]
        var response = services.templates.page("portal-interview", PageView(
            chrome: PageChrome(services: services, context: context, title: i.title, path: "/hudong/interviews"),
            title: i.title,
            facts: [("访谈时间", String(SiteClock.timeText(i.startsAt).prefix(16))), ("访谈单位", names[i.organisationID] ?? ""), ("访谈嘉宾", i.guests),
                    ("状态", i.stateValue.label)].map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) },
            description: EventPage.paragraphs(i.description), acceptsQuestions: i.stateValue.acceptsQuestions, isLive: i.stateValue == .live,
            fields: labels.map { FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2,
                                           required: $0.0 != "contact", multiline: $0.3, inputType: "text") },
            hasErrors: !errors.isEmpty, errorList: ["name", "contact", "question"].compactMap { errors[$0] }, notice: notice,
            questions: questions.map { q in
                QuestionView(asker: Masking.name(q.askerName), text: ParticipationQueries.masked(q.text), answer: EventPage.paragraphs(q.answer),
                             answerNote: q.answeredAt.map { (q.answeredLive ? "访谈中答复" : "会后答复") + "（\(SiteClock.timeText($0).prefix(16))）" })
            },
            hasQuestions: !questions.isEmpty,
            lines: lines.map { LineView(speaker: $0.speaker, text: $0.text, at: String(SiteClock.timeText($0.at).dropFirst(11).prefix(5))) },
            hasLines: !lines.isEmpty, followUp: followUp, action: "/hudong/interviews/\(id.uuidString)/questions",
            selfHref: "/hudong/interviews/\(id.uuidString)"), status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `/api/v1/interviews` in the OpenAPI document.
    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        let paths: [String: Any] = [
            "/interviews": ["get": [
                "summary": "在线访谈（预告、正在直播和往期；时间为北京时间）", "operationId": "listInterviews",
                "parameters": [["name": "org", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]]],
                "responses": [
                    "200": ["description": "访谈", "content": ["application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/Interview"]]]]],
                    "400": ["description": "请求有误", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                ],
            ]],
        ]
        let schemas: [String: Any] = [
            "Interview": ["type": "object", "required": ["id", "title", "organisationId", "organisation", "guests", "startsAt", "state", "url"],
                          "properties": ["id": ["type": "string", "format": "uuid"], "title": string, "organisationId": ["type": "integer"],
                                         "organisation": string, "guests": string, "startsAt": ["type": "string", "description": "yyyy-MM-dd HH:mm:ss"],
                                         "state": ["type": "string", "enum": InterviewState.allCases.filter(\.isPublic).map(\.rawValue)], "url": string]],
        ]
        return (paths, schemas)
    }
}
