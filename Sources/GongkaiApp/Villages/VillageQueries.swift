import FluentKit
import Foundation
import GongkaiDomain

/// The public 村（居）务公开 section without HTTP: a township's villages, and one village's section
/// assembled from its own items (by column), its finance tables, the rows of the township's lists
/// that concern it, its matter list and its 监督委员会. Also where a village's figures differ from
/// the township's on the same matter.
enum VillageQueries {
    struct Link: Sendable {
        let title: String
        let href: String
        let note: String
    }

    struct Column: Sendable {
        let label: String
        let items: [Link]
    }

    struct TownshipList: Sendable {
        let title: String
        let href: String
        let tableHTML: String
    }

    struct Matter: Sendable {
        let matter: String
        let content: String
        let timing: String
    }

    struct VillageSection: Sendable {
        let name: String
        let columns: [Column]
        let hasColumns: Bool
        let lists: [TownshipList]
        let hasLists: Bool
        let matters: [Matter]
        let hasMatters: Bool
        let supervisors: String?
        let villageHref: String
    }

    struct TownshipSection: Sendable {
        let villages: [Link]
        let hasVillages: Bool
        var village: VillageSection?
    }

    static func villages(of township: Organisation, _ services: AppServices) async throws -> [Organisation] {
        try await OrganisationQueries.children(of: township.requireID(), on: services.db).filter(\.kind.isVillage)
    }

    static func itemLink(_ i: InformationItem) -> Link {
        Link(title: i.title, href: ParticipationQueries.itemHref(i), note: i.publishedAt.map { SiteClock.day(of: $0).description } ?? "")
    }

    static func township(_ township: Organisation, _ services: AppServices) async throws -> TownshipSection {
        let villages = try await villages(of: township, services)
        var links: [Link] = []
        for v in villages {
            let count = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == v.requireID()).count()
            links.append(Link(title: PushQueries.displayName(v), href: href(township: township, village: v), note: "已公开\(count)条"))
        }
        return TownshipSection(villages: links, hasVillages: !links.isEmpty, village: nil)
    }

    static func href(township: Organisation, village: Organisation) -> String { "/xxgk/\(township.id!)/cunwu/\(village.id!)" }

    /// One village's section.
    static func village(_ v: Organisation, in township: Organisation, _ services: AppServices) async throws -> VillageSection {
        let vid = try v.requireID()
        let items = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID == vid).sort(\.$publishedAt, .descending).limit(300).all()
        let columns = DisclosureColumn.village.compactMap { c -> Column? in
            let mine = items.filter { $0.columnKeys.contains(c.key) }.prefix(10).map(itemLink)
            return mine.isEmpty ? nil : Column(label: c.label, items: Array(mine))
        }
        // The township's published lists "to villages", this village's rows only.
        let name = PushQueries.displayName(v)
        let records = try await BenefitListRecord.query(on: services.db).filter(\.$organisationID == township.requireID()).all()
        let listed = try await ItemQueries.publicItems(records.map(\.itemID), on: services.db)
            .sorted { ($0.publishedAt ?? .distantPast) > ($1.publishedAt ?? .distantPast) }
        var lists: [TownshipList] = []
        for item in listed.prefix(20) {
            guard let list = records.first(where: { $0.itemID == item.id })?.list, !list.rows(of: name).isEmpty else { continue }
            lists.append(TownshipList(title: item.title, href: ParticipationQueries.itemHref(item), tableHTML: list.html(village: name)))
        }
        let matters = try await VillageDesk(services: services).matters(of: vid).filter { $0.publishedAt != nil }
        let profile = try await VillageDesk(services: services).profile(vid)
        return VillageSection(name: v.name, columns: columns, hasColumns: !columns.isEmpty, lists: lists, hasLists: !lists.isEmpty,
                              matters: matters.map { Matter(matter: $0.matter, content: $0.content, timing: $0.timing) }, hasMatters: !matters.isEmpty,
                              supervisors: profile?.supervisors.nonEmpty, villageHref: "/xxgk/\(vid)")
    }

    struct Difference: Sendable {
        let village: String
        let item: String
        let href: String
        let message: String
    }

    /// A village's own list on a matter the township published: rows that are not the same (name
    /// and amount) as the township's rows for that village.
    static func differences(townshipIDs: [Int], _ services: AppServices) async throws -> [Difference] {
        guard !townshipIDs.isEmpty else { return [] }
        let townshipRecords = try await BenefitListRecord.query(on: services.db).filter(\.$organisationID ~~ townshipIDs).all()
        guard !townshipRecords.isEmpty else { return [] }
        let links = try await VillageItemLink.query(on: services.db).filter(\.$townshipItemID ~~ townshipRecords.map(\.itemID)).all()
        var out: [Difference] = []
        for l in links {
            guard let own = try await BenefitListRecord.query(on: services.db).filter(\.$itemID == l.itemID).first()?.list,
                  let theirs = townshipRecords.first(where: { $0.itemID == l.townshipItemID })?.list,
                  let item = try await InformationItem.find(l.itemID, on: services.db),
                  let village = try await Organisation.find(item.organisationID, on: services.db) else { continue }
            let name = PushQueries.displayName(village)
            let a = Set(own.rows.map { "\($0.name)\t\($0.amount)" }), b = Set(theirs.rows(of: name).map { "\($0.name)\t\($0.amount)" })
            guard a != b else { continue }
            let onlyVillage = a.subtracting(b).count, onlyTownship = b.subtracting(a).count
            out.append(Difference(village: name, item: item.title, href: "/admin/items/\(l.itemID.uuidString)",
                                  message: "与乡镇名单不一致：村里有\(onlyVillage)条乡镇没有，乡镇有\(onlyTownship)条村里没有（按姓名和金额比对）"))
        }
        return out
    }
}
