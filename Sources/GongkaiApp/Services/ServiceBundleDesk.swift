import FluentKit
import Foundation
import GongkaiDomain

/// 一件事: bundles of published guides, published when made and withdrawn or republished later. Audited.
struct ServiceBundleDesk: Sendable {
    let services: AppServices

    func create(name raw: String, description raw2: String, guides: [UUID], in org: Organisation, actor: AuditActor) async throws -> ServiceBundle {
        let name = raw.trimmingSpaces(), description = raw2.trimmingSpaces()
        var errors: [String: String] = [:]
        if name.isEmpty || name.count > 60 { errors["name"] = "请填写“一件事”的名称（60字以内），如：新生儿出生" }
        if description.count > 2000 { errors["description"] = "说明不能超过2000个字" }
        if guides.count < 2 || Set(guides).count != guides.count { errors["guides"] = "请至少选择两个不同的事项" }
        guard errors.isEmpty else { throw DeskFailure.invalid(errors) }
        let b = ServiceBundle()
        b.id = UUID(); b.organisationID = try org.requireID(); b.name = name; b.description = description
        b.guideIDs = guides.map(\.uuidString).joined(separator: " ")
        b.publishedAt = services.clock.now(); b.createdAt = services.clock.now()
        try await services.db.transaction { tx in
            try await b.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: b.organisationID, entity: .serviceBundle,
                                            entityID: name, action: "发布一件事", changes: [.init(field: "guides", before: nil, after: String(guides.count))])
        }
        return b
    }

    func setPublished(_ b: ServiceBundle, _ publish: Bool, actor: AuditActor) async throws {
        guard (b.publishedAt == nil) == publish else { return }
        b.publishedAt = publish ? services.clock.now() : nil
        try await services.db.transaction { tx in
            try await b.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: b.organisationID, entity: .serviceBundle,
                                            entityID: b.name, action: publish ? "发布一件事" : "撤下一件事")
        }
    }
}
