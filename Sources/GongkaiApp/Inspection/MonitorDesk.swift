import FluentKit
import Foundation
import GongkaiDomain

/// Runs the monitor: starts and finishes crawls (a finished run marks what it no longer finds as
/// resolved), probes home pages, and carries out what staff do with a problem (assign, mark
/// fixed, check again). Every change by staff goes to the audit trail.
struct MonitorDesk: Sendable {
    let services: AppServices

    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer, .reviewer, .leader]
    static let managers: Set<StaffRole> = [.disclosureOfficeAdministrator]
    static let fixers: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]

    enum Failure: Error { case invalid([String: String]) }

    /// Crawls the site to the end (on demand and in tests); the scheduled job does it pass by pass.
    @discardableResult
    func runToEnd(_ site: MonitoredSite, trigger: String) async throws -> MonitorRun {
        let crawler = SiteCrawler(services: services)
        let run = try await crawler.start(site, trigger: trigger)
        while try await !crawler.pass(run, site: site, budget: 200) {}
        try await finish(run, site: site)
        return run
    }

    /// After the last page: the portal's data checks, then every problem of the site not seen in
    /// this run is resolved, and the run's counts are kept for the history.
    func finish(_ run: MonitorRun, site: MonitoredSite) async throws {
        let runID = try run.requireID()
        let recorder = ProblemRecorder(services: services, site: site, runID: runID)
        if site.isPortal {
            for f in try await PortalChecks(services: services).run(site: site) {
                try await recorder.record(f.kind, organisationID: f.organisationID, page: f.page, target: f.target, detail: f.detail)
            }
        }
        let now = services.clock.now()
        let stale = try await MonitorProblem.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$lastRunID != runID)
            .filter(\.$status != "resolved").all()
        for p in stale {
            p.status = "resolved"
            p.resolvedAt = now
            p.note = p.note.isEmpty ? "复查未再发现" : p.note
            try await p.update(on: services.db)
        }
        run.countsJSON = try await countsJSON(of: runID, resolved: stale.count)
        run.status = "finished"
        run.finishedAt = now
        try await run.update(on: services.db)
        // The frontier of earlier runs is not needed any more (the run keeps its page count; problems keep their pages).
        let older = try await MonitorRun.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$status == "finished")
            .filter(\.$id != runID).all().compactMap(\.id)
        if !older.isEmpty { try await MonitorPage.query(on: services.db).filter(\.$runID ~~ older).delete() }
    }

    /// What a run found, for the history: problems seen by kind, how many were new, how many it resolved.
    func countsJSON(of runID: UUID, resolved: Int) async throws -> String {
        let seen = try await MonitorProblem.query(on: services.db).filter(\.$lastRunID == runID).all()
        var counts: [String: Int] = [:]
        for p in seen { counts[p.kind, default: 0] += 1 }
        counts["new"] = try await MonitorProblem.query(on: services.db).filter(\.$firstRunID == runID).count()
        counts["resolved"] = resolved
        return String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
    }

    /// One availability probe of the site's home page (the page must open within 15 s).
    func probe(_ site: MonitoredSite) async throws {
        let p = MonitorProbe()
        p.id = UUID()
        p.siteKey = site.key
        p.at = services.clock.now()
        do {
            let r = try await SiteCrawler(services: services).fetcher.fetch(site.base + "/")
            p.ok = r.status < 400
            p.milliseconds = r.milliseconds
            p.detail = "HTTP \(r.status)"
        } catch {
            p.ok = false
            p.milliseconds = 15_000
            p.detail = String("\(error)".prefix(200))
        }
        try await p.create(on: services.db)
        // Probes older than 90 days say nothing about this week.
        try await MonitorProbe.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$at < p.at.addingTimeInterval(-90 * 86_400)).delete()
    }

    func availability(_ siteKey: String) async throws -> SiteAvailability {
        let since = services.clock.now().addingTimeInterval(-8 * 86_400)
        let probes = try await MonitorProbe.query(on: services.db).filter(\.$siteKey == siteKey).filter(\.$at >= since).all()
        return SiteAvailability(probes: probes.map { .init(at: $0.at, ok: $0.ok) }, today: services.clock.today())
    }

    // MARK: staff actions

    func assign(_ p: MonitorProblem, to assignee: String, actor: AuditActor) async throws {
        let name = assignee.trimmingSpaces()
        guard !name.isEmpty, name.count <= 40 else { throw Failure.invalid(["assignee": "请填写责任人（不超过40字）"]) }
        let before = p.assignee
        p.assignee = name
        if p.status == "open" { p.status = "assigned" }
        try await save(p, action: "交办", field: "assignee", before: before, after: name, actor: actor)
    }

    func markFixed(_ p: MonitorProblem, note: String, actor: AuditActor) async throws {
        let n = note.trimmingSpaces()
        guard n.count >= 2, n.count <= 500 else { throw Failure.invalid(["note": "请说明如何整改（2–500字）"]) }
        guard p.status != "resolved" else { throw Failure.invalid(["note": "该问题已消除"]) }
        p.status = "fixed"
        p.note = n
        try await save(p, action: "整改", field: "note", before: nil, after: n, actor: actor)
    }

    /// Checks the one problem again now: a link is fetched, a page read again, the portal's data
    /// checked again. Gone: resolved; still there: back to open with a note.
    func recheck(_ p: MonitorProblem, actor: AuditActor) async throws -> Bool {
        guard let site = try await MonitoredSite.find(p.siteKey, services), let kind = p.kindValue else { return false }
        let still: Bool
        let crawler = SiteCrawler(services: services)
        switch kind {
        case .deadLink:
            let r = try? await crawler.fetcher.fetch(p.target)
            still = r.map { $0.status >= 400 } ?? true
        case .staleColumn, .blankColumn, .homepageStale, .unansweredMessage, .guideIncomplete:
            if site.isPortal {
                still = try await PortalChecks(services: services).run(site: site).contains { "\($0.kind.rawValue)|\($0.page)|\($0.target)" == p.fingerprint }
            } else {
                let r = try? await crawler.fetcher.fetch(site.base + "/")
                let text = r.map { PageScan.scan(String(decoding: $0.body, as: UTF8.self), base: URL(string: site.base + "/")!).text } ?? ""
                still = services.config.monitor.freshness.homepageIsStale(newest: ColumnFreshness.dates(in: text, today: services.clock.today()).max(), today: services.clock.today())
            }
        case .siteUnavailable:
            still = (try? await crawler.fetcher.fetch(site.base + "/")).map { $0.status >= 400 } ?? true
        case .hiddenLink, .typo, .seriousWording, .privacyLeak:
            let sink = FingerprintSink()
            if let r = try? await crawler.fetcher.fetch(p.pageURL), r.status < 400 {
                let scan = PageScan.scan(String(decoding: r.body, as: UTF8.self), base: URL(string: p.pageURL) ?? URL(string: site.base)!)
                let recorder = ProblemRecorder(services: services, site: site, runID: p.lastRunID, sink: sink)
                let checker = try await CheckTermStore(services: services).checker()
                try await recorder.check(scan, page: p.pageURL, organisationID: p.organisationID, checker: checker)
                if kind == .privacyLeak, let (text, target) = await attachmentText(p, crawler) {
                    try await recorder.checkAttachment(text, url: target, foundOn: p.pageURL, organisationID: p.organisationID, checker: checker)
                }
            }
            still = await sink.contains(p.fingerprint)
        }
        let before = p.status
        if still {
            p.status = p.assignee.isEmpty ? "open" : "assigned"
            p.note = "复查仍存在（\(SiteClock.day(of: services.clock.now()))）"
        } else {
            p.status = "resolved"
            p.resolvedAt = services.clock.now()
            p.note = p.note.isEmpty ? "复查已消除" : p.note + "；复查已消除"
        }
        try await save(p, action: "复查", field: "status", before: before, after: p.status, actor: actor)
        return !still
    }

    func attachmentText(_ p: MonitorProblem, _ crawler: SiteCrawler) async -> (String, String)? {
        guard let hash = p.target.firstIndex(of: "#") else { return nil }
        let url = String(p.target[..<hash])
        guard let r = try? await crawler.fetcher.fetch(url), let type = AttachmentType.detect(r.body),
              let text = AttachmentTexts.extract(r.body, type: type) else { return nil }
        return (text, url)
    }

    func save(_ p: MonitorProblem, action: String, field: String, before: String?, after: String?, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await p.update(on: db)
            try await audit.record(on: db, actor: actor, organisationID: p.organisationID, entity: .siteMonitoring,
                                   entityID: p.kindValue?.label ?? p.kind, action: action, changes: [.init(field: field, before: before, after: after)])
        }
    }

    /// Registers another site to watch (its own old CMS, a department's site).
    func addSite(name: String, url: String, organisationID: Int, actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        let n = name.trimmingSpaces()
        if n.isEmpty || n.count > 60 { errors["site_name"] = "请填写网站名称（不超过60字）" }
        let u = url.trimmingSpaces().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if let c = URLComponents(string: u), ["http", "https"].contains(c.scheme?.lowercased() ?? ""), c.host?.isEmpty == false, c.path.isEmpty, u.count <= 200 {
            if try await MonitorSite.query(on: services.db).filter(\.$baseURL == u).count() > 0 { errors["site_url"] = "这个网站已经登记" }
        } else {
            errors["site_url"] = "请填写网站首页地址，如 https://www.example.gov.cn（不带路径）"
        }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let s = MonitorSite()
        s.id = UUID()
        s.name = n
        s.baseURL = u
        s.organisationID = organisationID
        s.active = true
        s.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await s.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: organisationID, entity: .siteMonitoring, entityID: n,
                                   action: "登记网站", changes: [.init(field: "base_url", before: nil, after: u)])
        }
    }
}

extension MonitorDesk {
    /// A registered site is no longer watched: its open problems are closed with a note, its history kept.
    func stopWatching(_ s: MonitorSite, actor: AuditActor) async throws {
        let key = try s.requireID().uuidString
        let now = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            s.active = false
            try await s.update(on: db)
            try await MonitorRun.query(on: db).filter(\.$siteKey == key).filter(\.$status == "running").set(\.$status, to: "finished").set(\.$finishedAt, to: now).update()
            try await MonitorProblem.query(on: db).filter(\.$siteKey == key).filter(\.$status != "resolved")
                .set(\.$status, to: "resolved").set(\.$resolvedAt, to: now).set(\.$note, to: "网站已停止监测").update()
            try await audit.record(on: db, actor: actor, organisationID: s.organisationID, entity: .siteMonitoring, entityID: s.name,
                                   action: "停止监测", changes: [.init(field: "base_url", before: s.baseURL, after: nil)])
        }
    }
}

/// Collects fingerprints instead of recording problems (checking one problem again).
actor FingerprintSink {
    var seen: Set<String> = []
    func add(_ f: String) { seen.insert(f) }
    func contains(_ f: String) -> Bool { seen.contains(f) }
}
