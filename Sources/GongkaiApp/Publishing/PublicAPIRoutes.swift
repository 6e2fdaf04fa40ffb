import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Read-only JSON API `/api/v1`: organisations, columns and public items (the same rule as the
/// public pages: published 主动公开 only), with an OpenAPI 3 description at `/api/v1/openapi.json`.
enum PublicAPIRoutes {
    static let maxPerPage = 100

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        let base = services.config.publicBase

        router.get("/api/v1/openapi.json") { _, _ -> Response in
            json(OpenAPIDocument.data(serverURL: base + "/api/v1", contributions: services.capabilities.compactMap(\.openAPI)))
        }

        router.get("/api/v1/organisations") { _, _ -> Response in
            let orgs = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map { e in
                PublicAPIDTO.Organisation(id: e.node.id ?? 0, name: e.node.name, shortName: e.node.shortName, kind: e.node.kind.rawValue,
                                          kindLabel: e.node.kind.label, parentId: e.node.parentID, creditCode: e.node.creditCode)
            }
            return try json(orgs)
        }

        router.get("/api/v1/organisations/:org/columns") { _, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            return try json(DisclosureColumn.columns(for: org.kind).map { PublicAPIDTO.Column(key: $0.key, label: $0.label, basis: $0.basis) })
        }

        router.get("/api/v1/items") { request, _ -> Response in
            let qp = request.query
            try rejectUnknown(qp, allowed: itemParameters)
            var q = ItemQueries.publicItems(on: services.db)
            // `org` as in /api/v1/search; `organisation` is the older name, still accepted.
            let orgKey = qp.has("org") ? "org" : "organisation"
            if let id = try qp.optionalInteger(orgKey, in: 1...Int(Int32.max), label: "\(orgKey)（机构编号）") {
                q = q.filter(\.$organisationID == id)
            }
            if let raw = qp.get("kind") {
                guard InformationKind(rawValue: raw) != nil else {
                    throw bad("kind 应为 \(InformationKind.allCases.map(\.rawValue).joined(separator: "、")) 之一")
                }
                q = q.filter(\.$kind == raw)
            }
            if let raw = qp.get("validity") {
                guard Validity(rawValue: raw) != nil else { throw bad("validity 应为 \(Validity.allCases.map(\.rawValue).joined(separator: "、")) 之一") }
                q = q.filter(\.$validity == raw)
            }
            if let raw = qp.get("column") {
                guard raw.allSatisfy({ $0.isASCII && $0.isLetter }), raw.count <= 10 else { throw bad("column 应为栏目代码，如 zcwj") }
                q = q.filter(\.$columns ~~ " \(raw) ")
            }
            for (name, op) in [("from", ">="), ("to", "<=")] {
                guard let raw = qp.get(name) else { continue }
                guard let d = CivilDate(iso: raw) else { throw bad("\(name) 应为日期，如 2026-01-31") }
                q = op == ">=" ? q.filter(\.$writtenOn >= d.description) : q.filter(\.$writtenOn <= d.description)
            }
            let page = try qp.page()
            let perPage = try qp.integer("per_page", in: 1...maxPerPage, fallback: 20)
            let total = try await q.count()
            let items = try await q.sort(\.$publishedAt, .descending).range(Paging.window(page: page, perPage: perPage)).all()
            let names = try await organisationNames(services)
            return try json(PublicAPIDTO.ItemPage(
                items: items.map { PublicAPIDTO.item($0, organisationName: names[$0.organisationID] ?? "", baseURL: base, withBody: false, today: services.clock.today()) },
                page: page, perPage: perPage, total: total))
        }

        router.get("/api/v1/items/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: UUID.self),
                  let item = try await ItemQueries.publicItems(on: services.db).filter(\.$id == id).first() else {
                throw UserFacingError(status: .notFound, message: "没有这条公开信息。")
            }
            let names = try await organisationNames(services)
            return try json(PublicAPIDTO.item(item, organisationName: names[item.organisationID] ?? "", baseURL: base, withBody: true, today: services.clock.today()))
        }
    }

    static func bad(_ message: String) -> UserFacingError { UserFacingError(status: .badRequest, message: message) }

    static let itemParameters: Set<String> = ["org", "organisation", "kind", "validity", "column", "from", "to", "page", "per_page"]
    static let searchParameters: Set<String> = ["q", "org", "kind", "topic", "validity", "from", "to", "page", "per_page"]

    /// A misspelt parameter is an error, not silently a different answer.
    static func rejectUnknown(_ query: FormData, allowed: Set<String>) throws {
        if let unknown = query.fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw bad("不支持的参数“\(unknown.prefix(40))”；可用参数：\(allowed.sorted().joined(separator: "、"))")
        }
    }

    static func organisationNames(_ services: AppServices) async throws -> [Int: String] {
        let orgs = try await Organisation.query(on: services.db).all()
        return Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(try encoder.encode(value))
    }

    static func json(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.accessControlAllowOrigin] = "*"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
