import FluentKit
import Foundation
import GongkaiDomain
import NIOHTTP1

/// Crawls one site run by run: from the home page, pages of the site are fetched and read (links,
/// hidden links, text checks), link targets are checked, and every problem is recorded as it is
/// found. Work is done in passes of at most `budget` fetches; the frontier lives in the database,
/// so a run cut short by a restart goes on at the next pass. Polite: robots.txt is obeyed, one
/// request at a time, with a pause between requests.
struct SiteCrawler: Sendable {
    let services: AppServices
    var fetcher: PageFetcher

    init(services: AppServices) {
        self.services = services
        let m = services.config.monitor
        var f = PageFetcher()
        f.allowPrivate = m.privateAddresses
        if let portal = URLComponents(string: m.portalURL ?? "http://127.0.0.1:\(services.config.port)")?.host { f.trustedHosts = [portal.lowercased()] }
        fetcher = f
    }

    /// The site's running run, or a new one starting at its home page.
    func start(_ site: MonitoredSite, trigger: String) async throws -> MonitorRun {
        if let running = try await MonitorRun.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$status == "running").first() {
            return running
        }
        let run = MonitorRun()
        run.id = UUID()
        run.siteKey = site.key
        run.startedAt = services.clock.now()
        run.status = "running"
        run.trigger = trigger
        run.pages = 0
        run.countsJSON = "{}"
        let home = page(run.id!, url: site.base + "/", depth: 0, isInternal: true, foundOn: "", anchor: "")
        try await services.db.transaction { db in
            try await run.create(on: db)
            try await home.create(on: db)
        }
        return run
    }

    func page(_ run: UUID, url: String, depth: Int, isInternal: Bool, foundOn: String, anchor: String) -> MonitorPage {
        let p = MonitorPage()
        p.id = UUID()
        p.runID = run
        p.url = url
        p.depth = depth
        p.state = "pending"
        p.isInternal = isInternal
        p.foundOn = foundOn
        p.anchor = String(anchor.prefix(80))
        p.statusCode = 0
        p.error = ""
        return p
    }

    /// Fetches up to `budget` pending pages of the run (and stops at `until`); true when nothing
    /// is left to fetch.
    func pass(_ run: MonitorRun, site: MonitoredSite, budget: Int, until: ContinuousClock.Instant? = nil) async throws -> Bool {
        let runID = try run.requireID()
        let robots = await robotsRules(site)
        let m = services.config.monitor
        let delay = max(Double(m.delayMilliseconds) / 1000, robots.crawlDelay ?? 0)
        let checker = try await CheckTermStore(services: services).checker()
        let active = Set(try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id))
        var known = Set(try await MonitorPage.query(on: services.db).filter(\.$runID == runID).all().map(\.url))
        let recorder = ProblemRecorder(services: services, site: site, runID: runID)
        var fetched = 0
        // A host that could not be reached is not asked again in this pass: its other links share the answer.
        var unreachable: [String: String] = [:]
        while fetched < budget && (until.map { ContinuousClock.now < $0 } ?? true) {
            let batch = try await MonitorPage.query(on: services.db).filter(\.$runID == runID).filter(\.$state == "pending")
                .sort(\.$depth).limit(min(50, budget - fetched)).all()
            if batch.isEmpty { return true }
            for p in batch {
                let path = URLComponents(string: p.url).map { $0.percentEncodedPath + ($0.percentEncodedQuery.map { "?" + $0 } ?? "") } ?? "/"
                if p.isInternal && !robots.allows(path) {
                    p.state = "robots"
                    try await p.update(on: services.db)
                    continue
                }
                let readable = p.isInternal && site.owns(p.url)
                let host = URLComponents(string: p.url)?.host?.lowercased() ?? ""
                let org = site.organisation(of: p.foundOn.isEmpty ? p.url : p.foundOn, active: active)
                func dead(_ detail: String) async throws {
                    if p.depth == 0 {
                        try await recorder.record(.deadLink, organisationID: site.organisationID, page: p.url, target: p.url, detail: "首页无法打开：\(detail)")
                    } else {
                        try await recorder.record(.deadLink, organisationID: org, page: p.foundOn, target: p.url, detail: "链接文字“\(p.anchor)”：\(detail)")
                    }
                }
                if let known = unreachable[host] {
                    p.error = known
                    p.state = readable ? "done" : "external"
                    run.pages += 1
                    try await p.update(on: services.db)
                    try await dead(known)
                    continue
                }
                if fetched > 0 && delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
                fetched += 1
                run.pages += 1
                guard readable else {
                    // A link to another site is only checked, as the link check does (HEAD, GET when refused).
                    p.state = "external"
                    switch await fetcher.probe(for: p.url).check(p.url) {
                    case .working(let code):
                        p.statusCode = code
                        try await p.update(on: services.db)
                    case .broken(let code):
                        p.statusCode = code
                        try await p.update(on: services.db)
                        try await dead("HTTP \(code)")
                    case .unreachable(let why):
                        p.error = why
                        unreachable[host] = why
                        try await p.update(on: services.db)
                        try await dead(why)
                    }
                    continue
                }
                p.state = "done"
                let result: PageFetcher.Result
                do {
                    result = try await fetcher.fetch(p.url)
                } catch {
                    p.error = String("\(error)".prefix(200))
                    try await p.update(on: services.db)
                    try await dead(p.error.isEmpty ? "无法访问" : p.error)
                    continue
                }
                let status = result.status
                p.statusCode = status
                try await p.update(on: services.db)
                guard status < 400 else {
                    try await dead("HTTP \(status)")
                    continue
                }
                if (300..<400).contains(status), let location = result.location, let target = PageScan.absolute(location, base: URL(string: p.url)!) {
                    if site.owns(target) && !known.contains(target) && known.count < m.maxPages {
                        known.insert(target)
                        try await enqueue(page(runID, url: target, depth: p.depth, isInternal: true, foundOn: p.foundOn, anchor: p.anchor))
                    }
                    continue
                }
                if result.contentType.lowercased().contains("html") {
                    let html = String(decoding: result.body, as: UTF8.self)
                    let scan = PageScan.scan(html, base: URL(string: p.url)!)
                    let pageOrg = site.organisation(of: p.url, active: active)
                    try await recorder.check(scan, page: p.url, organisationID: pageOrg, checker: checker)
                    if p.depth == 0 && !site.isPortal {
                        let newest = ColumnFreshness.dates(in: scan.text, today: services.clock.today()).max()
                        if m.freshness.homepageIsStale(newest: newest, today: services.clock.today()) {
                            try await recorder.record(.homepageStale, organisationID: site.organisationID, page: p.url, target: "",
                                                      detail: newest.map { "首页最新日期为\($0)，超过\(m.freshness.newsDays)天" } ?? "首页没有可识别的发布日期")
                        }
                    }
                    // Pages at the last level are read for their text, but their links are not followed.
                    for link in scan.links where p.depth < m.maxDepth {
                        guard let target = link.absolute, !known.contains(target), known.count < m.maxPages else { continue }
                        let ours = site.owns(target)
                        guard ours || m.checkExternalLinks else { continue }
                        known.insert(target)
                        try await enqueue(page(runID, url: target, depth: p.depth + 1, isInternal: ours, foundOn: p.url, anchor: link.text))
                    }
                } else if let type = AttachmentType.detect(result.body), let text = AttachmentTexts.extract(result.body, type: type) {
                    // An attachment of the site: its text goes through the personal-data scanner.
                    try await recorder.checkAttachment(text, url: p.url, foundOn: p.foundOn, organisationID: org, checker: checker)
                }
            }
            try await run.update(on: services.db)
        }
        return try await MonitorPage.query(on: services.db).filter(\.$runID == runID).filter(\.$state == "pending").count() == 0
    }

    /// A second instance may have queued the same address: the unique key keeps one.
    func enqueue(_ p: MonitorPage) async throws {
        do { try await p.create(on: services.db) } catch {
            if try await MonitorPage.query(on: services.db).filter(\.$runID == p.runID).filter(\.$url == p.url).count() == 0 { throw error }
        }
    }

    func robotsRules(_ site: MonitoredSite) async -> RobotsRules {
        guard let r = try? await fetcher.fetch(site.base + "/robots.txt"), r.status == 200 else { return .allowAll }
        return RobotsRules.parse(String(decoding: r.body.prefix(512 * 1024), as: UTF8.self), userAgent: PageFetcher.userAgent)
    }
}
