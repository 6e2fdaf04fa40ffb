import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 知识问答库: public pages by topic and organisation, suggestions before writing a letter, and
/// the staff page (write, import from an interpretation, review flagged entries).
enum KnowledgeRoutes {
    static let editors = LetterAdminRoutes.handlers

    static let owner = RecordOwner(kind: "knowledge") { raw, db in
        guard let id = UUID(uuidString: raw), let k = try await KnowledgeEntry.find(id, on: db) else { return [] }
        return [k.organisationID]
    }

    struct EntryView: Sendable {
        let anchor: String
        let question: String
        let answer: [String]
        let organisation: String
        let source: String
        let policy: ConsultationPage.Link?
    }

    struct PublicView: Sendable {
        let chrome: PageChrome
        let topics: [OptionItem]
        let organisations: [OptionItem]
        let entries: [EntryView]
        let hasEntries: Bool
    }

    /// Public entries matching every word of `q` (question or answer), for suggestions and search.
    static func matching(_ q: SearchQuery, services: AppServices, limit: Int) async throws -> [KnowledgeEntry] {
        guard !q.isEmpty else { return [] }
        let names = try await OrganisationQueries.activeNames(services)
        return try await KnowledgeEntry.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$flag == "").limit(5000).all()
            .filter { names[$0.organisationID] != nil }
            .filter { ParticipationSearch.matches(.init(title: $0.question, text: $0.answer, href: "", note: ""), q) }
            .prefix(limit).map { $0 }
    }

    static func views(_ entries: [KnowledgeEntry], services: AppServices) async throws -> [EntryView] {
        let names = try await OrganisationQueries.activeNames(services)
        let policies = try await ItemQueries.publicItems(entries.compactMap(\.policyItemID), on: services.db)
        return entries.map { k in
            EntryView(anchor: "k-\(k.id!.uuidString.prefix(8))", question: k.question, answer: EventPage.paragraphs(k.answer),
                      organisation: names[k.organisationID] ?? "", source: k.sourceLabel,
                      policy: k.policyItemID.flatMap { id in policies.first { $0.id == id } }.map { .init(title: $0.title, href: ParticipationQueries.itemHref($0)) })
        }
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/hudong/knowledge") { request, context -> Response in
            let topic = request.query.get("topic") ?? ""
            let org = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）")
            var q = KnowledgeEntry.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$flag == "")
            if !topic.isEmpty { q = q.filter(\.$topic == String(topic.prefix(40))) }
            if let org { q = q.filter(\.$organisationID == org) }
            let entries = try await q.sort(\.$createdAt, .descending).limit(200).all()
            let all = try await KnowledgeEntry.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$flag == "").all()
            let names = try await OrganisationQueries.activeNames(services)
            let shown = entries.filter { names[$0.organisationID] != nil }
            return services.templates.page("portal-knowledge", PublicView(
                chrome: PageChrome(services: services, context: context, title: "知识问答", path: request.uri.path),
                topics: [OptionItem(value: "", label: "全部主题", selected: topic.isEmpty)]
                    + Array(Set(all.map(\.topic))).sorted().map { OptionItem(value: $0, label: $0, selected: $0 == topic) },
                organisations: [OptionItem(value: "", label: "全部单位", selected: org == nil)]
                    + Array(Set(all.map(\.organisationID))).sorted().compactMap { id in names[id].map { OptionItem(value: String(id), label: $0, selected: id == org) } },
                entries: try await views(shown, services: services), hasEntries: !shown.isEmpty))
        }

        router.get("/api/v1/knowledge") { request, _ -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: ["q", "topic", "org"])
            let text = String((request.query.get("q") ?? "").prefix(SearchQuery.maxLength))
            var entries = text.isEmpty
                ? try await KnowledgeEntry.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$flag == "").sort(\.$createdAt, .descending).limit(500).all()
                : try await matching(SearchQuery(text), services: services, limit: 500)
            if let t = request.query.get("topic") { entries = entries.filter { $0.topic == t } }
            if let o = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）") { entries = entries.filter { $0.organisationID == o } }
            let names = try await OrganisationQueries.activeNames(services)
            struct DTO: Codable { let question: String; let answer: String; let topic: String; let organisationId: Int; let organisation: String; let source: String }
            return try PublicAPIRoutes.json(entries.filter { names[$0.organisationID] != nil }.map {
                DTO(question: $0.question, answer: $0.answer, topic: $0.topic, organisationId: $0.organisationID, organisation: names[$0.organisationID] ?? "", source: $0.source)
            })
        }
    }

    /// `/api/v1/knowledge` in the OpenAPI document.
    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        let paths: [String: Any] = [
            "/knowledge": ["get": [
                "summary": "知识问答库（公开的问答；q 为检索词，多个词须全部出现）", "operationId": "listKnowledge",
                "parameters": [
                    ["name": "q", "in": "query", "required": false, "schema": ["type": "string", "maxLength": SearchQuery.maxLength]],
                    ["name": "topic", "in": "query", "required": false, "schema": string],
                    ["name": "org", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]],
                ],
                "responses": [
                    "200": ["description": "问答", "content": ["application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/KnowledgeEntry"]]]]],
                    "400": ["description": "请求有误", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                ],
            ]],
        ]
        let schemas: [String: Any] = [
            "KnowledgeEntry": ["type": "object", "required": ["question", "answer", "topic", "organisationId", "organisation", "source"],
                               "properties": ["question": string, "answer": string, "topic": string, "organisationId": ["type": "integer"],
                                              "organisation": string, "source": ["type": "string", "enum": ["reply", "interpretation", "staff"]]]],
        ]
        return (paths, schemas)
    }

    // MARK: Back office

    struct AdminRow: Sendable {
        let question: String
        let organisation: String
        let source: String
        let state: String
        let flag: String?
        let action: String
        let answer: String
        let key: String
    }

    struct AdminView: Sendable {
        let chrome: PageChrome
        let rows: [AdminRow]
        let hasRows: Bool
        let organisations: [OptionItem]
        let topics: [OptionItem]
        let fields: [FieldView]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func registerAdmin(_ bo: BackOffice) {
        let services = bo.services
        let desk = KnowledgeDesk(services: services)

        bo.get("/admin/knowledge", roles: editors, target: .anyScope) { request, context, auth in
            try await adminPage(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/knowledge", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择答复单位") }
            let form = context.form
            do {
                if form["action"] == "import" {
                    let index = form["index_number"].trimmingSpaces()
                    guard !index.isEmpty, let item = try await ItemQueries.publicItems(on: services.db).filter(\.$indexNumber == index).first(),
                          item.organisationID == org.id else {
                        throw DeskFailure.invalid(["index_number": "找不到本单位已发布的、索引号为“\(index.prefix(60))”的政策解读"])
                    }
                    _ = try await desk.fromInterpretation(item, actor: auth.staff.actor(context))
                } else {
                    _ = try await desk.add(question: form["question"], answer: form["answer"], topic: form["topic"], policy: nil,
                                           organisationID: org.id!, source: "staff", sourceRef: "", publish: true, actor: auth.staff.actor(context))
                }
            } catch let f as DeskFailure {
                let errors = f.fieldErrors(refusalAt: "index_number")
                let values = Dictionary(uniqueKeysWithValues: ["question", "answer", "topic", "organisation"].map { ($0, form[$0]) })
                return try await adminPage(services, request, context, auth, values: values, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/knowledge?notice=saved", type: .found)
        }

        bo.post("/admin/knowledge/:entry", roles: editors, target: .record(param: "entry", owner: owner)) { request, context, auth in
            guard let id = context.parameters.get("entry", as: UUID.self), let k = try await KnowledgeEntry.find(id, on: services.db) else { throw HTTPError(.notFound) }
            do {
                try await desk.review(k, answer: context.form["answer"], keep: context.form["keep"] == "1", actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                return try await adminPage(services, request, context, auth, values: [:], errors: ["review": f.message], status: .badRequest)
            }
            return .redirect(to: "/admin/knowledge?notice=saved", type: .found)
        }
    }

    static func adminPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                          values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node).filter { $0.kind.isAdministrativeOrgan }
        let ids = orgs.compactMap(\.id)
        let entries = ids.isEmpty ? [] : try await KnowledgeEntry.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$createdAt, .descending).limit(300).all()
        let topics = try await CheckTermStore(services: services).topics()
        let view = AdminView(
            chrome: AdminChrome.make(services, context, title: "知识问答库", path: "/admin/knowledge", notice: AdminChrome.notice(request)),
            rows: entries.map { k in
                AdminRow(question: k.question, organisation: orgs.first { $0.id == k.organisationID }?.name ?? "", source: k.sourceLabel,
                         state: k.isPublic ? "公开" : (k.flag.isEmpty ? "未公开" : "暂停公开"), flag: k.flag.nonEmpty,
                         action: "/admin/knowledge/\(k.id!.uuidString)", answer: k.answer, key: String(k.id!.uuidString.prefix(8)))
            },
            hasRows: !entries.isEmpty,
            organisations: orgs.map { OptionItem(value: String($0.id!), label: $0.name, selected: values["organisation"] == String($0.id!)) },
            topics: topics.map { OptionItem(value: $0.name, label: $0.name, selected: values["topic"] == $0.name) },
            fields: [("question", "问题", false), ("answer", "答案", true)].map {
                FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: nil, required: true, multiline: $0.2, inputType: "text")
            },
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
        return services.templates.page("admin-knowledge", view, status: status)
    }
}
