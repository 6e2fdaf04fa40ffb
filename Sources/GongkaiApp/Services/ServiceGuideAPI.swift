import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// `/api/v1/guides`: the published 办事指南 with every element, for other systems and apps.
enum ServiceGuideAPI {
    struct MaterialDTO: Codable { let name: String; let source: String; let copies: Int; let medium: String; let requirement: String }
    struct StepDTO: Codable { let name: String; let detail: String }
    struct GuideDTO: Codable {
        let id: UUID; let name: String; let kind: String; let kindLabel: String; let organisationId: Int; let organisation: String
        let basis: String; let conditions: String; let materials: [MaterialDTO]; let steps: [StepDTO]
        let statutoryDays: Int; let promisedDays: Int; let fee: String; let free: Bool; let place: String; let hours: String
        let enquiryPhone: String; let complaintPhone: String; let onlineUrl: String; let visits: Int; let version: Int; let url: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/api/v1/guides") { request, _ -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: ["q", "org", "kind"])
            let org = try request.query.optionalInteger("org", in: 1...Int(Int32.max), label: "org（机构编号）")
            let rawKind = request.query.get("kind") ?? ""
            let kind = ServiceKind(rawValue: rawKind)
            if !rawKind.isEmpty && kind == nil { throw PublicAPIRoutes.bad("kind 应为：\(ServiceKind.allCases.map(\.rawValue).joined(separator: "、"))") }
            let text = String((request.query.get("q") ?? "").prefix(SearchQuery.maxLength))
            let listed = try await ServiceGuideQueries.published(services, organisationID: org, kind: kind, query: SearchQuery(text))
            let names = try await OrganisationQueries.activeNames(services)
            let base = services.config.publicBase
            return try PublicAPIRoutes.json(listed.compactMap { l -> GuideDTO? in
                let c = l.content
                guard let k = c.kind, let s = c.statutoryDays, let p = c.promisedDays, let v = c.visits else { return nil }
                return GuideDTO(id: l.guide.id!, name: c.name, kind: k.rawValue, kindLabel: k.label, organisationId: l.guide.organisationID,
                                organisation: names[l.guide.organisationID] ?? "", basis: c.basis, conditions: c.conditions,
                                materials: c.materials.map { MaterialDTO(name: $0.name, source: $0.source.rawValue, copies: $0.copies, medium: $0.medium.rawValue, requirement: $0.requirement) },
                                steps: c.steps.map { StepDTO(name: $0.name, detail: $0.detail) }, statutoryDays: s, promisedDays: p, fee: c.fee, free: c.free,
                                place: c.place, hours: c.hours, enquiryPhone: c.enquiryPhone, complaintPhone: c.complaintPhone, onlineUrl: c.onlineURL,
                                visits: v, version: l.guide.version, url: base + ServiceGuideQueries.href(l.guide))
            })
        }
    }

    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        let int: [String: Any] = ["type": "integer"]
        let paths: [String: Any] = [
            "/guides": ["get": [
                "summary": "办事指南（已公开的；q 为检索词，多个词须全部出现）", "operationId": "listGuides",
                "parameters": [
                    ["name": "q", "in": "query", "required": false, "schema": ["type": "string", "maxLength": SearchQuery.maxLength]],
                    ["name": "org", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]],
                    ["name": "kind", "in": "query", "required": false, "schema": ["type": "string", "enum": ServiceKind.allCases.map(\.rawValue)]],
                ],
                "responses": [
                    "200": ["description": "办事指南", "content": ["application/json": ["schema": ["type": "array", "items": ["$ref": "#/components/schemas/ServiceGuide"]]]]],
                    "400": ["description": "请求有误", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                ],
            ]],
        ]
        let material: [String: Any] = ["type": "object", "required": ["name", "source", "copies", "medium", "requirement"],
                                       "properties": ["name": string, "source": string, "copies": int, "medium": string, "requirement": string]]
        let step: [String: Any] = ["type": "object", "required": ["name", "detail"], "properties": ["name": string, "detail": string]]
        let fields = ["id", "name", "kind", "kindLabel", "organisationId", "organisation", "basis", "conditions", "materials", "steps", "statutoryDays",
                      "promisedDays", "fee", "free", "place", "hours", "enquiryPhone", "complaintPhone", "onlineUrl", "visits", "version", "url"]
        let schemas: [String: Any] = [
            "ServiceGuide": ["type": "object", "required": fields,
                             "properties": ["id": ["type": "string", "format": "uuid"], "name": string, "kind": ["type": "string", "enum": ServiceKind.allCases.map(\.rawValue)],
                                            "kindLabel": string, "organisationId": int, "organisation": string, "basis": string, "conditions": string,
                                            "materials": ["type": "array", "items": material], "steps": ["type": "array", "items": step],
                                            "statutoryDays": int, "promisedDays": int, "fee": string, "free": ["type": "boolean"], "place": string, "hours": string,
                                            "enquiryPhone": string, "complaintPhone": string, "onlineUrl": string, "visits": int, "version": int, "url": string]],
        ]
        return (paths, schemas)
    }
}
