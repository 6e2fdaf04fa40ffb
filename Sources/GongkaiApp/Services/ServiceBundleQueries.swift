import FluentKit
import Foundation
import GongkaiDomain

/// 一件事 as the public reads them: the bundle's published guides in order, combined.
enum ServiceBundleQueries {
    static func href(_ b: ServiceBundle) -> String { "/banshi/events/\(b.id!.uuidString)" }

    static func published(_ services: AppServices) async throws -> [ServiceBundle] {
        let names = try await OrganisationQueries.activeNames(services)
        return try await ServiceBundle.query(on: services.db).filter(\.$publishedAt != nil).sort(\.$name).limit(500).all()
            .filter { names[$0.organisationID] != nil }
    }

    /// The bundle's guides that are public now, in the bundle's order, with the combined checklist.
    static func combined(_ b: ServiceBundle, _ services: AppServices) async throws -> ([ServiceGuideQueries.Listed], LifeEvent.Combined) {
        let names = try await OrganisationQueries.activeNames(services)
        var listed: [ServiceGuideQueries.Listed] = []
        for id in b.guides {
            if let l = try await ServiceGuideQueries.publicGuide(id, services) { listed.append(l) }
        }
        let combined = LifeEvent.combine(listed.map {
            LifeEvent.Service(name: $0.content.name, organisation: names[$0.guide.organisationID] ?? "", materials: $0.content.materials, steps: $0.content.steps)
        })
        return (listed, combined)
    }
}
