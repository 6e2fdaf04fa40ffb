import Foundation
import XCTest
@testable import GongkaiDomain

/// The monitor's rules: what a page hides, what robots.txt forbids, availability across local days,
/// stale and blank columns, the verdict against the 19号 veto and deduction items, new-media alerts,
/// copied passages and feed dates.
final class InspectionRuleTests: XCTestCase {
    let base = URL(string: "http://127.0.0.1:8080/xxgk/")!

    func testPageScanFindsLinksTextAndHiddenMarkup() {
        let html = """
        <!doctype html><html><head><title>县政府 &amp; 公开</title><style>a{color:red}</style><script>var a="<a href='/no'>";</script></head>
        <body><p>通知 2026-11-20 发布</p>
        <a href="a.html#top">第一篇<b>文章</b></a>
        <div style="display: none"><a href="http://casino-site.bet/">彩</a></div>
        <span hidden><a href="/secret">x</a></span>
        <a href="/far" style="position:absolute;left:-9999px">远</a>
        <p style="font-size:0px"><a href="/tiny">t</a></p>
        <img src="/logo.png" alt="县徽">
        <a href="javascript:void(0)">js</a><a href="mailto:a@b.cn">mail</a>
        <!-- <a href="/commented">c</a> -->
        <a href="https://www.gov.cn/">中国政府网</a> a < b
        </body></html>
        """
        let p = PageScan.scan(html, base: base)
        XCTAssertEqual(p.title, "县政府 & 公开")
        let byHref = Dictionary(p.links.map { ($0.href, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byHref["a.html#top"]?.absolute, "http://127.0.0.1:8080/xxgk/a.html")
        XCTAssertEqual(byHref["a.html#top"]?.text, "第一篇文章")
        XCTAssertEqual(byHref["a.html#top"]?.hidden, false)
        for hidden in ["http://casino-site.bet/", "/secret", "/far", "/tiny"] { XCTAssertEqual(byHref[hidden]?.hidden, true, hidden) }
        XCTAssertEqual(byHref["/logo.png"]?.element, "img")
        XCTAssertEqual(byHref["/logo.png"]?.text, "县徽")
        XCTAssertNil(byHref["javascript:void(0)"]?.absolute)
        XCTAssertNil(byHref["/commented"])
        XCTAssertNil(byHref["/no"], "a link inside a script is not a link")
        XCTAssertFalse(p.text.contains("彩"))
        XCTAssertTrue(p.text.contains("通知 2026-11-20 发布"))
        XCTAssertTrue(p.text.contains("a < b"))
        XCTAssertFalse(p.text.contains("color:red"))
    }

    func testPageScanIsBounded() {
        let many = String(repeating: "<a href=\"/x\">x</a>", count: PageScan.maxLinks + 10)
        let p = PageScan.scan(many, base: base)
        XCTAssertEqual(p.links.count, PageScan.maxLinks)
        XCTAssertTrue(p.truncated)
        // Unclosed tags and stray brackets do not hang or crash.
        _ = PageScan.scan("<a href=\"x<div <<<<< <a", base: base)
        _ = PageScan.scan(String(repeating: "<div>", count: 10_000), base: base)
    }

    func testRobotsRules() {
        let robots = """
        User-agent: *
        Disallow: /admin
        Disallow: /*.pdf$
        Allow: /admin/public
        Crawl-delay: 2

        User-agent: OtherBot
        Disallow: /
        """
        let r = RobotsRules.parse(robots, userAgent: "GongkaiMonitor/1.0")
        XCTAssertFalse(r.allows("/admin/x"))
        XCTAssertTrue(r.allows("/admin/public/page"))
        XCTAssertFalse(r.allows("/files/a.pdf"))
        XCTAssertTrue(r.allows("/files/a.pdf?x=1"))
        XCTAssertTrue(r.allows("/xxgk"))
        XCTAssertEqual(r.crawlDelay, 2)
        let own = RobotsRules.parse("User-agent: gongkaimonitor\nDisallow: /private\n\nUser-agent: *\nDisallow: /", userAgent: "GongkaiMonitor/1.0")
        XCTAssertTrue(own.allows("/xxgk"), "our own group replaces the * group")
        XCTAssertFalse(own.allows("/private/a"))
        XCTAssertTrue(RobotsRules.parse("User-agent: *\nDisallow:", userAgent: "x").allows("/anything"))
    }

    func testAvailabilityAcrossMidnightAndTheVeto() {
        let today = CivilDate(year: 2026, month: 11, day: 30)!
        // 2026-11-30 00:00 in UTC+8 is 2026-11-29 16:00 UTC.
        let midnight = Date(timeIntervalSince1970: 1_795_996_800 - 8 * 3600)
        XCTAssertEqual(SiteAvailability(probes: [.init(at: midnight.addingTimeInterval(-60), ok: false)], today: today).days.last?.probes, 0,
                       "23:59 local time belongs to the day before")
        XCTAssertEqual(SiteAvailability(probes: [.init(at: midnight.addingTimeInterval(60), ok: false)], today: today).days.last?.failures, 1)
        var probes: [SiteAvailability.Probe] = []
        for d in 0..<7 { for k in 0..<20 { probes.append(.init(at: midnight.addingTimeInterval(Double(-d * 86_400 + k * 4_300)), ok: true)) } }
        XCTAssertTrue(SiteAvailability(probes: probes, today: today).isFullyMonitored)
        XCTAssertFalse(SiteAvailability(probes: probes, today: today).isDeduction)
        // 7 failures of 140 = 5 % → veto; 2 of 140 ≈ 1.4 % → deduction only.
        var failing = probes
        for k in 0..<7 { failing[k * 20] = .init(at: failing[k * 20].at, ok: false) }
        let a = SiteAvailability(probes: failing, today: today)
        XCTAssertEqual(a.failures, 7)
        XCTAssertTrue(a.isVeto)
        XCTAssertEqual(a.rateText, "5.0%")
        var two = probes
        two[0] = .init(at: two[0].at, ok: false); two[1] = .init(at: two[1].at, ok: false)
        XCTAssertTrue(SiteAvailability(probes: two, today: today).isDeduction)
        XCTAssertFalse(SiteAvailability(probes: two, today: today).isVeto)
        // Probes older than 7 days do not count.
        XCTAssertEqual(SiteAvailability(probes: [.init(at: midnight.addingTimeInterval(-7 * 86_400 - 60), ok: false)], today: today).probes, 0)
    }

    func testColumnFreshnessByClass() {
        let today = CivilDate(year: 2026, month: 11, day: 30)!
        let f = ColumnFreshness()
        XCTAssertEqual(ColumnFreshness.classify("部门动态"), .news)
        XCTAssertEqual(ColumnFreshness.classify("通知公告"), .notices)
        XCTAssertEqual(ColumnFreshness.classify("规范性文件"), .notices)
        XCTAssertEqual(ColumnFreshness.classify("机构职能"), .other)
        XCTAssertEqual(f.verdict(.init(name: "工作动态", lastPublished: today.adding(days: -14)), today: today), .fresh)
        XCTAssertEqual(f.verdict(.init(name: "工作动态", lastPublished: today.adding(days: -15)), today: today), .stale(today.adding(days: -15), 14))
        XCTAssertEqual(f.verdict(.init(name: "通知公告", lastPublished: today.adding(days: -100)), today: today), .fresh)
        XCTAssertEqual(f.verdict(.init(name: "通知公告", lastPublished: today.adding(days: -200)), today: today), .stale(today.adding(days: -200), 183))
        XCTAssertEqual(f.verdict(.init(name: "机构职能", lastPublished: today.adding(days: -900)), today: today), .fresh)
        XCTAssertEqual(f.verdict(.init(name: "机构职能", lastPublished: nil), today: today), .blank)
        XCTAssertEqual(ColumnFreshness(newsDays: 10).verdict(.init(name: "工作动态", lastPublished: today.adding(days: -11)), today: today), .stale(today.adding(days: -11), 10))
        XCTAssertTrue(f.homepageIsStale(newest: nil, today: today))
        XCTAssertTrue(f.homepageIsStale(newest: today.adding(days: -15), today: today))
        XCTAssertFalse(f.homepageIsStale(newest: today.adding(days: -3), today: today))
        XCTAssertEqual(ColumnFreshness.dates(in: "发布 2026-11-02，2026/1/5 与 2026年3月4日；2027-01-01 未来；2026-13-01 错", today: today),
                       [CivilDate(year: 2026, month: 11, day: 2)!, CivilDate(year: 2026, month: 1, day: 5)!, CivilDate(year: 2026, month: 3, day: 4)!])
    }

    func testSuspiciousHosts() {
        let h = SuspiciousHosts()
        XCTAssertEqual(h.match("www.lucky.bet"), ".bet")
        XCTAssertEqual(h.match("best-casino88.com"), "casino")
        XCTAssertNil(h.match("alphabet.com"))
        XCTAssertNil(h.match("www.gov.cn"))
        XCTAssertEqual(SuspiciousHosts(entries: ["bad.example"]).match("x.bad.example"), "bad.example")
    }

    func testVerdictVetoesFirstAndDeductions() {
        var c = InspectionVerdict.Counts()
        c.byKind = [.deadLink: 12, .typo: 3]
        c.homepageDeadLinks = 2
        let v = InspectionVerdict(c)
        XCTAssertFalse(v.isVetoed)
        XCTAssertEqual(v.deductions.map(\.label), ["首页不可用链接", "其他页面不可用链接", "一般错别字"])
        XCTAssertEqual(v.score!, 100 - 2 - 1.0 - 0.6, accuracy: 0.0001)
        XCTAssertTrue(v.passes)
        c.staleColumns = 5
        c.byKind[.hiddenLink] = 1
        let vetoed = InspectionVerdict(c)
        XCTAssertEqual(vetoed.vetoes.map(\.item), ["安全、泄密事故等严重问题", "栏目不更新"])
        XCTAssertNil(vetoed.score)
        XCTAssertFalse(vetoed.passes)
        c = InspectionVerdict.Counts()
        c.staleColumns = 4; c.blankColumns = 4
        XCTAssertFalse(InspectionVerdict(c).isVetoed, "four of each is a deduction, not the veto")
        XCTAssertEqual(InspectionVerdict.Weights.parse("dead_link=0.5,typo=1")?.deadLink, 0.5)
        XCTAssertNil(InspectionVerdict.Weights.parse("dead_link=-1"))
        XCTAssertNil(InspectionVerdict.Weights.parse("nonsense=1"))
    }

    func testNewMediaAlerts() {
        let today = CivilDate(year: 2026, month: 11, day: 30)!
        let fine = NewMediaAlert.Account(active: true, lastUpdate: today.adding(days: -3), interaction: true, responsiblePerson: "张三")
        XCTAssertEqual(NewMediaAlert.alerts(fine, today: today, staleDays: 14), [])
        var stale = fine; stale.lastUpdate = today.adding(days: -11)
        XCTAssertEqual(NewMediaAlert.alerts(stale, today: today, staleDays: 14), [])
        XCTAssertEqual(NewMediaAlert.alerts(stale, today: today, staleDays: 10), [.stale(days: 10)])
        var bad = fine; bad.interaction = false; bad.responsiblePerson = " "; bad.renamed = true; bad.lastUpdate = nil
        XCTAssertEqual(NewMediaAlert.alerts(bad, today: today, staleDays: 14), [.neverUpdated, .noInteraction, .noResponsiblePerson, .renamedWithoutFiling])
        let closed = NewMediaAlert.Account(active: false, lastUpdate: nil, interaction: false, responsiblePerson: "", closedFiled: false)
        XCTAssertEqual(NewMediaAlert.alerts(closed, today: today, staleDays: 14), [.closedWithoutFiling])
        var filed = closed; filed.closedFiled = true
        XCTAssertEqual(NewMediaAlert.alerts(filed, today: today, staleDays: 14), [])
    }

    func testPassageSimilarityFindsCopiedSentences() {
        let theirs = "2025年，县教育局坚持以公开为常态，持续深化政务公开工作，全年主动公开信息数量稳步增长。存在的问题是信息发布时效性还不够强。"
        let ours = "2025年，县教育局坚持以公开为常态，持续深化政务公开工作，全年主动公开信息数量明显增长。我们在学校招生、营养改善计划等方面细化了公开内容，效果明显。无。"
        let m = PassageSimilarity().matches(ours, against: theirs)
        XCTAssertEqual(m.count, 1)
        guard m.count == 1 else { return }
        XCTAssertTrue(m[0].ours.hasPrefix("2025年，县教育局坚持"))
        XCTAssertTrue(m[0].theirs.hasPrefix("2025年，县教育局坚持"))
        XCTAssertGreaterThanOrEqual(m[0].similarity, 0.6)
        XCTAssertEqual(PassageSimilarity().matches("完全不同的一段文字内容，关于河道治理与农村供水工程建设的情况说明。", against: theirs), [])
        XCTAssertEqual(PassageSimilarity.sentences("一。二！\n三"), ["一。", "二！", "三"])
    }

    func testFeedNewestDate() {
        let rss = "<rss><channel><item><pubDate>Mon, 16 Nov 2026 08:00:00 +0800</pubDate></item><item><pubDate>Tue, 24 Nov 2026 10:30:00 +0800</pubDate></item></channel></rss>"
        XCTAssertEqual(FeedDates.newest(rss), ISO8601DateFormatter().date(from: "2026-11-24T02:30:00Z"))
        let atom = "<feed><entry><updated>2026-11-20T01:00:00Z</updated></entry></feed>"
        XCTAssertEqual(FeedDates.newest(atom), ISO8601DateFormatter().date(from: "2026-11-20T01:00:00Z"))
        XCTAssertNil(FeedDates.newest("<rss><pubDate>soon</pubDate></rss>"))
    }

    func testNegativeListReviewIsYearly() {
        let d = CivilDate(year: 2025, month: 12, day: 1)!
        XCTAssertEqual(NegativeListReview.dueDate(lastReviewed: d), CivilDate(year: 2026, month: 12, day: 1))
        XCTAssertTrue(NegativeListReview.isDue(lastReviewed: d, today: CivilDate(year: 2026, month: 12, day: 1)!))
        XCTAssertFalse(NegativeListReview.isDue(lastReviewed: d, today: CivilDate(year: 2026, month: 11, day: 30)!))
        XCTAssertEqual(NegativeListReview.dueDate(lastReviewed: CivilDate(year: 2024, month: 2, day: 29)!), CivilDate(year: 2025, month: 2, day: 28))
        XCTAssertFalse(NegativeListReview.grounds.contains(.requestOnly))
    }
}
