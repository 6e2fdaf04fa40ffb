import FluentKit
import Foundation
import GongkaiDomain

/// The scheduled part of monitoring: a home-page probe of every site each
/// GONGKAI_MONITOR_PROBE_MINUTES, and a crawl each GONGKAI_MONITOR_CRAWL_HOURS, worked off at most 300
/// pages or two minutes per pass so the job never holds the others up for long.
enum MonitorJob {
    static let job = BackgroundJob(name: "site-monitor") { ctx in
        let services = ctx.services
        let m = services.config.monitor
        let desk = MonitorDesk(services: services)
        let crawler = SiteCrawler(services: services)
        let now = services.clock.now()
        var probes = 0, pages = 0, finished = 0
        for site in try await MonitoredSite.all(services) {
            if m.probeEveryMinutes > 0 {
                let last = try await MonitorProbe.query(on: services.db).filter(\.$siteKey == site.key).sort(\.$at, .descending).first()
                if last.map({ now.timeIntervalSince($0.at) >= Double(m.probeEveryMinutes * 60) }) ?? true {
                    try await desk.probe(site)
                    probes += 1
                }
            }
            var run = try await MonitorRun.query(on: services.db).filter(\.$siteKey == site.key).filter(\.$status == "running").first()
            if run == nil, m.crawlEveryHours > 0 {
                let last = try await MonitorRun.query(on: services.db).filter(\.$siteKey == site.key).sort(\.$startedAt, .descending).first()
                if last.map({ now.timeIntervalSince($0.startedAt) >= Double(m.crawlEveryHours * 3600) }) ?? true {
                    run = try await crawler.start(site, trigger: "定时")
                }
            }
            guard let run else { continue }
            let before = run.pages
            if try await crawler.pass(run, site: site, budget: 300, until: ContinuousClock.now + .seconds(120)) {
                try await desk.finish(run, site: site)
                finished += 1
            } else {
                // More to fetch: the jobs loop comes back at once rather than after its interval.
                await JobWakeUp.shared.wake()
            }
            pages += run.pages - before
        }
        return JobOutcome(count: probes + pages + finished, summary: "网站监测：可用性探测\(probes)次，抓取页面\(pages)个，完成检查\(finished)次")
    }
}
