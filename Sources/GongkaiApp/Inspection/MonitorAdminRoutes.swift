import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The monitoring report: one page where the office sees each unit against the inspection's veto
/// and deduction items, the problems (new since the last run, by unit or type), each site's
/// availability, the history of runs; and where problems are assigned, fixed and checked again.
enum MonitorAdminRoutes {
    static let problemOwner = RecordOwner(kind: "monitor-problem") { raw, db in
        guard let id = UUID(uuidString: raw), let p = try await MonitorProblem.find(id, on: db) else { return [] }
        return [p.organisationID]
    }
    static let siteOwner = RecordOwner(kind: "monitor-site") { raw, db in
        if raw == MonitoredSite.portalKey { return try await OrganisationQueries.rootIDs(on: db).sorted() }
        guard let id = UUID(uuidString: raw), let s = try await MonitorSite.find(id, on: db) else { return [] }
        return [s.organisationID]
    }

    struct SiteRow: Sendable {
        let name: String
        let base: String
        let lastRun: String
        let running: Bool
        let probes: Int
        let failures: Int
        let rate: String
        let veto: Bool
        let monitoredFully: Bool
        let failedAt: [String]
        let hasFailures: Bool
        let runAction: String
        let canRun: Bool
        /// Registered sites can be taken off the list (the portal cannot).
        let stopAction: String?
    }

    struct StandingRow: Sendable {
        let name: String
        let vetoed: Bool
        let vetoes: [String]
        let deductions: [String]
        let hasDeductions: Bool
        let score: String
        let open: Int
        let new: Int
        let href: String
    }

    struct ProblemRow: Sendable {
        let kind: String
        let veto: String
        let isVetoKind: Bool
        let organisation: String
        let page: String
        let pageIsLink: Bool
        let target: String
        let detail: String
        let firstSeen: String
        let lastSeen: String
        let status: String
        let assignee: String?
        let note: String?
        let isNew: Bool
        let action: String
        let resolved: Bool
        let formID: String
    }

    struct HistoryRow: Sendable {
        let site: String
        let started: String
        let trigger: String
        let pages: Int
        let found: Int
        let new: Int
        let resolved: Int
    }

    struct View: Sendable {
        let chrome: PageChrome
        let sites: [SiteRow]
        let standings: [StandingRow]
        let hasStandings: Bool
        let problems: [ProblemRow]
        let hasProblems: Bool
        let history: [HistoryRow]
        let hasHistory: Bool
        let kinds: [OptionItem]
        let organisations: [OptionItem]
        let statuses: [OptionItem]
        let onlyNew: Bool
        let exportHref: String
        let canManage: Bool
        let siteOrganisations: [OptionItem]
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let siteName: String
        let siteURL: String
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/monitor", roles: MonitorDesk.viewers, target: .anyScope) { request, context, auth in
            try await page(services, request, context, auth, errors: [:], values: [:], status: .ok)
        }
        bo.get("/admin/monitor/export.xlsx", roles: MonitorDesk.viewers, target: .anyScope) { request, _, auth in
            let visible = try await visibleIDs(services, auth)
            let rows = try await MonitorQueries.problems(services, visible: visible, filter: try filter(request), limit: 5000)
            let bytes = MonitorQueries.workbook(rows, names: try await OrganisationQueries.activeNames(services))
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.xlsx.mimeType, fallbackName: "monitor-problems.xlsx",
                                     fileName: "网站监测问题清单（\(services.clock.today())）.xlsx")
        }
        bo.post("/admin/monitor/sites", roles: MonitorDesk.managers, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择网站的主办单位") }
            let form = context.form
            do {
                try await MonitorDesk(services: services).addSite(name: form["site_name"], url: form["site_url"], organisationID: org.id!, actor: auth.staff.actor(context))
            } catch MonitorDesk.Failure.invalid(let errors) {
                return try await page(services, request, context, auth, errors: errors,
                                      values: ["site_name": form["site_name"], "site_url": form["site_url"]], status: .badRequest)
            }
            return .redirect(to: "/admin/monitor?notice=saved", type: .found)
        }
        bo.post("/admin/monitor/sites/:watched/run", roles: MonitorDesk.managers, target: .record(param: "watched", owner: siteOwner)) { _, context, auth in
            guard let key = context.parameters.get("watched"), let site = try await MonitoredSite.find(key, services) else { throw HTTPError(.notFound) }
            // The run is queued here and crawled by the background jobs (woken now), never by a task that could outlive the server.
            _ = try await SiteCrawler(services: services).start(site, trigger: "手动")
            try await services.audit.record(on: services.db, actor: auth.staff.actor(context), organisationID: site.organisationID, entity: .siteMonitoring,
                                            entityID: site.name, action: "开始检查")
            await JobWakeUp.shared.wake()
            return .redirect(to: "/admin/monitor?notice=monitor-started", type: .found)
        }
        bo.post("/admin/monitor/sites/:watched", roles: MonitorDesk.managers, target: .record(param: "watched", owner: siteOwner)) { _, context, auth in
            guard let id = context.parameters.get("watched", as: UUID.self), let site = try await MonitorSite.find(id, on: services.db) else {
                throw UserFacingError(status: .badRequest, message: "本站不能停止监测；只有登记的其他网站可以停止")
            }
            try await MonitorDesk(services: services).stopWatching(site, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/monitor?notice=saved", type: .found)
        }
        bo.post("/admin/monitor/problems/:finding", roles: MonitorDesk.fixers, target: .record(param: "finding", owner: problemOwner)) { request, context, auth in
            guard let id = context.parameters.get("finding", as: UUID.self), let p = try await MonitorProblem.find(id, on: services.db) else { throw HTTPError(.notFound) }
            let desk = MonitorDesk(services: services)
            let form = context.form
            do {
                switch form["action"] {
                case "assign":
                    guard let org = auth.organisation, auth.staff.policy.allows(MonitorDesk.managers, ancestry: org.ancestry.ids) else {
                        throw UserFacingError.forbidden("只有公开办可以交办问题。")
                    }
                    try await desk.assign(p, to: form["assignee"], actor: auth.staff.actor(context))
                case "fixed": try await desk.markFixed(p, note: form["note"], actor: auth.staff.actor(context))
                case "recheck":
                    let gone = try await desk.recheck(p, actor: auth.staff.actor(context))
                    return .redirect(to: "/admin/monitor?notice=\(gone ? "recheck-gone" : "recheck-still")#p-\(id.uuidString)", type: .found)
                default: throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch MonitorDesk.Failure.invalid(let errors) {
                return try await page(services, request, context, auth, errors: errors.mapValues { "问题“\(p.detail.prefix(30))”：\($0)" }, values: [:], status: .badRequest)
            }
            return .redirect(to: "/admin/monitor?notice=saved#p-\(id.uuidString)", type: .found)
        }
    }

    static func visibleIDs(_ services: AppServices, _ auth: Authorised) async throws -> Set<Int> {
        Set(try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: MonitorDesk.viewers, on: services.db).compactMap(\.node.id))
    }

    static func filter(_ request: Request) throws -> MonitorQueries.Filter {
        var f = MonitorQueries.Filter()
        if let raw = request.query.get("org"), !raw.isEmpty {
            guard let id = Int(raw), id > 0, id < Int(Int32.max) else { throw UserFacingError(status: .badRequest, message: "单位参数不正确") }
            f.organisationID = id
        }
        if let raw = request.query.get("kind"), !raw.isEmpty {
            guard let k = InspectionProblemKind(rawValue: raw) else { throw UserFacingError(status: .badRequest, message: "问题类型参数不正确") }
            f.kind = k
        }
        if let raw = request.query.get("status"), !raw.isEmpty {
            guard ["open", "resolved", "all"].contains(raw) else { throw UserFacingError(status: .badRequest, message: "状态参数不正确") }
            f.status = raw
        }
        f.onlyNew = request.query.get("new") == "1"
        return f
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     errors: [String: String], values: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let f = try filter(request)
        let visible = try await visibleIDs(services, auth)
        let names = try await OrganisationQueries.activeNames(services)
        let sites = try await MonitoredSite.all(services)
        let latest = try await MonitorQueries.latestRuns(on: services.db)
        let running = Set(try await MonitorRun.query(on: services.db).filter(\.$status == "running").all().map(\.siteKey))
        let desk = MonitorDesk(services: services)
        let policy = auth.staff.policy
        let orgs = try await Organisation.query(on: services.db).all()
        func mayManage(_ org: Int) -> Bool {
            guard let o = orgs.first(where: { $0.id == org }) else { return false }
            return policy.allows(MonitorDesk.managers, ancestry: o.ancestry.ids)
        }
        var siteRows: [SiteRow] = []
        for s in sites where visible.contains(s.organisationID) {
            let a = try await desk.availability(s.key)
            siteRows.append(SiteRow(name: s.name, base: s.base, lastRun: latest[s.key].map { SiteClock.timeText($0.startedAt) + "（\($0.pages)个页面）" } ?? "尚未检查",
                                    running: running.contains(s.key), probes: a.probes, failures: a.failures, rate: a.rateText, veto: a.isVeto,
                                    monitoredFully: a.isFullyMonitored, failedAt: a.failedAt.prefix(20).map(SiteClock.timeText), hasFailures: a.failures > 0,
                                    runAction: "/admin/monitor/sites/\(s.key)/run", canRun: mayManage(s.organisationID),
                                    stopAction: s.isPortal ? nil : "/admin/monitor/sites/\(s.key)"))
        }
        let standings = try await MonitorQueries.standings(services, visible: visible, sites: sites)
        let problems = try await MonitorQueries.problems(services, visible: visible, filter: f)
        let runs = try await MonitorRun.query(on: services.db).filter(\.$status == "finished").sort(\.$startedAt, .descending).limit(12).all()
        let siteNames = Dictionary(sites.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let canManage = !visible.filter(mayManage).isEmpty
        var query = request.uri.query ?? ""
        if !query.isEmpty { query = "?" + query }
        return services.templates.page("admin-monitor", View(
            chrome: AdminChrome.make(services, context, title: "网站监测", path: "/admin/monitor", notice: notice(request)),
            sites: siteRows,
            standings: standings.map { s in
                StandingRow(name: s.name, vetoed: s.verdict.isVetoed, vetoes: s.verdict.vetoes.map { "\($0.item)：\($0.reason)" },
                            deductions: s.verdict.deductions.map { "\($0.label) \($0.count)处，扣\(String(format: "%.1f", $0.points))分" },
                            hasDeductions: !s.verdict.deductions.isEmpty,
                            score: s.verdict.score.map { String(format: "%.1f", $0) } ?? "单项否决", open: s.open, new: s.new,
                            href: "/admin/monitor?org=\(s.organisationID)#problems")
            }, hasStandings: !standings.isEmpty,
            problems: problems.map { p in
                let kind = p.kindValue
                return ProblemRow(kind: kind?.label ?? p.kind, veto: kind?.vetoItem ?? "扣分项", isVetoKind: kind?.vetoItem != nil,
                                  organisation: names[p.organisationID] ?? "", page: p.pageURL, pageIsLink: p.pageURL.hasPrefix("http"),
                                  target: p.target, detail: p.detail, firstSeen: SiteClock.day(of: p.firstSeenAt).description,
                                  lastSeen: SiteClock.day(of: p.lastSeenAt).description, status: MonitorQueries.statusLabel(p.status), assignee: p.assignee.nonEmpty,
                                  note: p.note.nonEmpty, isNew: latest[p.siteKey]?.id == p.firstRunID, action: "/admin/monitor/problems/\(p.id!.uuidString)",
                                  resolved: p.status == "resolved", formID: p.id!.uuidString)
            }, hasProblems: !problems.isEmpty,
            history: runs.filter { r in sites.contains { $0.key == r.siteKey && visible.contains($0.organisationID) } }.map { r in
                let c = (try? JSONDecoder().decode([String: Int].self, from: Data(r.countsJSON.utf8))) ?? [:]
                return HistoryRow(site: siteNames[r.siteKey] ?? r.siteKey, started: SiteClock.timeText(r.startedAt), trigger: r.trigger, pages: r.pages,
                                  found: c.filter { !["new", "resolved"].contains($0.key) }.values.reduce(0, +), new: c["new"] ?? 0, resolved: c["resolved"] ?? 0)
            }, hasHistory: !runs.isEmpty,
            kinds: [OptionItem(value: "", label: "全部类型", selected: f.kind == nil)]
                + InspectionProblemKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: f.kind == $0) },
            organisations: [OptionItem(value: "", label: "全部单位", selected: f.organisationID == nil)]
                + orgs.filter { visible.contains($0.id!) && $0.isActive }.sorted { ($0.sortOrder, $0.name) < ($1.sortOrder, $1.name) }
                    .map { OptionItem(value: String($0.id!), label: $0.name, selected: f.organisationID == $0.id) },
            statuses: [("open", "未消除"), ("resolved", "已消除"), ("all", "全部")].map { OptionItem(value: $0.0, label: $0.1, selected: f.status == $0.0) },
            onlyNew: f.onlyNew, exportHref: "/admin/monitor/export.xlsx" + query, canManage: canManage,
            siteOrganisations: orgs.filter { visible.contains($0.id!) && $0.isActive && mayManage($0.id!) }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] }, siteName: values["site_name"] ?? "", siteURL: values["site_url"] ?? ""), status: status)
    }

    static func notice(_ request: Request) -> String? {
        switch request.query.get("notice") {
        case "monitor-started": return "已开始检查（由后台任务执行），稍后刷新本页查看结果。"
        case "recheck-gone": return "复查：问题已消除。"
        case "recheck-still": return "复查：问题仍然存在。"
        default: return AdminChrome.notice(request)
        }
    }
}
