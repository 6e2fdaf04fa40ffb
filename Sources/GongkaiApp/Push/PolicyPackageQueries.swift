import FluentKit
import Foundation
import GongkaiDomain

/// What a 政策包 holds today and what its 明白卡 says: policies in force that fit its audience
/// (plus the office's picks, plus their interpretations), the guides it names or that fit, and
/// its contacts. Computed when read, so the package keeps itself current.
enum PolicyPackageQueries {
    struct Contents: Sendable {
        let policies: [(item: InformationItem, reasons: [PushReason])]
        let interpretations: [InformationItem]
        let guides: [ServiceGuideQueries.Listed]
    }

    static func href(_ p: PolicyPackage) -> String { "/zhitongche/packages/\(p.id!.uuidString)" }
    static func cardHref(_ p: PolicyPackage, region: Int) -> String { "/zhitongche/packages/\(p.id!.uuidString)/card/\(region)" }

    static func published(_ services: AppServices) async throws -> [PolicyPackage] {
        let names = try await OrganisationQueries.activeNames(services)
        return try await PolicyPackage.query(on: services.db).filter(\.$publishedAt != nil).sort(\.$name).all().filter { names[$0.organisationID] != nil }
    }

    static func publicPackage(_ raw: String?, _ services: AppServices) async throws -> PolicyPackage? {
        guard let raw, let id = UUID(uuidString: raw), let p = try await PolicyPackage.find(id, on: services.db), p.publishedAt != nil,
              try await OrganisationQueries.activeNames(services)[p.organisationID] != nil else { return nil }
        return p
    }

    /// `region`: a 明白卡's township or village; policies aimed elsewhere are left out.
    static func contents(_ p: PolicyPackage, region: Int? = nil, _ services: AppServices) async throws -> Contents {
        var audience = p.audience
        if let region { audience.regions = [region] }
        let interest = PushInterest(audience: audience)
        let today = services.clock.today()
        let window = try await ItemQueries.publicItems(on: services.db).sort(\.$publishedAt, .descending).limit(PushQueries.window).all()
        let picked = try await ItemQueries.publicItems(p.pickedItems, on: services.db)
        let audiences = try await PushQueries.confirmedAudiences(of: (window + picked).compactMap(\.id), on: services.db)
        let matcher = try await PushQueries.matcher(services)
        var policies: [(item: InformationItem, reasons: [PushReason])] = []
        var seen = Set<UUID>()
        for i in picked + window where !seen.contains(i.id!) {
            guard i.kindValue != .interpretation, !i.currentValidity(today: today).isEnded else { continue }
            let subject = PushQueries.subject(i, audience: audiences[i.id!] ?? Audience())
            let reasons = matcher.reasons(for: interest, subject: subject)
            let isPick = p.pickedItems.contains(i.id!)
            // A pick stays in the package unless a card's region rules it out.
            if isPick, let region, !(audiences[i.id!]?.regions.isEmpty ?? true),
               matcher.reasons(for: PushInterest(audience: Audience(regions: [region])), subject: subject).isEmpty { continue }
            guard isPick || !reasons.isEmpty else { continue }
            seen.insert(i.id!)
            policies.append((i, reasons))
            if policies.count >= 60 { break }
        }
        let ids = policies.map { $0.item.id! }
        let interpretations = ids.isEmpty ? [] : try await ItemQueries.publicItems(on: services.db).filter(\.$interpretsID ~~ ids)
            .sort(\.$publishedAt, .descending).all()
        let guideTags = try await AudienceTag.query(on: services.db).filter(\.$targetKind == AudienceTag.Target.guide.rawValue)
            .filter(\.$confirmedAt != nil).all()
        let fitting = Set(guideTags.filter { t in
            !matcher.reasons(for: interest, subject: .init(title: "", text: "", organisationID: t.organisationID, columns: [], audience: t.audience)).isEmpty
        }.compactMap { UUID(uuidString: $0.targetID) })
        let guides = try await ServiceGuideQueries.published(services).filter { p.pickedGuides.contains($0.guide.id!) || fitting.contains($0.guide.id!) }
        return Contents(policies: policies, interpretations: interpretations, guides: guides)
    }
}
