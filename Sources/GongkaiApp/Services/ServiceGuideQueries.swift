import FluentKit
import Foundation
import GongkaiDomain

/// Published guides and 一件事 as the public reads them, and the 一次告知单 rows.
enum ServiceGuideQueries {
    struct Listed: Sendable {
        let guide: ServiceGuide
        let content: ServiceGuideContent
    }

    /// Public guides of active organisations, optionally of one organisation, one kind, or matching words.
    static func published(_ services: AppServices, organisationID: Int? = nil, kind: ServiceKind? = nil,
                          query: SearchQuery? = nil) async throws -> [Listed] {
        let names = try await OrganisationQueries.activeNames(services)
        var q = ServiceGuide.query(on: services.db).filter(\.$publishedJSON != nil).filter(\.$withdrawnAt == nil)
        if let organisationID { q = q.filter(\.$organisationID == organisationID) }
        return try await q.sort(\.$name).limit(3000).all().compactMap { g -> Listed? in
            guard names[g.organisationID] != nil, let c = g.published else { return nil }
            if let kind, c.kind != kind { return nil }
            if let query, !query.isEmpty,
               !ParticipationSearch.matches(.init(title: c.name, text: c.conditions + "\n" + c.materials.map(\.name).joined(separator: " "), href: "", note: ""), query) {
                return nil
            }
            return Listed(guide: g, content: c)
        }
    }

    static func publicGuide(_ id: UUID?, _ services: AppServices) async throws -> Listed? {
        guard let id, let g = try await ServiceGuide.find(id, on: services.db), g.isPublic, let c = g.published,
              try await OrganisationQueries.activeNames(services)[g.organisationID] != nil else { return nil }
        return Listed(guide: g, content: c)
    }

    static func href(_ g: ServiceGuide) -> String { "/banshi/guides/\(g.id!.uuidString)" }

    /// The 一次告知单 of one service as table rows: 序号, 材料, 来源, 份数, 形式, 要求.
    static let materialHeader = ["序号", "申请材料", "来源", "份数", "形式", "要求"]

    static func materialRows(_ materials: [GuideMaterial]) -> [[String]] {
        materials.enumerated().map { [String($0.offset + 1), $0.element.name, $0.element.source.rawValue, String($0.element.copies),
                                      $0.element.medium.rawValue, $0.element.requirement] }
    }
}
