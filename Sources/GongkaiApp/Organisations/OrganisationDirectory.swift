import FluentKit
import Foundation
import GongkaiDomain

/// Creating, changing, moving and deactivating organisations, each change audited in the same
/// transaction. Used by the back office, the demo loader and the command line.
struct OrganisationDirectory: Sendable {
    let services: AppServices

    typealias Failure = DeskFailure

    func create(_ input: OrganisationInput, parent: Organisation?, actor: AuditActor) async throws -> Organisation {
        if let problem = input.kind.placementProblem(parent: parent?.kind) { throw Failure.invalid(["kind": problem]) }
        try await checkCreditCodeUnique(input.creditCode, except: nil)
        let audit = services.audit
        return try await services.db.transaction { db in
            let o = Organisation()
            input.apply(to: o)
            o.parentID = try parent?.requireID()
            o.path = "/"
            o.isActive = true
            try await o.create(on: db)
            let id = try o.requireID()
            o.path = (parent?.ancestry.appending(id) ?? OrganisationPath(ids: [id])).description
            try await o.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: id, entity: .organisation, entityID: String(id),
                                   action: "新建", changes: FieldChange.diff(before: [:], after: o.auditSnapshot))
            return o
        }
    }

    func update(_ o: Organisation, with input: OrganisationInput, actor: AuditActor) async throws {
        var parent: Organisation?
        if let pid = o.parentID { parent = try await Organisation.find(pid, on: services.db) }
        if let problem = input.kind.placementProblem(parent: parent?.kind) { throw Failure.invalid(["kind": problem]) }
        if input.kind != o.kind {
            let children = try await Organisation.query(on: services.db).filter(\.$parentID == o.id).all()
            if let bad = children.first(where: { $0.kind.placementProblem(parent: input.kind) != nil }) {
                throw Failure.invalid(["kind": "下级机构“\(bad.name)”不能归属于“\(input.kind.label)”，请先移动下级机构"])
            }
        }
        try await checkCreditCodeUnique(input.creditCode, except: o.id)
        let before = o.auditSnapshot
        input.apply(to: o)
        let changes = FieldChange.diff(before: before, after: o.auditSnapshot)
        guard !changes.isEmpty else { return }
        let audit = services.audit
        try await services.db.transaction { db in
            try await o.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: o.id, entity: .organisation,
                                   entityID: String(o.id ?? 0), action: "修改", changes: changes)
        }
    }

    /// Moves `o` (with its subtree) under `newParent`.
    func move(_ o: Organisation, under newParent: Organisation, actor: AuditActor) async throws {
        if let problem = OrganisationPath.moveProblem(node: o.ancestry, newParent: newParent.ancestry) {
            throw Failure.invalid(["parent_id": problem])
        }
        if let problem = o.kind.placementProblem(parent: newParent.kind) { throw Failure.invalid(["parent_id": problem]) }
        let oldRoot = o.ancestry
        let newRoot = newParent.ancestry.appending(try o.requireID())
        let oldParent = o.parentID
        let audit = services.audit
        try await services.db.transaction { db in
            let subtree = try await Organisation.query(on: db).filter(\.$path =~ oldRoot.description).all()
            for node in subtree {
                guard let rebased = node.ancestry.rebased(from: oldRoot, to: newRoot) else { continue }
                node.path = rebased.description
                if node.id == o.id { node.parentID = newParent.id }
                try await node.update(on: db)
            }
            o.parentID = newParent.id
            o.path = newRoot.description
            try await audit.record(on: db, actor: actor, organisationID: o.id, entity: .organisation, entityID: String(o.id ?? 0),
                                   action: "移动", changes: [FieldChange(field: "parent_id", before: oldParent.map(String.init),
                                                                          after: newParent.id.map(String.init))])
        }
    }

    /// Organisations are never deleted: deactivation hides them from the portal and from new work.
    func setActive(_ o: Organisation, _ active: Bool, actor: AuditActor) async throws {
        guard o.isActive != active else { return }
        if !active {
            let activeChildren = try await Organisation.query(on: services.db)
                .filter(\.$parentID == o.id).filter(\.$isActive == true).count()
            if activeChildren > 0 {
                throw Failure.invalid(["active": "该机构还有\(activeChildren)个启用中的下级机构，请先停用或移走下级机构"])
            }
        }
        let audit = services.audit
        try await services.db.transaction { db in
            o.isActive = active
            try await o.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: o.id, entity: .organisation, entityID: String(o.id ?? 0),
                                   action: active ? "启用" : "停用",
                                   changes: [FieldChange(field: "is_active", before: active ? "否" : "是", after: active ? "是" : "否")])
        }
    }

    private func checkCreditCodeUnique(_ code: String?, except id: Int?) async throws {
        guard let code else { return }
        var q = Organisation.query(on: services.db).filter(\.$creditCode == code)
        if let id { q = q.filter(\.$id != id) }
        if let other = try await q.first() {
            throw Failure.invalid(["credit_code": "该统一社会信用代码已被“\(other.name)”使用"])
        }
    }
}
