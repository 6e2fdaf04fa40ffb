import FluentKit
import Foundation
import GongkaiDomain

/// The catalogue embedded in the work: which items fulfil which rows, and whether every 主动 row is
/// really being published in time.
enum CoverageQueries {
    struct RowCoverage: Sendable {
        let item: CatalogueItem
        let row: CatalogueRow
        let assessment: CoverageStatus.Assessment
        let published: [InformationItem]
    }

    /// Coverage of one organisation's 主动 rows (all domains, or one).
    static func coverage(organisationID: Int, domain: String? = nil, services: AppServices,
                         today: CivilDate? = nil, calendar known: WorkingCalendar? = nil) async throws -> [RowCoverage] {
        let today = today ?? services.clock.today()
        var q = CatalogueItem.query(on: services.db).filter(\.$organisationID == organisationID).filter(\.$active == true)
        if let d = domain { q = q.filter(\.$domain == d) }
        let rows = try await q.sort(\.$domain).sort(\.$position).all().filter { $0.row.mode == "主动" }
        guard !rows.isEmpty else { return [] }
        let links = try await ItemCatalogueLink.query(on: services.db).filter(\.$catalogueItemID ~~ rows.compactMap(\.id)).all()
        let items = try await ItemQueries.publicItems(on: services.db).filter(\.$id ~~ links.map(\.itemID)).all()
        let byID = Dictionary(items.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        let calendar: WorkingCalendar
        if let known { calendar = known } else { calendar = try await CalendarStore(services: services).calendar() }
        return rows.map { r in
            // A document that has been repealed or has expired no longer fulfils the row.
            let linked = links.filter { $0.catalogueItemID == r.id }.compactMap { byID[$0.itemID] }
                .filter { !$0.currentValidity(today: today).isEnded }
                .sorted { ($0.publishedAt ?? .distantPast) > ($1.publishedAt ?? .distantPast) }
            let pubs: [(published: CivilDate, late: Bool)] = linked.compactMap { i in
                guard let p = i.publishedAt.map({ SiteClock.day(of: $0) }) else { return nil }
                let formed = CivilDate(iso: i.formedOn) ?? p
                return (p, PublicationDeadline(formedOn: formed, calendar: calendar).isLate(publishedOn: p))
            }
            return RowCoverage(item: r, row: r.row, assessment: CoverageStatus.assess(r.row.limit, publications: pubs, today: today), published: linked)
        }
    }

    /// Status counts per domain and organisation, for everything the viewer covers: the county
    /// office sees where in the county the catalogue is not being kept.
    struct Tally: Sendable {
        let domain: String
        let organisationID: Int
        let organisationName: String
        var counts: [CoverageStatus: Int]
    }

    /// Coverage of several organisations, keyed by organisation id (the holiday calendar read once).
    static func coverage(organisations: [Organisation], services: AppServices,
                         today: CivilDate? = nil) async throws -> [Int: [RowCoverage]] {
        let today = today ?? services.clock.today()
        let calendar = try await CalendarStore(services: services).calendar()
        var out: [Int: [RowCoverage]] = [:]
        for org in organisations {
            guard let id = org.id else { continue }
            out[id] = try await coverage(organisationID: id, services: services, today: today, calendar: calendar)
        }
        return out
    }

    /// Status counts per domain and organisation, in the standard order of domains.
    static func overview(organisations: [Organisation], coverage byOrganisation: [Int: [RowCoverage]], order: [String: Int]) -> [Tally] {
        var out: [Tally] = []
        for org in organisations {
            guard let id = org.id, let rows = byOrganisation[id] else { continue }
            var byDomain: [String: [CoverageStatus: Int]] = [:]
            for r in rows { byDomain[r.item.domain, default: [:]][r.assessment.status, default: 0] += 1 }
            for (domain, counts) in byDomain { out.append(Tally(domain: domain, organisationID: id, organisationName: org.name, counts: counts)) }
        }
        return out.sorted { (order[$0.domain] ?? 999, $0.domain, $0.organisationID) < (order[$1.domain] ?? 999, $1.domain, $1.organisationID) }
    }

    /// Rows of the item's organisation most likely fulfilled by it, best first (shared characters
    /// between the item's title and the row's 事项 and content).
    static func suggestions(for item: InformationItem, services: AppServices, limit: Int = 5) async throws -> [CatalogueItem] {
        let rows = try await CatalogueItem.query(on: services.db).filter(\.$organisationID == item.organisationID).filter(\.$active == true).all()
        let text = item.title + " " + item.summary
        // The item's columns (民生政策, 社会救助 …) point at domains and 事项 of the same name.
        let org = try await Organisation.find(item.organisationID, on: services.db)
        let columns = org.map { o in DisclosureColumn.columns(for: o.kind).filter { item.columnKeys.contains($0.key) }.map(\.label).joined(separator: " ") } ?? ""
        return rows.map { r -> (CatalogueItem, Double) in
            let row = r.row
            let words = TextSimilarity.jaccard(text, row.level1 + row.level2 + row.content)
            let column = columns.isEmpty ? 0 : TextSimilarity.jaccard(columns, r.domain + row.level1 + row.level2)
            return (r, words + 0.5 * column)
        }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
    }

    /// The responsible (牵头) unit of a domain hears where the county's catalogues of that domain are not
    /// being kept: rows overdue or never published, across every organisation with such a catalogue.
    static func leadDomainReminders(_ services: AppServices, organisationID: Int) async throws -> [DashboardWarning] {
        let led = try await CatalogueDomainRecord.query(on: services.db).filter(\.$responsibleOrganisationID == organisationID)
            .filter(\.$active == true).sort(\.$position).all()
        guard !led.isEmpty else { return [] }
        let calendar = try await CalendarStore(services: services).calendar()
        var out: [DashboardWarning] = []
        for d in led {
            let orgIDs = Set(try await CatalogueItem.query(on: services.db).filter(\.$domain == d.name).filter(\.$active == true).all()
                .map(\.organisationID))
            var overdue = 0, never = 0
            for id in orgIDs {
                for r in try await CoverageQueries.coverage(organisationID: id, domain: d.name, services: services, calendar: calendar) {
                    if r.assessment.status == .overdue { overdue += 1 }
                    if r.assessment.status == .never { never += 1 }
                }
            }
            if overdue + never > 0 {
                out.append(DashboardWarning(text: "本单位牵头的“\(d.name)”领域：全县\(orgIDs.count)个单位的目录中，超期未公开\(overdue)项、从未公开\(never)项。",
                                   href: "/admin/coverage", linkText: "查看公开情况"))
            }
        }
        return out
    }
}
