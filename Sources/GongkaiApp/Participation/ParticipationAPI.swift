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
    }

    struct DecisionListDTO: Codable, Sendable {
        let organisationId: Int
        let year: Int
        let approval: String
        let decisions: [DecisionDTO]
        let changes: [String]
        let prePublicationRate: String
    }

    static func dto(_ c: Consultation, names: [Int: String], feedback: InformationItem?, base: String, today: CivilDate) -> ConsultationDTO {
        ConsultationDTO(id: c.id!, title: c.title, organisationId: c.organisationID, organisation: names[c.organisationID] ?? "",
                        subject: c.subject, subjectLabel: c.subjectValue.label, opensOn: c.opensOn, closesOn: c.closesOn,
                        phase: c.phase(on: today).rawValue, shortenedReason: c.shortenedReason.nonEmpty,
                        url: base + ParticipationQueries.href(c), feedbackUrl: feedback.map { base + ParticipationQueries.itemHref($0) })
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))

        router.get("/api/v1/consultations") { request, _ -> Response in
            let qp = request.query
            try PublicAPIRoutes.rejectUnknown(qp, allowed: ["org", "phase"])
            let today = services.clock.today()
            var q = Consultation.query(on: services.db).filter(\.$opensOn <= today.description).sort(\.$opensOn, .descending)
            if let id = try qp.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）") { q = q.filter(\.$organisationID == id) }
            let phase = qp.get("phase")
            if let phase, ConsultationPhase(rawValue: phase) == nil || phase == "scheduled" {
                throw PublicAPIRoutes.bad("phase 应为 open、closed 之一")
            }
            let names = try await activeNames(services)
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
            let names = try await activeNames(services)
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
            return try PublicAPIRoutes.json(DecisionListDTO(
                organisationId: org.id!, year: year, approval: list.approval,
                decisions: try await desk.decisions(in: list).map { d in
                    DecisionDTO(position: d.position, title: d.title, kind: d.kind, kindLabel: d.kindValue?.shortLabel ?? "",
                                undertaker: d.undertaker, planned: d.planned, methods: d.methodValues.map(\.label),
                                stage: d.stage, stageLabel: d.stageValue.label, removedReason: d.removedReason)
                },
                changes: try await desk.changes(of: list).map { "\($0.changedOn) \($0.text)" },
                prePublicationRate: rate.text))
        }
    }

    static func activeNames(_ services: AppServices) async throws -> [Int: String] {
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
        return Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
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
            "/organisations/{organisationId}/decisions": ["get": [
                "summary": "已公布的重大行政决策事项目录及调整说明、预公开率", "operationId": "getDecisionList",
                "parameters": [orgParam, ["name": "year", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 2000, "maximum": 2100]]],
                "responses": ["200": ok(ref("DecisionList"), "目录"), "400": error, "404": error],
            ]],
        ]
        let schemas: [String: Any] = [
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
            "DecisionList": ["type": "object", "required": ["organisationId", "year", "approval", "decisions", "changes", "prePublicationRate"],
                             "properties": [
                                "organisationId": ["type": "integer"], "year": ["type": "integer"], "approval": string,
                                "decisions": ["type": "array", "items": ["type": "object",
                                    "required": ["position", "title", "kind", "kindLabel", "undertaker", "planned", "methods", "stage", "stageLabel"],
                                    "properties": ["position": ["type": "integer"], "title": string,
                                                   "kind": ["type": "string", "enum": DecisionKind.allCases.map(\.rawValue)], "kindLabel": string,
                                                   "undertaker": string, "planned": string, "methods": ["type": "array", "items": string],
                                                   "stage": ["type": "string", "enum": DecisionStage.allCases.map(\.rawValue)], "stageLabel": string,
                                                   "removedReason": nullable]]],
                                "changes": ["type": "array", "items": string], "prePublicationRate": string,
                             ]],
        ]
        return (paths, schemas)
    }
}
