import FluentKit
import GongkaiDomain
import Foundation

/// Filters for browsing the audit trail.
struct AuditFilter: Sendable {
    var entity = ""
    var action = ""
    var actor = ""
    /// yyyy-MM-dd, inclusive, in China time.
    var from = ""
    var to = ""
    var page = 1
    static let pageSize = 50
}

enum AuditQueries {
    /// Records in the given organisations (or all when `organisationIDs` is nil), newest first.
    static func page(_ f: AuditFilter, organisationIDs: [Int]?, on db: any Database) async throws -> (rows: [AuditRecord], total: Int) {
        var q = AuditRecord.query(on: db)
        if let ids = organisationIDs { q = q.filter(\.$organisationID ~~ ids) }
        if !f.entity.isEmpty { q = q.filter(\.$entity == f.entity) }
        if !f.action.isEmpty { q = q.filter(\.$action == f.action) }
        if !f.actor.isEmpty { q = q.filter(\.$actorName ~~ f.actor) }
        if let from = utcBound(f.from, endOfDay: false) { q = q.filter(\.$occurredAt >= from) }
        if let to = utcBound(f.to, endOfDay: true) { q = q.filter(\.$occurredAt < to) }
        let total = try await q.count()
        let rows = try await q.sort(\.$sequence, .descending)
            .range(Paging.window(page: f.page, perPage: AuditFilter.pageSize)).all()
        return (rows, total)
    }

    /// The stored timestamps are UTC ISO strings, which sort as text; convert a China date to that form.
    static func utcBound(_ day: String, endOfDay: Bool) -> String? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        guard let d = f.date(from: day) else { return nil }
        return AuditTrail.timestamp(endOfDay ? d.addingTimeInterval(86400) : d)
    }
}
