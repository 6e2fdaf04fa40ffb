import FluentKit
import Foundation
import GongkaiDomain

/// Compiles a new edition from the guides published now by the organisation and those below it.
struct GuideBookDesk: Sendable {
    let services: AppServices

    func compile(for org: Organisation, actor: AuditActor) async throws -> GuideBookEdition {
        let orgID = try org.requireID()
        let all = try await ServiceGuideQueries.published(services)
        let orgs = try await Organisation.query(on: services.db).all()
        let byID = Dictionary(orgs.compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let mine = all.filter { byID[$0.guide.organisationID]?.ancestry.ids.contains(orgID) ?? false }
            .sorted { ($0.guide.organisationID, $0.content.name) < ($1.guide.organisationID, $1.content.name) }
        guard !mine.isEmpty else { throw DeskFailure.refused("本机关及下属单位还没有公开的办事指南") }
        let entries = mine.map { GuideBookEdition.Entry(id: $0.guide.id!.uuidString, name: $0.content.name, version: $0.guide.version,
                                                        organisation: byID[$0.guide.organisationID]?.name ?? "", content: $0.content) }
        let previous = try await GuideBookEdition.query(on: services.db).filter(\.$organisationID == orgID).sort(\.$edition, .descending).first()
        let changes = GuideBook.changes(from: (previous?.snapshot ?? []).map { ($0.id, $0.name, $0.version) }, to: entries.map { ($0.id, $0.name, $0.version) })
        var lines: [String] = []
        if previous == nil { lines.append("首次编印") } else if changes.isEmpty { lines.append("与上一版相比没有变化") }
        if !changes.added.isEmpty { lines.append("新增：" + changes.added.joined(separator: "、")) }
        if !changes.revised.isEmpty { lines.append("更新：" + changes.revised.joined(separator: "、")) }
        if !changes.removed.isEmpty { lines.append("删除：" + changes.removed.joined(separator: "、")) }
        let e = GuideBookEdition()
        e.id = UUID(); e.organisationID = orgID; e.edition = (previous?.edition ?? 0) + 1; e.builtOn = services.clock.today().description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        e.snapshotJSON = String(decoding: try encoder.encode(entries), as: UTF8.self)
        e.changes = lines.joined(separator: "\n"); e.createdAt = services.clock.now()
        try await services.db.transaction { tx in
            try await e.create(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: orgID, entity: .serviceGuide, entityID: "办事一本通第\(e.edition)版",
                                            action: "编印办事一本通", changes: [.init(field: "guides", before: nil, after: String(entries.count))])
        }
        return e
    }
}
