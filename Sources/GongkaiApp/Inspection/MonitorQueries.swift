import FluentKit
import Foundation
import GongkaiDomain

/// What the monitoring report shows, for the organisations a user may see: each site's last check
/// and availability, each organisation against the veto and deduction items, the problems
/// (filtered), and the history of runs.
enum MonitorQueries {
    struct Filter: Sendable, Equatable {
        var organisationID: Int?
        var kind: InspectionProblemKind?
        /// open (not resolved), resolved, all.
        var status = "open"
        var onlyNew = false
    }

    struct OrgStanding: Sendable {
        let organisationID: Int
        let name: String
        let verdict: InspectionVerdict
        let open: Int
        let new: Int
    }

    static func statusLabel(_ s: String) -> String {
        switch s {
        case "open": return "待处理"
        case "assigned": return "已交办"
        case "fixed": return "已整改待复查"
        case "resolved": return "已消除"
        default: return s
        }
    }

    /// The latest finished run of each site.
    static func latestRuns(on db: any Database) async throws -> [String: MonitorRun] {
        var out: [String: MonitorRun] = [:]
        for r in try await MonitorRun.query(on: db).filter(\.$status == "finished").sort(\.$startedAt, .descending).limit(200).all() where out[r.siteKey] == nil {
            out[r.siteKey] = r
        }
        return out
    }

    /// Every organisation with open problems, vetoed first, then by score.
    static func standings(_ services: AppServices, visible: Set<Int>, sites: [MonitoredSite]) async throws -> [OrgStanding] {
        let open = try await MonitorProblem.query(on: services.db).filter(\.$status != "resolved").all().filter { visible.contains($0.organisationID) }
        let latest = try await latestRuns(on: services.db)
        let names = try await OrganisationQueries.activeNames(services)
        let homepages = Set(sites.map { $0.base + "/" })
        var availability: [Int: SiteAvailability] = [:]
        let desk = MonitorDesk(services: services)
        for s in sites where visible.contains(s.organisationID) {
            let a = try await desk.availability(s.key)
            if a.probes > 0, availability[s.organisationID].map({ $0.failureRate < a.failureRate }) ?? true { availability[s.organisationID] = a }
        }
        var byOrg: [Int: [MonitorProblem]] = Dictionary(grouping: open, by: \.organisationID)
        for org in availability.keys where byOrg[org] == nil { byOrg[org] = [] }
        return byOrg.map { org, problems in
            var c = InspectionVerdict.Counts()
            for p in problems { if let k = p.kindValue { c.byKind[k, default: 0] += 1 } }
            c.homepageDeadLinks = problems.filter { $0.kind == InspectionProblemKind.deadLink.rawValue && homepages.contains($0.pageURL) }.count
            c.staleColumns = c[.staleColumn]
            c.blankColumns = c[.blankColumn]
            c.availability = availability[org]
            let new = problems.filter { p in latest[p.siteKey]?.id == p.firstRunID }.count
            return OrgStanding(organisationID: org, name: names[org] ?? "（已停用机构）", verdict: InspectionVerdict(c, weights: services.config.monitor.weights),
                               open: problems.count, new: new)
        }.sorted {
            if $0.verdict.isVetoed != $1.verdict.isVetoed { return $0.verdict.isVetoed }
            let a = $0.verdict.score ?? 0, b = $1.verdict.score ?? 0
            return a != b ? a < b : $0.name < $1.name
        }
    }

    /// Problems matching the filter, vetoing kinds first, newest first within a kind.
    static func problems(_ services: AppServices, visible: Set<Int>, filter f: Filter, limit: Int = 500) async throws -> [MonitorProblem] {
        var q = MonitorProblem.query(on: services.db)
        switch f.status {
        case "resolved": q = q.filter(\.$status == "resolved")
        case "all": break
        default: q = q.filter(\.$status != "resolved")
        }
        if let o = f.organisationID { q = q.filter(\.$organisationID == o) }
        if let k = f.kind { q = q.filter(\.$kind == k.rawValue) }
        var rows = try await q.sort(\.$lastSeenAt, .descending).limit(5000).all().filter { visible.contains($0.organisationID) }
        if f.onlyNew {
            let latest = try await latestRuns(on: services.db)
            rows = rows.filter { p in latest[p.siteKey]?.id == p.firstRunID }
        }
        let order = Dictionary(uniqueKeysWithValues: InspectionProblemKind.allCases.enumerated().map { ($1.rawValue, $0) })
        return Array(rows.sorted { (order[$0.kind] ?? 99, $1.lastSeenAt) < (order[$1.kind] ?? 99, $0.lastSeenAt) }.prefix(limit))
    }

    /// The .xlsx of the problems shown (the usual 问题清单 layout).
    static func workbook(_ rows: [MonitorProblem], names: [Int: String]) -> [UInt8] {
        var sheet: [[String]] = [["序号", "单位", "问题类型", "单项否决项", "所在页面", "问题对象", "说明", "首次发现", "最近发现", "状态", "责任人", "整改说明"]]
        for (i, p) in rows.enumerated() {
            let kind = p.kindValue
            sheet.append([String(i + 1), names[p.organisationID] ?? "", kind?.label ?? p.kind, kind?.vetoItem ?? "（扣分项）", p.pageURL, p.target, p.detail,
                          SiteClock.day(of: p.firstSeenAt).description, SiteClock.day(of: p.lastSeenAt).description, statusLabel(p.status), p.assignee, p.note])
        }
        return XlsxSheet.write(name: "网站监测问题清单", rows: sheet)
    }
}
