import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// `/api/v1` for the 政务新媒体矩阵 and each organisation's 负面清单.
enum InspectionAPI {
    struct AccountDTO: Codable, Sendable {
        let platform: String
        let name: String
        let handle: String
        let organisation: String
        /// 正常, 关停, 整合.
        let status: String
        let lastUpdateOn: String?
        let interaction: Bool
    }

    struct EntryDTO: Codable, Sendable {
        let matter: String
        let ground: String
        let basis: String
        let scope: String
        let reviewedOn: String
    }

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/api/v1/new-media-accounts") { request, _ -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: [])
            let names = try await OrganisationQueries.activeNames(services)
            let all = try await NewMediaAccount.query(on: services.db).sort(\.$platform).sort(\.$name).all().filter { names[$0.organisationID] != nil }
            return try PublicAPIRoutes.json(all.map { a in
                AccountDTO(platform: a.platform, name: a.name, handle: a.handle, organisation: names[a.organisationID] ?? "",
                           status: NewMediaDesk.statuses.first { $0.0 == a.status }?.1 ?? a.status,
                           lastUpdateOn: a.lastUpdateOn.isEmpty ? nil : a.lastUpdateOn, interaction: a.interaction)
            })
        }
        router.get("/api/v1/organisations/:org/negative-list") { request, context -> Response in
            try PublicAPIRoutes.rejectUnknown(request.query, allowed: [])
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            return try PublicAPIRoutes.json(try await NegativeListRoutes.published(org.id!, services).map {
                EntryDTO(matter: $0.matter, ground: $0.ground, basis: $0.basis, scope: $0.scope, reviewedOn: $0.reviewedOn)
            })
        }
    }

    static let openAPI = OpenAPIContribution {
        let string: [String: Any] = ["type": "string"]
        func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
        func ok(_ schema: [String: Any], _ d: String) -> [String: Any] { ["description": d, "content": ["application/json": ["schema": schema]]] }
        let error: [String: Any] = ["description": "请求有误或对象不存在", "content": ["application/json": ["schema": ref("Error")]]]
        let paths: [String: Any] = [
            "/new-media-accounts": ["get": [
                "summary": "本县政务新媒体账号（政务新媒体矩阵），含已关停和整合的", "operationId": "listNewMediaAccounts",
                "responses": ["200": ok(["type": "array", "items": ref("NewMediaAccount")], "账号"), "400": error],
            ]],
            "/organisations/{organisationId}/negative-list": ["get": [
                "summary": "一个机关公开的不予公开事项清单（负面清单）", "operationId": "getNegativeList",
                "parameters": [["name": "organisationId", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]]],
                "responses": ["200": ok(["type": "array", "items": ref("NegativeListEntry")], "清单事项"), "400": error, "404": error],
            ]],
        ]
        let schemas: [String: Any] = [
            "NewMediaAccount": ["type": "object", "required": ["platform", "name", "handle", "organisation", "status", "interaction"],
                                "properties": ["platform": string, "name": string, "handle": string, "organisation": string,
                                               "status": ["type": "string", "enum": NewMediaDesk.statuses.map(\.1)],
                                               "lastUpdateOn": ["type": "string", "format": "date", "nullable": true], "interaction": ["type": "boolean"]]],
            "NegativeListEntry": ["type": "object", "required": ["matter", "ground", "basis", "scope", "reviewedOn"],
                                  "properties": ["matter": string, "ground": string, "basis": string, "scope": string, "reviewedOn": ["type": "string", "format": "date"]]],
        ]
        return (paths, schemas)
    }
}
