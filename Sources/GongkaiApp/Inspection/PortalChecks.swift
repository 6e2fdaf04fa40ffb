import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// The indicator checks that read the portal's own data rather than its pages: columns not
/// updated or blank (by column class), the home page not updated, 咨询 letters unanswered for more
/// than 3 months within the last year, and published 办事指南 missing key elements.
struct PortalChecks: Sendable {
    let services: AppServices

    struct Found: Sendable {
        let kind: InspectionProblemKind
        let organisationID: Int
        let page: String
        let target: String
        let detail: String
    }

    func run(site: MonitoredSite) async throws -> [Found] {
        let today = services.clock.today()
        let freshness = services.config.monitor.freshness
        var out: [Found] = []
        let latest = try await lastPublished()
        let orgs = try await Organisation.query(on: services.db).filter(\.$isActive == true).all()
        for org in orgs {
            let id = try org.requireID()
            for c in try await ColumnPresence.columns(of: org, on: services.db) where c.isShown {
                let last = latest[id]?[c.column.key]
                let page = site.base + "/xxgk/\(id)/fdzdgknr/\(c.column.key)"
                switch freshness.verdict(.init(name: c.column.label, lastPublished: last), today: today) {
                case .fresh: break
                case .blank:
                    out.append(Found(kind: .blankColumn, organisationID: id, page: page, target: c.column.key, detail: "“\(c.column.label)”栏目开设后没有任何信息"))
                case .stale(let d, let limit):
                    out.append(Found(kind: .staleColumn, organisationID: id, page: page, target: c.column.key,
                                     detail: "“\(c.column.label)”（\(ColumnFreshness.classify(c.column.label).label)）最近更新于\(d)，超过\(limit)天未更新"))
                }
            }
        }
        let newest = latest.values.flatMap(\.values).max()
        if freshness.homepageIsStale(newest: newest, today: today) {
            out.append(Found(kind: .homepageStale, organisationID: site.organisationID, page: site.base + "/", target: "",
                             detail: newest.map { "全站最新信息发布于\($0)，首页超过\(freshness.newsDays)天未更新" } ?? "首页没有任何已发布的信息"))
        }
        // 互动回应差: a 咨询 letter of the last year still unanswered 3 months after it came in.
        let threeMonths = CivilDate(year: today.month > 3 ? today.year : today.year - 1, month: (today.month + 8) % 12 + 1, day: min(today.day, 28))!
        let yearAgo = today.adding(days: -365)
        let letters = try await Letter.query(on: services.db)
            .filter(\.$kind ~~ [LetterKind.consultation.rawValue, LetterKind.policyQuestion.rawValue])
            .filter(\.$receivedOn <= threeMonths.description).filter(\.$receivedOn >= yearAgo.description).all()
        for l in letters where (LetterFlow.State(rawValue: l.state)?.awaitsReply ?? false) {
            out.append(Found(kind: .unansweredMessage, organisationID: l.handlingID, page: site.base + "/admin/letters/\(l.id!.uuidString)", target: l.number,
                             detail: "来信\(l.number)（\(LetterKind(rawValue: l.kind)?.label ?? "咨询")）\(l.receivedOn)收到，超过3个月未答复"))
        }
        for g in try await ServiceGuide.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$withdrawnAt == nil).all() {
            guard let content = g.published, !content.missing.isEmpty else { continue }
            out.append(Found(kind: .guideIncomplete, organisationID: g.organisationID, page: site.base + "/banshi/guides/\(g.id!.uuidString)", target: g.id!.uuidString,
                             detail: "《\(g.name)》缺少：" + content.missing.map(\.rawValue).joined(separator: "、")))
        }
        return out
    }

    /// The newest publication per organisation and column, from the public column listing.
    func lastPublished() async throws -> [Int: [String: CivilDate]] {
        guard let sql = services.db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT organisation_id, column_key, max(published_at) AS last FROM public_column_entries GROUP BY organisation_id, column_key").all()
        var out: [Int: [String: CivilDate]] = [:]
        for r in rows {
            guard let org = try? r.decode(column: "organisation_id", as: Int.self), let key = try? r.decode(column: "column_key", as: String.self),
                  let last = try? r.decode(column: "last", as: Double.self) else { continue }
            out[org, default: [:]][key] = SiteClock.day(of: Date(timeIntervalSince1970: last))
        }
        return out
    }
}
