import FluentKit
import Foundation
import GongkaiDomain

/// Audience attributes on items and guides: the officer saves (or accepts the suggestion), a
/// reviewer confirms; only confirmed attributes are used for matching. Confirming a published
/// item's attributes matches its notices again, so nobody concerned is left out.
struct AudienceDesk: Sendable {
    let services: AppServices
    static let editors: Set<StaffRole> = [.informationOfficer, .reviewer, .disclosureOfficeAdministrator]
    static let confirmers: Set<StaffRole> = [.reviewer, .disclosureOfficeAdministrator]

    func tag(_ target: AudienceTag.Target, _ id: String) async throws -> AudienceTag? {
        try await AudienceTag.query(on: services.db).filter(\.$targetKind == target.rawValue).filter(\.$targetID == id).first()
    }

    /// The suggestion for an item: its words and columns, and its publisher's area when that is a
    /// township or village.
    func suggestion(for item: InformationItem) async throws -> Audience {
        let org = try await Organisation.find(item.organisationID, on: services.db)
        let local: [OrganisationKind] = [.townshipGovernment, .subdistrictOffice, .villageCommittee, .residentsCommittee]
        let region = org.flatMap { local.contains($0.kind) ? $0.id : nil }
        let columns = item.columnKeys.compactMap { PushQueries.columnLabels[$0] }.joined(separator: " ")
        let text = [item.title, item.summary, item.keywords, item.topic, columns, String(HTMLSanitizer.plainText(item.bodyHTML).prefix(2000))].joined(separator: "\n")
        var a = AudienceSuggester(vocabulary: services.config.audienceVocabulary).suggest(text: text, region: region)
        // The confirmed audience of the 标准目录 rows the item is filed under adds to it.
        let rows = try await ItemCatalogueLink.query(on: services.db).filter(\.$itemID == item.requireID()).all().map(\.catalogueItemID.uuidString)
        if !rows.isEmpty {
            for t in try await AudienceTag.query(on: services.db).filter(\.$targetKind == AudienceTag.Target.catalogueRow.rawValue)
                .filter(\.$targetID ~~ rows).filter(\.$confirmedAt != nil).all() {
                let r = t.audience
                a = Audience(regions: a.regions + r.regions, groups: a.groups + r.groups, lifeEvents: a.lifeEvents + r.lifeEvents,
                             industries: a.industries + r.industries, sizes: a.sizes + r.sizes, parks: a.parks + r.parks)
            }
            a = a.normalised(services.config.audienceVocabulary)
        }
        return a
    }

    /// Saves the attributes; `confirm` (a reviewer's) makes them count.
    @discardableResult
    func save(_ audience: Audience, for target: AudienceTag.Target, id: String, organisationID: Int, confirm: Bool, actor: AuditActor) async throws -> AudienceTag {
        let now = services.clock.now()
        let a = audience.normalised(services.config.audienceVocabulary)
        let existing = try await tag(target, id)
        let t = existing ?? AudienceTag()
        let before = existing?.audienceJSON
        if existing == nil { t.id = UUID(); t.targetKind = target.rawValue; t.targetID = id; t.organisationID = organisationID }
        t.audience = a
        t.updatedAt = now
        if confirm { t.confirmedAt = now; t.confirmedBy = actor.name } else if before != t.audienceJSON { t.confirmedAt = nil; t.confirmedBy = nil }
        try await services.db.transaction { tx in
            if existing == nil { try await t.create(on: tx) } else { try await t.update(on: tx) }
            try await services.audit.record(on: tx, actor: actor, organisationID: organisationID, entity: .audience, entityID: "\(target.rawValue):\(id)",
                                            action: confirm ? "确认受众" : "标注受众", changes: [.init(field: "audience", before: before, after: t.audienceJSON)])
        }
        if confirm, target == .item, let itemID = UUID(uuidString: id), let item = try await InformationItem.find(itemID, on: services.db) {
            let dispatcher = PushDispatcher(services: services)
            let notices = try await PushNotice.query(on: services.db).filter(\.$itemID == itemID).all()
            if !notices.isEmpty {
                let matching = try await dispatcher.matching()
                for n in notices { try await dispatcher.fanOut(n, item: item, now: now, matching: matching) }
            }
        }
        return t
    }
}
