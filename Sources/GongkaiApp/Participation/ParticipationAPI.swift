import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// `/api/v1` for public participation: consultations (with their approved, masked comments) and a
/// government's published decision list. Contact details and unapproved comments never appear.
enum ParticipationAPI {
    struct ConsultationDTO: Codable, Sendable {
        let id: UUID
        let title: String
        let organisationId: Int
        let organisation: String
        let subject: String
        let subjectLabel: String
        let opensOn: String
        let closesOn: String
        let phase: String
        let shortenedReason: String?
        let url: String
        let feedbackUrl: String?
        var explanation: String?
        var draft: String?
        var comments: [CommentDTO]?
    }

    struct CommentDTO: Codable, Sendable {
        let name: String
        let date: String
        let section: String?
        let text: String
    }

    struct DecisionDTO: Codable, Sendable {
        let position: Int
        let title: String
        let kind: String
        let kindLabel: String
        let undertaker: String
        let planned: String
        let methods: [String]
        let stage: String
        let stageLabel: String
        let removedReason: String?
        /// The day the current stage was entered.
        let stageSince: String?
        /// Consultations, feedback, hearings and other events, questionnaires and linked materials.
        let links: [LinkDTO]
        /// 采纳情况 (Art. 32), once the decision is announced.
        let adoptionNote: String?
    }

    struct LinkDTO: Codable, Sendable {
        let title: String
        let url: String
        let role: String
    }

    struct MatterDTO: Codable, Sendable {
        let matter: String
        let scope: String
        let methods: String
        let channels: String
        let timing: String
    }

    struct DecisionListDTO: Codable, Sendable {
        let organisationId: Int
        let year: Int
        let approval: String
        let decisions: [DecisionDTO]
        let changes: [String]
        let prePublicationRate: String
        /// 公众参与事项清单 (published rows).
        let matters: [MatterDTO]
    }

    static func dto(_ c: Consultation, names: [Int: String], feedback: InformationItem?, base: String, today: CivilDate) -> ConsultationDTO {
        ConsultationDTO(id: c.id!, title: c.title, organisationId: c.organisationID, organisation: names[c.organisationID] ?? "",
                        subject: c.subject, subjectLabel: c.subjectValue.label, opensOn: c.opensOn, closesOn: c.closesOn,
                        phase: c.phase(on: today).rawValue, shortenedReason: c.shortenedReason.nonEmpty,
                        url: base + ParticipationQueries.href(c), feedbackUrl: feedback.map { base + ParticipationQueries.itemHref($0) })
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/api/v1/consultations") { request, _ -> Response in
            let qp = request.query
            try PublicAPIRoutes.rejectUnknown(qp, allowed: ["org", "phase"])
            let today = services.clock.today()
            var q = Consultation.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today.description).sort(\.$opensOn, .descending)
            if let id = try qp.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）") { q = q.filter(\.$organisationID == id) }
            let phase = qp.get("phase")
            if let phase, ConsultationPhase(rawValue: phase) == nil || phase == "scheduled" {
                throw PublicAPIRoutes.bad("phase 应为 open、closed 之一")
            }
            let names = try await OrganisationQueries.activeNames(services)
            let list = try await q.limit(500).all().filter { names[$0.organisationID] != nil && (phase == nil || $0.phase(on: today).rawValue == phase) }
            let feedback = try await ItemQueries.publicItems(list.compactMap(\.feedbackItemID), on: services.db)
            return try PublicAPIRoutes.json(list.map { c in
                dto(c, names: names, feedback: feedback.first { $0.id == c.feedbackItemID }, base: base, today: today)
            })
        }

        router.get("/api/v1/consultations/:id") { _, context -> Response in
            guard let c = try await ParticipationQueries.publicConsultation(context.parameters.get("id") ?? "", services: services) else {
                throw UserFacingError(status: .notFound, message: "没有这项征求意见")
            }
            let names = try await OrganisationQueries.activeNames(services)
            var d = dto(c, names: names, feedback: try await ParticipationQueries.publicFeedback(c, on: services.db), base: base,
                        today: services.clock.today())
            d.explanation = c.explanation
            d.draft = c.draft
            d.comments = try await ParticipationQueries.publicComments(of: c, on: services.db)
                .map { CommentDTO(name: $0.name, date: $0.date, section: $0.section, text: $0.text) }
            return try PublicAPIRoutes.json(d)
        }

        router.get("/api/v1/organisations/:org/decisions") { request, context -> Response in
            let qp = request.query
            try PublicAPIRoutes.rejectUnknown(qp, allowed: ["year"])
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            let year = try qp.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "year（年度）")
            let desk = DecisionDesk(services: services)
            guard let list = try await desk.list(of: org.id!, year: year), list.isPublished else {
                throw UserFacingError(status: .notFound, message: "该机关\(year)年度重大行政决策事项目录尚未公布")
            }
            let rate = try await ParticipationQueries.prePublicationRate(organisationID: org.id!, year: year, on: services.db)
            // The same rows as the public page, so the API never says more or less than it.
            let page = try await DecisionListPage.build(services, org: org, year: year)
            let rows = Dictionary(page.rows.map { ($0.position, $0) }, uniquingKeysWith: { a, _ in a })
            return try PublicAPIRoutes.json(DecisionListDTO(
                organisationId: org.id!, year: year, approval: list.approval,
                decisions: try await desk.decisions(in: list).map { d in
                    let row = rows[d.position]
                    return DecisionDTO(position: d.position, title: d.title, kind: d.kind, kindLabel: d.kindValue?.shortLabel ?? "",
                                       undertaker: d.undertaker, planned: d.planned, methods: d.methodValues.map(\.label),
                                       stage: d.stage, stageLabel: d.stageValue.label, removedReason: d.removedReason,
                                       stageSince: d.enteredDays[d.stageValue]?.description,
                                       links: (row?.links ?? []).map { LinkDTO(title: $0.title, url: base + $0.href, role: $0.note) },
                                       adoptionNote: row?.adoptionNote)
                },
                changes: try await desk.changes(of: list).map { "\($0.changedOn) \($0.text)" },
                prePublicationRate: rate.text,
                matters: page.matters.map { MatterDTO(matter: $0.matter, scope: $0.scope, methods: $0.methods, channels: $0.channels, timing: $0.timing) }))
        }
    }

    struct EventDTO: Codable, Sendable {
        let id: UUID
        let kind: String
        let kindLabel: String
        let title: String
        let organisationId: Int
        let organisation: String
        let date: String
        let time: String
        let place: String
        let description: String
        let capacity: Int
        let participants: String
        let record: String?
        let streamUrl: String?
        /// 列席 places by category (open meetings), e.g. "利益相关方2个、媒体1个".
        let seats: String?
        let url: String
    }

    struct SurveyDTO: Codable, Sendable {
        struct Count: Codable, Sendable {
            let label: String
            let count: Int
        }
        struct Result: Codable, Sendable {
            let question: String
            let kind: String
            let respondents: Int
            let counts: [Count]
            let mean: Double?
        }
        let id: UUID
        let title: String
        let organisationId: Int
        let organisation: String
        let opensOn: String
        let closesOn: String
        let url: String
        let respondents: Int?
        let results: [Result]?
    }

    struct ThemeDTO: Codable, Sendable {
        let title: String
        let interpreter: String
        let audience: String
        let form: String
        let channel: String
        let date: String
        let interpretationUrl: String?
    }

    struct PlanDTO: Codable, Sendable {
        let year: Int
        let month: Int
        let themes: [ThemeDTO]
    }

    static func registerMore(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/api/v1/events") { request, _ -> Response in
            let qp = request.query
            try PublicAPIRoutes.rejectUnknown(qp, allowed: ["org", "kind"])
            var q = ParticipationEvent.query(on: services.db).filter(\.$publishedAt != nil).sort(\.$startsOn, .descending)
            if let id = try qp.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）") { q = q.filter(\.$organisationID == id) }
            if let k = qp.get("kind") {
                guard EventKind(rawValue: k) != nil else { throw PublicAPIRoutes.bad("kind 应为 \(EventKind.allCases.map(\.rawValue).joined(separator: "、")) 之一") }
                q = q.filter(\.$kind == k)
            }
            let names = try await OrganisationQueries.activeNames(services)
            return try PublicAPIRoutes.json(try await q.limit(500).all().filter { names[$0.organisationID] != nil }.map { e in
                EventDTO(id: e.id!, kind: e.kind, kindLabel: e.kindValue.label, title: e.title, organisationId: e.organisationID,
                         organisation: names[e.organisationID] ?? "", date: e.startsOn, time: e.startsAt, place: e.place, description: e.description,
                         capacity: e.capacity, participants: e.participants, record: e.recordPublishedAt == nil ? nil : e.record,
                         streamUrl: e.streamURL.nonEmpty, seats: CategorySeats(stored: e.categorySeats).text.nonEmpty, url: base + EventPage.href(e))
            })
        }

        router.get("/api/v1/surveys") { request, _ -> Response in
            let qp = request.query
            try PublicAPIRoutes.rejectUnknown(qp, allowed: ["org"])
            let today = services.clock.today()
            var q = Survey.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$opensOn <= today.description).sort(\.$opensOn, .descending)
            if let id = try qp.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）") { q = q.filter(\.$organisationID == id) }
            let names = try await OrganisationQueries.activeNames(services)
            let desk = SurveyDesk(services: services)
            var out: [SurveyDTO] = []
            for s in try await q.limit(200).all() where names[s.organisationID] != nil {
                let r = s.resultsPublic ? try await desk.results(s) : nil
                out.append(SurveyDTO(id: s.id!, title: s.title, organisationId: s.organisationID, organisation: names[s.organisationID] ?? "",
                                     opensOn: s.opensOn, closesOn: s.closesOn, url: "\(base)/participation/surveys/\(s.id!.uuidString)",
                                     respondents: r?.respondents,
                                     results: r?.results.map { res in
                                         SurveyDTO.Result(question: res.question.text, kind: res.question.kind.rawValue, respondents: res.respondents,
                                                          counts: res.counts.map { SurveyDTO.Count(label: $0.label, count: $0.count) }, mean: res.mean)
                                     }))
            }
            return try PublicAPIRoutes.json(out)
        }

        router.get("/api/v1/organisations/:org/interpretation-days") { request, context -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: [])
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            let desk = InterpretationDayDesk(services: services)
            var out: [PlanDTO] = []
            for p in try await InterpretationPlan.query(on: services.db).filter(\.$organisationID == org.id!).filter(\.$publishedAt != nil)
                .sort(\.$year, .descending).sort(\.$month, .descending).limit(24).all() {
                let themes = try await desk.themes(of: p)
                let items = try await ItemQueries.publicItems(themes.compactMap(\.itemID), on: services.db)
                out.append(PlanDTO(year: p.year, month: p.month, themes: themes.map { t in
                    ThemeDTO(title: t.title, interpreter: t.interpreter, audience: t.audience, form: t.form, channel: t.channel, date: t.heldOn,
                             interpretationUrl: t.itemID.flatMap { id in items.first { $0.id == id } }.map { base + ParticipationQueries.itemHref($0) })
                }))
            }
            return try PublicAPIRoutes.json(out)
        }
    }

    /// The paths and schemas above, for the OpenAPI document.
    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        let nullable: [String: Any] = ["type": "string", "nullable": true]
        let date: [String: Any] = ["type": "string", "format": "date"]
        func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
        func ok(_ schema: [String: Any], _ d: String) -> [String: Any] { ["description": d, "content": ["application/json": ["schema": schema]]] }
        let error: [String: Any] = ["description": "请求有误或对象不存在", "content": ["application/json": ["schema": ref("Error")]]]
        let orgParam: [String: Any] = ["name": "organisationId", "in": "path", "required": true, "schema": ["type": "integer"]]
        let paths: [String: Any] = [
            "/consultations": ["get": [
                "summary": "公开征求意见列表（已开始的，新开始的在前）", "operationId": "listConsultations",
                "parameters": [
                    ["name": "org", "in": "query", "required": false, "description": "机构编号", "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]],
                    ["name": "phase", "in": "query", "required": false, "description": "open 正在征求意见；closed 已结束", "schema": ["type": "string", "enum": ["open", "closed"]]],
                ],
                "responses": ["200": ok(["type": "array", "items": ref("Consultation")], "征求意见"), "400": error],
            ]],
            "/consultations/{consultationId}": ["get": [
                "summary": "一项征求意见：起草说明、征求意见稿全文和已公开的意见（姓名只显示姓氏，不含联系方式）", "operationId": "getConsultation",
                "parameters": [["name": "consultationId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                "responses": ["200": ok(ref("Consultation"), "征求意见"), "404": error],
            ]],
            "/events": ["get": [
                "summary": "听证会、座谈会、实地走访、开放会议、政府开放日（已发布的，新的在前；报名人的信息不公开）", "operationId": "listEvents",
                "parameters": [
                    ["name": "org", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]],
                    ["name": "kind", "in": "query", "required": false, "schema": ["type": "string", "enum": EventKind.allCases.map(\.rawValue)]],
                ],
                "responses": ["200": ok(["type": "array", "items": ref("Event")], "活动"), "400": error],
            ]],
            "/surveys": ["get": [
                "summary": "问卷调查（已开始的）及公开的结果（选择题和打分题的统计）", "operationId": "listSurveys",
                "parameters": [["name": "org", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]]],
                "responses": ["200": ok(["type": "array", "items": ref("Survey")], "问卷"), "400": error],
            ]],
            "/organisations/{organisationId}/interpretation-days": ["get": [
                "summary": "已公布的政策解读日计划", "operationId": "getInterpretationDays", "parameters": [orgParam],
                "responses": ["200": ok(["type": "array", "items": ref("InterpretationPlan")], "计划"), "404": error],
            ]],
            "/organisations/{organisationId}/decisions": ["get": [
                "summary": "已公布的重大行政决策事项目录及调整说明、预公开率", "operationId": "getDecisionList",
                "parameters": [orgParam, ["name": "year", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 2000, "maximum": 2100]]],
                "responses": ["200": ok(ref("DecisionList"), "目录"), "400": error, "404": error],
            ]],
        ]
        let int: [String: Any] = ["type": "integer"]
        let schemas: [String: Any] = [
            "Event": ["type": "object", "required": ["id", "kind", "kindLabel", "title", "organisationId", "organisation", "date", "time", "place", "description", "capacity", "participants", "url"],
                      "properties": ["id": ["type": "string", "format": "uuid"], "kind": ["type": "string", "enum": EventKind.allCases.map(\.rawValue)],
                                     "kindLabel": string, "title": string, "organisationId": int, "organisation": string, "date": date, "time": string,
                                     "place": string, "description": string, "capacity": int, "participants": string, "record": nullable,
                                     "streamUrl": nullable, "seats": nullable, "url": ["type": "string", "format": "uri"]]],
            "Survey": ["type": "object", "required": ["id", "title", "organisationId", "organisation", "opensOn", "closesOn", "url"],
                       "properties": ["id": ["type": "string", "format": "uuid"], "title": string, "organisationId": int, "organisation": string,
                                      "opensOn": date, "closesOn": date, "url": ["type": "string", "format": "uri"],
                                      "respondents": ["type": "integer", "nullable": true],
                                      "results": ["type": "array", "nullable": true, "items": ["type": "object", "required": ["question", "kind", "respondents", "counts"],
                                          "properties": ["question": string, "kind": ["type": "string", "enum": Questionnaire.Kind.allCases.map(\.rawValue)],
                                                         "respondents": int, "mean": ["type": "number", "nullable": true],
                                                         "counts": ["type": "array", "items": ["type": "object", "required": ["label", "count"], "properties": ["label": string, "count": int]]]]]]]],
            "InterpretationPlan": ["type": "object", "required": ["year", "month", "themes"],
                                   "properties": ["year": int, "month": int, "themes": ["type": "array", "items": ["type": "object",
                                       "required": ["title", "interpreter", "audience", "form", "channel", "date"],
                                       "properties": ["title": string, "interpreter": string, "audience": string, "form": string, "channel": string,
                                                      "date": date, "interpretationUrl": ["type": "string", "format": "uri", "nullable": true]]]]]],
            "Consultation": ["type": "object", "required": ["id", "title", "organisationId", "organisation", "subject", "subjectLabel", "opensOn", "closesOn", "phase", "url"],
                             "properties": [
                                "id": ["type": "string", "format": "uuid"], "title": string, "organisationId": ["type": "integer"], "organisation": string,
                                "subject": ["type": "string", "enum": ParticipationPeriod.Subject.allCases.map(\.rawValue)], "subjectLabel": string,
                                "opensOn": date, "closesOn": date, "phase": ["type": "string", "enum": ["open", "closed"]],
                                "shortenedReason": nullable, "url": ["type": "string", "format": "uri"],
                                "feedbackUrl": ["type": "string", "format": "uri", "nullable": true, "description": "意见采纳情况反馈（发布后）"],
                                "explanation": nullable, "draft": nullable,
                                "comments": ["type": "array", "nullable": true, "items": ["type": "object", "required": ["name", "date", "text"],
                                    "properties": ["name": string, "date": string, "section": nullable, "text": string]]],
                             ]],
            "DecisionList": ["type": "object", "required": ["organisationId", "year", "approval", "decisions", "changes", "prePublicationRate", "matters"],
                             "properties": [
                                "organisationId": ["type": "integer"], "year": ["type": "integer"], "approval": string,
                                "decisions": ["type": "array", "items": ["type": "object",
                                    "required": ["position", "title", "kind", "kindLabel", "undertaker", "planned", "methods", "stage", "stageLabel"],
                                    "properties": ["position": ["type": "integer"], "title": string,
                                                   "kind": ["type": "string", "enum": DecisionKind.allCases.map(\.rawValue)], "kindLabel": string,
                                                   "undertaker": string, "planned": string, "methods": ["type": "array", "items": string],
                                                   "stage": ["type": "string", "enum": DecisionStage.allCases.map(\.rawValue)], "stageLabel": string,
                                                   "removedReason": nullable, "stageSince": ["type": "string", "format": "date", "nullable": true],
                                                   "adoptionNote": nullable,
                                                   "links": ["type": "array", "items": ["type": "object", "required": ["title", "url", "role"],
                                                             "properties": ["title": string, "url": ["type": "string", "format": "uri"], "role": string]]]]]],
                                "changes": ["type": "array", "items": string], "prePublicationRate": string,
                                "matters": ["type": "array", "description": "公众参与事项清单", "items": ["type": "object",
                                    "required": ["matter", "scope", "methods", "channels", "timing"],
                                    "properties": ["matter": string, "scope": string, "methods": string, "channels": string, "timing": string]]],
                             ]],
        ]
        return (paths, schemas)
    }
}
