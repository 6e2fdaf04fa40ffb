import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's standard catalogues (Resources/demo/catalogues.json, restating the example
/// rows of practice.md §1.4): 社会救助, 涉农补贴 and 重大建设项目 for the responsible departments,
/// and the 乡级 rows for two towns; one published item linked to the row it fulfils.
struct DemoCatalogues: Sendable {
    struct File: Decodable {
        struct Catalogue: Decodable {
            let org: String
            let domain: String
            let rows: [Row]
        }

        struct Row: Decodable {
            let level1: String
            let level2: String
            let content: String
            let basis: String
            let timeLimit: String
            let subject: String
            let channels: [String]
            let levels: [String]
        }

        struct Link: Decodable {
            let title: String
            let org: String
            let domain: String
            let position: Int
        }

        let townships: [String]
        let catalogues: [Catalogue]
        let links: [Link]
    }

    let services: AppServices

    func load(organisations byKey: [String: Organisation]) async throws {
        let file = try ResourceFiles.demo("catalogues.json", as: File.self)
        let store = CatalogueStore(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        for c in file.catalogues {
            guard let org = byKey[c.org] else { continue }
            let rows = c.rows.map { r -> CatalogueRow in
                var row = CatalogueRow()
                row.level1 = r.level1; row.level2 = r.level2; row.content = r.content; row.basis = r.basis
                row.timeLimit = r.timeLimit; row.subject = r.subject; row.channels = r.channels; row.levels = r.levels
                return row
            }
            try await store.replace(org: org.id!, domain: c.domain, with: rows, actor: actor, source: "（演示目录）")
            try await store.approve(org.id!, c.domain, approverID: nil, actor: actor)
            let township = rows.filter { $0.levels.contains("乡级") }.map { r -> CatalogueRow in var x = r; x.levels = ["乡级"]; return x }
            for key in file.townships {
                guard let town = byKey[key], !township.isEmpty else { continue }
                try await store.replace(org: town.id!, domain: c.domain, with: township, actor: actor, source: "（复制自\(org.name)）")
                try await store.approve(town.id!, c.domain, approverID: nil, actor: actor)
            }
        }
        for l in file.links {
            guard let org = byKey[l.org],
                  let item = try await InformationItem.query(on: services.db).filter(\.$title == l.title).first(),
                  let row = try await store.rows(org.id!, l.domain).first(where: { $0.position == l.position }) else { continue }
            let link = ItemCatalogueLink()
            link.id = UUID()
            link.itemID = try item.requireID()
            link.catalogueItemID = try row.requireID()
            try await link.create(on: services.db)
        }
    }
}
