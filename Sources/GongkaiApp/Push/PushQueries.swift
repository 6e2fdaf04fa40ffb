import FluentKit
import Foundation
import GongkaiDomain

/// Reads for 政策服务直通车 without HTTP: the matcher over the organisation tree, the confirmed
/// audience of items, the policies that match an interest (feeds, embeds, screens), the regions a
/// subscriber can choose, reach figures.
enum PushQueries {
    /// How many of the newest public items feeds, fragments and 政策包 look through.
    static let window = 400

    static func displayName(_ o: Organisation) -> String { o.shortName.nonEmpty ?? o.name }

    /// The government at the top of the tree (the site's own), for records that belong to no one
    /// organisation: subscriptions and their mail.
    static func governmentID(_ services: AppServices) async throws -> Int {
        try await Organisation.query(on: services.db).filter(\.$parentID == nil).sort(\.$sortOrder).sort(\.$id).first()?.id ?? 0
    }

    static func matcher(_ services: AppServices) async throws -> PolicyMatcher {
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
        var ancestry: [Int: [Int]] = [:], names: [Int: String] = [:]
        for o in orgs {
            guard let id = o.id else { continue }
            ancestry[id] = o.ancestry.ids.reversed()
            names[id] = displayName(o)
        }
        return PolicyMatcher(ancestry: ancestry, names: names, columnLabels: columnLabels)
    }

    static let columnLabels: [String: String] = {
        var out: [String: String] = [:]
        for c in DisclosureColumn.article20 + DisclosureColumn.article21County + DisclosureColumn.article21Township { out[c.key] = c.label }
        return out
    }()

    /// Townships, 街道, villages and communities, each with its parent's name for the form.
    static func regions(_ services: AppServices) async throws -> [(id: Int, label: String)] {
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
        let byID = Dictionary(orgs.compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let places: [OrganisationKind] = [.townshipGovernment, .subdistrictOffice, .villageCommittee, .residentsCommittee]
        return orgs.filter { places.contains($0.kind) }.sorted { $0.ancestry.description < $1.ancestry.description }.compactMap { o in
            guard let id = o.id else { return nil }
            if o.kind.isAdministrativeOrgan { return (id, displayName(o)) }
            let parent = o.parentID.flatMap { byID[$0] }.map(displayName) ?? ""
            return (id, "\(parent) · \(displayName(o))")
        }
    }

    /// Confirmed audiences of the given items.
    static func confirmedAudiences(of ids: [UUID], on db: any Database) async throws -> [UUID: Audience] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: Audience] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            for t in try await AudienceTag.query(on: db).filter(\.$targetKind == AudienceTag.Target.item.rawValue)
                .filter(\.$targetID ~~ chunk.map(\.uuidString)).filter(\.$confirmedAt != nil).all() {
                if let id = UUID(uuidString: t.targetID) { out[id] = t.audience }
            }
        }
        return out
    }

    static func subject(_ item: InformationItem, audience: Audience) -> PolicyMatcher.Subject {
        PolicyMatcher.Subject(title: item.title, text: [item.summary, item.keywords, item.topic].joined(separator: "\n"),
                              organisationID: item.organisationID, columns: item.columnKeys, audience: audience)
    }

    /// The newest public items that concern `interest`, with why.
    static func matching(_ services: AppServices, _ interest: PushInterest, limit: Int) async throws -> [(item: InformationItem, reasons: [PushReason])] {
        let items = try await ItemQueries.publicItems(on: services.db).sort(\.$publishedAt, .descending).limit(window).all()
        let audiences = try await confirmedAudiences(of: items.compactMap(\.id), on: services.db)
        let matcher = try await matcher(services)
        var out: [(item: InformationItem, reasons: [PushReason])] = []
        for i in items {
            let r = matcher.reasons(for: interest, subject: subject(i, audience: audiences[i.id!] ?? Audience()))
            if !r.isEmpty { out.append((i, r)) }
            if out.count >= limit { break }
        }
        return out
    }

    /// Counts a fetch of a feed (no address, no cookie: a number).
    static func countFetch(_ key: String, on db: any Database) async {
        do {
            if let c = try await PushFeedCount.query(on: db).filter(\.$feedKey == key).first() {
                try await PushFeedCount.query(on: db).filter(\.$id == c.requireID()).set(\.$fetches, to: c.fetches + 1).update()
            } else {
                let c = PushFeedCount()
                c.id = UUID(); c.feedKey = key; c.fetches = 1
                try await c.create(on: db)
            }
        } catch {
            // A lost count (two first fetches at once) is not worth failing the feed for.
        }
    }

    static func fetches(_ key: String, on db: any Database) async throws -> Int {
        try await PushFeedCount.query(on: db).filter(\.$feedKey == key).first()?.fetches ?? 0
    }

    struct Reach: Sendable {
        let matched: Int
        let sent: Int
        let webhooks: Int
    }

    /// Per item: subscribers matched, messages sent, webhook deliveries made (over all its notices).
    static func reach(ofItem id: UUID, on db: any Database) async throws -> Reach {
        let notices = try await PushNotice.query(on: db).filter(\.$itemID == id).all().compactMap(\.id)
        guard !notices.isEmpty else { return Reach(matched: 0, sent: 0, webhooks: 0) }
        let deliveries = try await PushDelivery.query(on: db).filter(\.$noticeID ~~ notices).all()
        let hooks = try await WebhookDelivery.query(on: db).filter(\.$noticeID ~~ notices).filter(\.$deliveredAt != nil).count()
        return Reach(matched: Set(deliveries.map(\.subscriberID)).count, sent: deliveries.filter { $0.sentAt != nil }.count, webhooks: hooks)
    }
}
