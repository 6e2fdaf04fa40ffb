import Foundation
import GongkaiDomain

/// The OpenAPI 3.0 description of `/api/v1`, written out from the same enumerations the API checks.
enum OpenAPIDocument {
    static func data(serverURL: String, contributions: [OpenAPIContribution] = []) -> Data {
        let string: [String: Any] = ["type": "string"]
        let date: [String: Any] = ["type": "string", "format": "date"]
        func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
        func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
            ["type": "object", "properties": properties, "required": required]
        }
        func jsonResponse(_ schema: [String: Any], _ description: String) -> [String: Any] {
            ["description": description, "content": ["application/json": ["schema": schema]]]
        }
        let errorResponse = jsonResponse(ref("Error"), "请求有误或对象不存在")
        func query(_ name: String, _ description: String, _ schema: [String: Any]) -> [String: Any] {
            ["name": name, "in": "query", "required": false, "description": description, "schema": schema]
        }
        let item = object([
            "id": ["type": "string", "format": "uuid"], "indexNumber": string, "title": string, "organisationId": ["type": "integer"],
            "organisation": string, "documentNumber": string, "writtenOn": date, "publishedOn": date,
            "kind": ["type": "string", "enum": InformationKind.allCases.map(\.rawValue)], "kindLabel": string, "genre": string,
            "topic": string, "keywords": string, "summary": string,
            "validity": ["type": "string", "enum": Validity.allCases.map(\.rawValue)], "validityLabel": string,
            "effectiveOn": ["type": "string", "format": "date", "nullable": true], "expiresOn": ["type": "string", "format": "date", "nullable": true],
            "columns": ["type": "array", "items": string], "url": ["type": "string", "format": "uri"],
            "bodyHtml": ["type": "string", "nullable": true, "description": "正文（已净化的 HTML），仅单条查询返回"],
        ], required: ["id", "indexNumber", "title", "organisationId", "organisation", "writtenOn", "publishedOn", "kind", "validity", "columns", "url"])
        var doc: [String: Any] = [
            "openapi": "3.0.3",
            "info": ["title": "Gongkai 政府信息公开 只读接口", "version": "1.0.0",
                     "description": "只返回已发布的主动公开信息。日期为北京时间的日期（YYYY-MM-DD）。"],
            "servers": [["url": serverURL]],
            "paths": [
                "/organisations": ["get": [
                    "summary": "机构列表", "operationId": "listOrganisations",
                    "responses": ["200": jsonResponse(["type": "array", "items": ref("Organisation")], "全部启用的机构")],
                ]],
                "/organisations/{organisationId}/columns": ["get": [
                    "summary": "机构的法定主动公开内容栏目", "operationId": "listColumns",
                    "parameters": [["name": "organisationId", "in": "path", "required": true, "schema": ["type": "integer"]]],
                    "responses": ["200": jsonResponse(["type": "array", "items": ref("Column")], "栏目"), "404": errorResponse],
                ]],
                "/items": ["get": [
                    "summary": "公开信息列表（新发布的在前）", "operationId": "listItems",
                    "parameters": [
                        query("org", "发布机构编号", ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]),
                        query("organisation", "发布机构编号（旧参数名，同 org）", ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]),
                        query("kind", "信息类别", ["type": "string", "enum": InformationKind.allCases.map(\.rawValue)]),
                        query("validity", "有效性", ["type": "string", "enum": Validity.allCases.map(\.rawValue)]),
                        query("column", "栏目代码", string),
                        query("from", "成文日期起", date), query("to", "成文日期止", date),
                        query("page", "页码，从1开始", ["type": "integer", "minimum": 1, "maximum": Paging.maxPage, "default": 1]),
                        query("per_page", "每页条数", ["type": "integer", "minimum": 1, "maximum": PublicAPIRoutes.maxPerPage, "default": 20]),
                    ],
                    "responses": ["200": jsonResponse(ref("ItemPage"), "一页信息"), "400": errorResponse],
                ]],
                "/search": ["get": [
                    "summary": "全文搜索公开信息（多个词须全部出现；引号内为短语）", "operationId": "search",
                    "parameters": [
                        ["name": "q", "in": "query", "required": true, "description": "搜索文字，最多100字", "schema": ["type": "string", "minLength": 1, "maxLength": 100]],
                        query("org", "发布机构编号", ["type": "integer", "minimum": 1, "maximum": Int(Int32.max)]),
                        query("kind", "信息类别", ["type": "string", "enum": InformationKind.allCases.map(\.rawValue)]),
                        query("validity", "有效性", ["type": "string", "enum": Validity.allCases.map(\.rawValue)]),
                        query("from", "成文年份起", ["type": "integer", "minimum": 1949, "maximum": 2100]), query("to", "成文年份止", ["type": "integer", "minimum": 1949, "maximum": 2100]),
                        query("page", "页码，从1开始", ["type": "integer", "minimum": 1, "maximum": Paging.maxPage, "default": 1]),
                        query("per_page", "每页条数", ["type": "integer", "minimum": 1, "maximum": PublicAPIRoutes.maxPerPage, "default": 20]),
                    ],
                    "responses": ["200": jsonResponse(ref("SearchPage"), "一页结果：匹配不超过1000条时相关度高的在前，否则按发布时间从新到旧"), "400": errorResponse],
                ]],
                "/items/{itemId}": ["get": [
                    "summary": "单条公开信息（含正文）", "operationId": "getItem",
                    "parameters": [["name": "itemId", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]],
                    "responses": ["200": jsonResponse(ref("Item"), "信息"), "404": errorResponse],
                ]],
            ],
            "components": ["schemas": [
                "Organisation": object([
                    "id": ["type": "integer"], "name": string, "shortName": string,
                    "kind": ["type": "string", "enum": OrganisationKind.allCases.map(\.rawValue)], "kindLabel": string,
                    "parentId": ["type": "integer", "nullable": true], "creditCode": ["type": "string", "nullable": true],
                ], required: ["id", "name", "shortName", "kind", "kindLabel"]),
                "Column": object(["key": string, "label": string, "basis": string], required: ["key", "label", "basis"]),
                "Item": item,
                "ItemPage": object([
                    "items": ["type": "array", "items": ref("Item")], "page": ["type": "integer"], "perPage": ["type": "integer"],
                    "total": ["type": "integer"],
                ], required: ["items", "page", "perPage", "total"]),
                "SearchPage": object([
                    "query": string, "total": ["type": "integer"],
                    "totalExact": ["type": "boolean", "description": "为 false 时匹配数多于 total：结果为按发布时间从新到旧的 total 条（标题含检索词的在前），不按相关度排序"],
                    "page": ["type": "integer"], "perPage": ["type": "integer"],
                    "results": ["type": "array", "items": object(["item": ref("Item"), "snippet": string], required: ["item", "snippet"])],
                ], required: ["query", "total", "totalExact", "page", "perPage", "results"]),
                "Error": object(["error": string, "message": string, "reference": string], required: ["error", "message"]),
            ]],
        ]
        // Other capabilities' paths and schemas join the document.
        var paths = doc["paths"] as? [String: Any] ?? [:]
        var components = doc["components"] as? [String: Any] ?? [:]
        var schemas = components["schemas"] as? [String: Any] ?? [:]
        for c in contributions {
            let part = c.build()
            paths.merge(part.paths) { a, _ in a }
            schemas.merge(part.schemas) { a, _ in a }
        }
        components["schemas"] = schemas
        doc["paths"] = paths
        doc["components"] = components
        return (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
