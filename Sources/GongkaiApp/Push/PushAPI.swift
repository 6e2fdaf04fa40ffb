import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// `/api/v1` for 政策服务直通车: published 政策包 with their current contents, and the policies
/// for an audience (the same matching as the feeds), each with the reasons it fits.
enum PushAPI {
    struct EntryDTO: Codable, Sendable {
        let title: String
        let url: String
        let organisation: String
    }

    struct GuideDTO: Codable, Sendable {
        let name: String
        let url: String
        let conditions: String
        let apply: String
        let phone: String
    }

    struct PackageDTO: Codable, Sendable {
        let id: UUID
        let name: String
        let intro: String
        let organisation: String
        let audience: String
        let url: String
        var policies: [EntryDTO]?
        var interpretations: [EntryDTO]?
        var guides: [GuideDTO]?
        var contacts: [String]?
    }

    struct MatchDTO: Codable, Sendable {
        let title: String
        let url: String
        let organisation: String
        let publishedOn: String?
        let reason: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/api/v1/policy-packages") { request, _ -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: [])
            let names = try await OrganisationQueries.activeNames(services)
            var out: [PackageDTO] = []
            for p in try await PolicyPackageQueries.published(services) {
                out.append(PackageDTO(id: p.id!, name: p.name, intro: p.intro, organisation: names[p.organisationID] ?? "",
                                      audience: try await PolicyPackageRoutes.audienceText(p.audience, services), url: base + PolicyPackageQueries.href(p)))
            }
            return try PublicAPIRoutes.json(out)
        }

        router.get("/api/v1/policy-packages/:id") { request, context -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: [])
            guard let p = try await PolicyPackageQueries.publicPackage(context.parameters.get("id"), services) else {
                throw UserFacingError(status: .notFound, message: "没有这个政策包")
            }
            let names = try await OrganisationQueries.activeNames(services)
            let c = try await PolicyPackageQueries.contents(p, services)
            var dto = PackageDTO(id: p.id!, name: p.name, intro: p.intro, organisation: names[p.organisationID] ?? "",
                                 audience: try await PolicyPackageRoutes.audienceText(p.audience, services), url: base + PolicyPackageQueries.href(p))
            dto.policies = c.policies.map { EntryDTO(title: $0.item.title, url: base + ParticipationQueries.itemHref($0.item), organisation: names[$0.item.organisationID] ?? "") }
            dto.interpretations = c.interpretations.map { EntryDTO(title: $0.title, url: base + ParticipationQueries.itemHref($0), organisation: names[$0.organisationID] ?? "") }
            dto.guides = c.guides.map { g in
                let e = PolicyPackageRoutes.guideEntry(g)
                return GuideDTO(name: e.name, url: base + e.href, conditions: e.conditions, apply: e.apply, phone: e.phone)
            }
            dto.contacts = p.contactLines
            return try PublicAPIRoutes.json(dto)
        }

        router.get("/api/v1/policies-for") { request, _ -> Response in
            let q = request.query
            try PublicAPIRoutes.rejectUnknown(q, allowed: ["region", "group", "life_event", "industry", "size", "park"])
            let a = try await PushFeedRoutes.audience(q, services)
            // No condition we know (none given, or only unknown names): nothing is aimed at it.
            guard !a.isEmpty else { return try PublicAPIRoutes.json([MatchDTO]()) }
            let names = try await OrganisationQueries.activeNames(services)
            return try PublicAPIRoutes.json(try await PushQueries.matching(services, PushInterest(audience: a), limit: 50).map { m in
                MatchDTO(title: m.item.title, url: base + ParticipationQueries.itemHref(m.item), organisation: names[m.item.organisationID] ?? "",
                         publishedOn: m.item.publishedAt.map { SiteClock.day(of: $0).description }, reason: PushReason.explanation(m.reasons))
            })
        }
    }

    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
        func ok(_ schema: [String: Any], _ d: String) -> [String: Any] { ["description": d, "content": ["application/json": ["schema": schema]]] }
        let error: [String: Any] = ["description": "请求有误或对象不存在", "content": ["application/json": ["schema": ref("Error")]]]
        let uri: [String: Any] = ["type": "string", "format": "uri"]
        func list(_ name: String, _ d: String, _ items: [String: Any]) -> [String: Any] {
            ["name": name, "in": "query", "required": false, "description": d, "style": "form", "explode": true,
             "schema": ["type": "array", "maxItems": 3, "items": items]]
        }
        let entry: [String: Any] = ["type": "object", "required": ["title", "url", "organisation"], "properties": ["title": string, "url": uri, "organisation": string]]
        let paths: [String: Any] = [
            "/policy-packages": ["get": [
                "summary": "已发布的政策包", "operationId": "listPolicyPackages",
                "responses": ["200": ok(["type": "array", "items": ref("PolicyPackage")], "政策包"), "400": error],
            ]],
            "/policy-packages/{packageId}": ["get": [
                "summary": "一个政策包的当前内容：政策文件、解读、办事指南和咨询电话", "operationId": "getPolicyPackage",
                "parameters": [["name": "packageId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                "responses": ["200": ok(ref("PolicyPackage"), "政策包"), "400": error, "404": error],
            ]],
            "/policies-for": ["get": [
                "summary": "与某类受众相关的政策（与订阅推送同一匹配规则），附匹配原因", "operationId": "listPoliciesForAudience",
                "parameters": [
                    list("region", "乡镇（村、社区）的机构编号", ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]),
                    list("group", "人群，如 农民", ["type": "string", "maxLength": 20]),
                    list("life_event", "人生事项，如 入学", ["type": "string", "maxLength": 20]),
                    list("industry", "国民经济行业门类", ["type": "string", "enum": IndustrySection.allCases.map(\.rawValue)]),
                    list("size", "企业规模", ["type": "string", "enum": EnterpriseSize.allCases.map(\.rawValue)]),
                    list("park", "园区名称", ["type": "string", "maxLength": 20]),
                ],
                "responses": ["200": ok(["type": "array", "items": ref("PolicyMatch")], "政策"), "400": error],
            ]],
        ]
        let schemas: [String: Any] = [
            "PolicyPackage": ["type": "object", "required": ["id", "name", "intro", "organisation", "audience", "url"],
                              "properties": ["id": ["type": "string", "format": "uuid"], "name": string, "intro": string, "organisation": string,
                                             "audience": string, "url": uri,
                                             "policies": ["type": "array", "items": entry], "interpretations": ["type": "array", "items": entry],
                                             "guides": ["type": "array", "items": ["type": "object", "required": ["name", "url", "conditions", "apply", "phone"],
                                                                                    "properties": ["name": string, "url": uri, "conditions": string, "apply": string, "phone": string]]],
                                             "contacts": ["type": "array", "items": string]]],
            "PolicyMatch": ["type": "object", "required": ["title", "url", "organisation", "reason"],
                            "properties": ["title": string, "url": uri, "organisation": string,
                                           "publishedOn": ["type": "string", "format": "date", "nullable": true], "reason": string]],
        ]
        return (paths, schemas)
    }
}
