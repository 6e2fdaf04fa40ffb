import FluentKit
import Foundation
import GongkaiDomain

/// Read-side queries of government information. Everything public goes through `publicItems`,
/// the one place that decides what the public may see: published and 主动公开.
enum ItemQueries {
    static func publicItems(on db: any Database) -> QueryBuilder<InformationItem> {
        InformationItem.query(on: db).filter(\.$status == "published").filter(\.$attribute == DisclosureAttribute.proactive.rawValue)
    }

    struct Page: Sendable {
        let items: [InformationItem]
        let total: Int
        let page: Int
        let pageCount: Int
    }

    static let pageSize = 20

    /// One column of an organisation, newest first (through the column listing, not a scan).
    static func column(_ key: String, organisationID: Int, page requested: Int, on db: any Database) async throws -> Page {
        var (ids, total) = try await ColumnListing.page(key, organisationID: organisationID, offset: Paging.window(page: requested, perPage: pageSize).lowerBound, limit: pageSize, on: db)
        let pageCount = Paging.pageCount(total: total, perPage: pageSize)
        let p = min(max(1, requested), pageCount)
        if p != requested { ids = try await ColumnListing.page(key, organisationID: organisationID, offset: (p - 1) * pageSize, limit: pageSize, on: db).ids }
        return Page(items: try await publicItems(ids, on: db), total: total, page: p, pageCount: pageCount)
    }

    /// The public items among `ids`, in the order of `ids` (lists whose order an index decided:
    /// column listing, search); anything no longer public is left out.
    static func publicItems(_ ids: [UUID], on db: any Database) async throws -> [InformationItem] {
        guard !ids.isEmpty else { return [] }
        let found = try await publicItems(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(found.compactMap { i in i.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        return ids.compactMap { byID[$0] }
    }

    /// One page of a sorted query; a page past the end gives the last one.
    static func paged(_ q: QueryBuilder<InformationItem>, requested: Int) async throws -> Page {
        let total = try await q.count()
        let pageCount = Paging.pageCount(total: total, perPage: pageSize)
        let p = min(max(1, requested), pageCount)
        let items = try await q.range(Paging.window(page: p, perPage: pageSize)).all()
        return Page(items: items, total: total, page: p, pageCount: pageCount)
    }

    /// Public item counts per column key for one organisation.
    static func columnCounts(organisationID: Int, on db: any Database) async throws -> [String: Int] {
        try await ColumnListing.counts(organisationID: organisationID, on: db)
    }

    /// The 政策文件库: public policy documents, filtered. `current`: in force (incl. amended);
    /// otherwise expired or repealed.
    struct PolicyFilter: Sendable, Equatable {
        var current = true
        var organisationID: Int?
        var year: Int?
        var topic: String?
        var page = 1
    }

    static func policies(_ f: PolicyFilter, today: CivilDate, on db: any Database) async throws -> Page {
        var q = publicItems(on: db).filter(\.$kind ~~ InformationKind.allCases.filter(\.isPolicy).map(\.rawValue))
        let invalid = [Validity.expired.rawValue, Validity.repealed.rawValue]
        // A 废止/失效 dated in the future still counts as 现行有效 until its day.
        let today = today.description
        q = f.current
            ? q.group(.or) { $0.filter(\.$validity !~ invalid).filter(\.$expiresOn > today) }
            : q.filter(\.$validity ~~ invalid).group(.or) { $0.filter(\.$expiresOn == nil).filter(\.$expiresOn <= today) }
        if let o = f.organisationID { q = q.filter(\.$organisationID == o) }
        if let y = f.year { q = q.filter(\.$writtenOn >= "\(y)-01-01").filter(\.$writtenOn <= "\(y)-12-31") }
        if let t = f.topic { q = q.group(.or) { $0.filter(\.$topic == t).filter(\.$topic, .custom("LIKE"), "\(t)/%") } }
        return try await paged(q.sort(\.$writtenOn, .descending), requested: f.page)
    }

    static func publicItem(_ id: UUID, organisationID: Int, on db: any Database) async throws -> InformationItem? {
        try await publicItems(on: db).filter(\.$id == id).filter(\.$organisationID == organisationID).first()
    }
}
