import FluentKit
import Foundation
import GongkaiDomain

/// One domain (领域) of the county's catalogues and the unit responsible for it (the work plan's 附件1).
final class CatalogueDomainRecord: Model, @unchecked Sendable {
    static let schema = "catalogue_domains"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// As the plan names it; `responsibleOrganisationID` links it to an organisation of the site when known.
    @Field(key: "responsible_name") var responsibleName: String
    @OptionalField(key: "responsible_organisation_id") var responsibleOrganisationID: Int?
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool

    init() {}
}

/// The county's list of domains: read by every catalogue page, edited by the county office.
struct CatalogueDomainStore: Sendable {
    let services: AppServices

    enum Failure: Error { case invalid([String: String]) }

    /// Every domain, in the county's order (inactive ones too: their catalogues stay readable).
    func all() async throws -> [CatalogueDomainRecord] {
        try await CatalogueDomainRecord.query(on: services.db).sort(\.$position).sort(\.$name).all()
    }

    func active() async throws -> [CatalogueDomainRecord] {
        try await all().filter(\.active)
    }

    func named(_ name: String) async throws -> CatalogueDomainRecord? {
        try await CatalogueDomainRecord.query(on: services.db).filter(\.$name == name).first()
    }

    /// Position of each domain name, for sorting.
    func order() async throws -> [String: Int] {
        Dictionary(try await all().map { ($0.name, $0.position) }, uniquingKeysWith: { a, _ in a })
    }

    /// Adds a domain at the end of the list.
    func add(name raw: String, responsibleName: String, responsibleOrganisationID: Int?, actor: AuditActor) async throws {
        let name = raw.trimmingSpaces()
        var errors: [String: String] = [:]
        if name.isEmpty { errors["name"] = "请填写领域名称" } else if name.count > 30 { errors["name"] = "领域名称不能超过30个字" }
        else if name.contains("/") || name.contains("?") || name.contains("#") { errors["name"] = "领域名称不能包含 / ? # 符号" }
        else if try await named(name) != nil { errors["name"] = "已有名为“\(name)”的领域" }
        if responsibleName.count > 100 { errors["responsible_name"] = "牵头单位名称不能超过100个字" }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let last = try await all().map(\.position).max() ?? 0
        let d = CatalogueDomainRecord()
        d.id = UUID()
        d.name = name
        d.responsibleName = responsibleName.trimmingSpaces()
        d.responsibleOrganisationID = responsibleOrganisationID
        d.position = last + 1
        d.active = true
        let audit = services.audit
        try await services.db.transaction { db in
            try await d.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .catalogueDomain, entityID: name, action: "新增",
                                   changes: [.init(field: "responsible", before: nil, after: d.responsibleName)])
        }
    }

    /// Changes the responsible unit and whether the domain is offered for new catalogues. A domain is
    /// never renamed: catalogues refer to it by name.
    func update(_ d: CatalogueDomainRecord, responsibleName: String, responsibleOrganisationID: Int?, active: Bool,
                actor: AuditActor) async throws {
        guard responsibleName.count <= 100 else { throw Failure.invalid(["responsible_name": "牵头单位名称不能超过100个字"]) }
        let before = "\(d.responsibleName)\(d.active ? "" : "（停用）")"
        d.responsibleName = responsibleName.trimmingSpaces()
        d.responsibleOrganisationID = responsibleOrganisationID
        d.active = active
        let audit = services.audit
        try await services.db.transaction { db in
            try await d.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .catalogueDomain, entityID: d.name, action: "修改",
                                   changes: [.init(field: "responsible", before: before, after: "\(d.responsibleName)\(active ? "" : "（停用）")")])
        }
    }
}
