import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// The same answers on SQLite (FTS5) and PostgreSQL (tsvector): CI runs this file on both.
final class SearchTests: XCTestCase {
    func withBody(_ env: TestEnvironment, _ item: InformationItem, _ html: String, title: String? = nil) async throws {
        item.bodyHTML = html
        if let t = title { item.title = t }
        try await item.update(on: env.db)
        try await SearchService.update(item, on: env.db)
    }

    func testFindsPhrasesWordsAndOnlyPublicItems() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let a = try await f.item(env, title: "关于做好临时救助工作的通知", columns: ["zcwj"], kind: .normativeDocument)
            try await withBody(env, a, "<p>各乡镇要做好临时救助和城乡低保衔接工作，2026年ＧＤＰ目标另行通知。</p>")
            let b = try await f.item(env, title: "城区道路改造工作动态")
            try await withBody(env, b, "<p>城乡建设稳步推进，低保对象住房改造列入计划，税费减免。</p>")
            let hidden = try await f.item(env, title: "依申请公开的临时救助名单", attribute: .onRequest)
            try await withBody(env, hidden, "<p>临时救助对象名单</p>")
            let search = SearchService(services: env.services)
            func titles(_ q: String, _ filter: SearchFilter = SearchFilter()) async throws -> [String] {
                try await search.search(SearchQuery(q), filter: filter, page: 1, perPage: 20).items.map(\.title)
            }

            let relief = try await titles("临时救助")
            XCTAssertEqual(relief, ["关于做好临时救助工作的通知"], "the on-request item is never found")
            let words = try await titles("城乡 低保")
            XCTAssertEqual(Set(words), [a.title, b.title], "both words, anywhere")
            let phrase = try await titles("\"城乡低保\"")
            XCTAssertEqual(phrase, [a.title], "the phrase only where the characters are adjacent")
            let single = try await titles("税")
            XCTAssertEqual(single, [b.title])
            let latin = try await titles("gdp")
            XCTAssertEqual(latin, [a.title], "full-width ＧＤＰ found by gdp")
            let index = try await titles(a.indexNumber)
            XCTAssertEqual(index, [a.title], "by 索引号")
            let titleFirst = try await titles("改造")
            XCTAssertEqual(titleFirst.first, b.title, "a title match ranks first")
            // Filters.
            let normative = try await titles("城乡", SearchFilter(kind: InformationKind.normativeDocument.rawValue))
            XCTAssertEqual(normative, [a.title])
            let otherOrg = try await titles("城乡", SearchFilter(organisationID: f.deptB.id!))
            XCTAssertEqual(otherOrg, [])
            let year = try await titles("城乡", SearchFilter(fromYear: 2027))
            XCTAssertEqual(year, [])
            // Corrections and withdrawal reach the index at once.
            let desk = PublishingDesk(services: env.services)
            try await desk.correct(a, title: a.title, bodyHTML: "<p>更正后的正文只讲医疗救助。</p>", reason: "正文有误，予以更正", actor: .commandLine("t"))
            let afterCorrection = try await titles("\"城乡低保\"")
            XCTAssertEqual(afterCorrection, [])
            let medical = try await titles("医疗救助")
            XCTAssertEqual(medical, [a.title])
            try await desk.perform(.withdraw(reason: "发布有误"), on: b, roles: [.leader], actorUserID: f.leaderA.id, actor: .commandLine("t"))
            let withdrawn = try await titles("税")
            XCTAssertEqual(withdrawn, [])
            // Whatever is typed, no query error and no leak.
            for odd in ["\"", "a\" OR 1=1 --", "NEAR(x y)", "*", "城乡)", "'; DROP TABLE item_search; --", String(repeating: "救", count: 300)] {
                _ = try await titles(odd)
            }
            let paging = try await search.search(SearchQuery("救助"), filter: SearchFilter(), page: 2, perPage: 1)
            XCTAssertEqual(paging.total, 1)
            XCTAssertEqual(paging.items.count, 0)
        }
    }
}

extension SearchTests {
    /// Above the ranking window the list is newest first by publication date on both databases: an
    /// old item indexed again (a correction) keeps its place (SQLite used to put it on top).
    func testNewestFirstFollowsPublicationDateAfterReindexing() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var items: [InformationItem] = []
            for n in 0..<5 {
                env.services.clock.set(day: CivilDate(iso: "2026-0\(n + 1)-15")!)
                items.append(try await f.item(env, title: "第\(n)期防汛简报"))
            }
            env.services.clock.set(nil)
            let index = SearchIndexes.forDatabase(env.db)
            func newest() async throws -> [UUID] {
                try await index.search(SearchQuery("防汛"), filter: SearchFilter(), offset: 0, limit: 20, currentYear: 2026, window: 2, on: env.db).ids
            }
            let before = try await newest()
            XCTAssertEqual(Array(before.prefix(2)), [items[4].id!, items[3].id!])
            try await PublishingDesk(services: env.services).correct(items[1], title: "第1期防汛简报（更正）", bodyHTML: "<p>更正</p>",
                                                                   reason: "期数有误", actor: .commandLine("t"))
            let after = try await newest()
            XCTAssertEqual(Array(after.prefix(2)), [items[4].id!, items[3].id!], "the corrected January item stays in its place")
        }
    }

    /// A search carries index keys and turns only the page's into item ids: in the page's order, a
    /// key whose item left the index left out, every key of every match resolvable.
    func testKeysResolveToTheirItemsInOrder() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var items: [InformationItem] = []
            for n in 0..<6 {
                env.services.clock.set(day: CivilDate(iso: "2026-0\(n + 1)-10")!)
                items.append(try await f.item(env, title: "第\(n)期秸秆禁烧简报"))
            }
            env.services.clock.set(nil)
            let index = SearchIndexes.forDatabase(env.db)
            let found = try await index.candidates(SearchQuery("秸秆禁烧"), filter: .init(), titleOnly: false, limit: 100, on: env.db)
            let ids = try await index.itemIDs(found.map(\.key), on: env.db)
            XCTAssertEqual(ids, items.reversed().map { $0.id! }, "newest first, each key its own item")
            XCTAssertEqual(found.map(\.published), found.map(\.published).sorted(by: >))
            let shuffled = Array(found.map(\.key).reversed())
            let resolved = try await index.itemIDs(shuffled, on: env.db)
            XCTAssertEqual(resolved, items.map { $0.id! }, "in the keys' order, whatever it is")
            // A document number whose item left the index no longer resolves (PostgreSQL's keys are
            // the ids themselves).
            guard SQLDialects.of(env.db).kind == .sqlite else { return }
            try await index.remove(items[2].id!, on: env.db)
            let afterRemoval = try await index.itemIDs(shuffled, on: env.db)
            XCTAssertEqual(afterRemoval, items.enumerated().filter { $0.offset != 2 }.map { $0.element.id! })
        }
    }

    /// Above the ranking window the newest matches and the newest title matches are ranked, and the
    /// count says "more than"; below it everything is counted exactly.
    /// Body matches are ordered by relevance (bm25 on SQLite, ts_rank on PostgreSQL) whether or not a
    /// filter narrows them; on SQLite a part found in more documents than `rankedPartLimit` is not
    /// scored (bm25 would count its documents in the whole index), and body matches go newest first.
    func testRelevanceWithAndWithoutFilterAndItsBound() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let dense = try await f.item(env, title: "第一号工作简报")
            try await withBody(env, dense, "<p>防汛。防汛准备。防汛物资。防汛演练。</p>")
            var sparse: [InformationItem] = []
            for n in 0..<3 {
                let i = try await f.item(env, title: "第\(n + 2)号工作简报")
                try await withBody(env, i, "<p>" + String(repeating: "本周其他工作安排照常进行。", count: 6) + "防汛。</p>")
                sparse.append(i)
            }
            let index = SearchIndexes.forDatabase(env.db)
            func ids(_ index: any SearchIndex, _ filter: SearchFilter = SearchFilter()) async throws -> [UUID] {
                try await index.search(SearchQuery("防汛"), filter: filter, offset: 0, limit: 20, currentYear: 2026, on: env.db).ids
            }
            let ranked = try await ids(index)
            XCTAssertEqual(ranked.first, dense.id, "four mentions in a short body rank above one in a long body")
            XCTAssertEqual(ranked.count, 4)
            let filtered = try await ids(index, SearchFilter(kind: InformationKind.notice.rawValue))
            XCTAssertEqual(filtered, ranked, "a filter that keeps every match keeps their order")
            if env.database.dialect.kind == .sqlite {
                let bounded = try await ids(SQLiteSearchIndex(rankedPartLimit: 3))
                XCTAssertEqual(bounded, sparse.reversed().map(\.id!) + [dense.id!], "a part in 4 documents is over the bound of 3: newest first")
                let within = try await ids(SQLiteSearchIndex(rankedPartLimit: 4))
                XCTAssertEqual(within, ranked)
            }
        }
    }

    /// Above the window every page is the title matches newest first, then the newest other
    /// matches: the title walk stops at the asked page's end, and the pages still join up.
    func testPagesAboveTheWindowJoinUp() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var items: [InformationItem] = []
            for n in 0..<8 {
                env.services.clock.set(day: CivilDate(iso: "2026-0\(n + 1)-15")!)
                let i = try await f.item(env, title: n % 3 == 0 ? "第\(n)期防汛简报" : "第\(n)期工作简报")
                try await withBody(env, i, "<p>本期防汛工作第\(n)项。</p>")
                items.append(i)
            }
            env.services.clock.set(nil)
            // Titles with the word: 6, 3, 0 (newest first); the newest four matches are 7, 6, 5, 4.
            let expected = [6, 3, 0, 7, 5, 4].map { items[$0].id! }
            let index = SearchIndexes.forDatabase(env.db)
            for offset in 0..<8 {
                for limit in 1...4 {
                    let page = try await index.search(SearchQuery("防汛"), filter: SearchFilter(), offset: offset, limit: limit, currentYear: 2026, window: 4, on: env.db)
                    XCTAssertFalse(page.exact)
                    XCTAssertEqual(page.ids, Array(expected.dropFirst(offset).prefix(limit)), "offset \(offset), limit \(limit)")
                }
            }
        }
    }

    func testRankingWindowPrefixesAndTopics() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var items: [InformationItem] = []
            for n in 0..<5 {
                let i = try await f.item(env, title: n == 0 ? "关于防汛工作的通知" : "第\(n)号工作简报")
                try await withBody(env, i, "<p>今年2025年度防汛准备第\(n)项。</p>")
                items.append(i)
            }
            let index = SearchIndexes.forDatabase(env.db)
            func hits(_ q: String, window: Int, _ filter: SearchFilter = SearchFilter()) async throws -> SearchHits {
                try await index.search(SearchQuery(q), filter: filter, offset: 0, limit: 20, currentYear: 2026, window: window, on: env.db)
            }
            let all = try await hits("防汛", window: 10)
            XCTAssertEqual(all.total, 5)
            XCTAssertTrue(all.exact)
            XCTAssertEqual(all.ids.first, items[0].id, "the title match first")
            let windowed = try await hits("防汛", window: 2)
            XCTAssertFalse(windowed.exact)
            XCTAssertEqual(windowed.total, 2)
            XCTAssertEqual(windowed.ids.first, items[0].id, "the oldest item is still ranked: it has the word in its title")
            XCTAssertEqual(Set(windowed.ids), Set([items[0].id!, items[4].id!, items[3].id!]), "newest two plus the title match")
            // A phrase ending in a single character is a prefix: 2025年 inside 2025年度.
            let year = try await hits("\"2025年\"", window: 10)
            XCTAssertEqual(year.total, 5)
            let notAdjacent = try await hits("\"2025度\"", window: 10)
            XCTAssertEqual(notAdjacent.total, 0)
            let lastCharacter = try await hits("项", window: 10)
            XCTAssertEqual(lastCharacter.total, 5, "a character at the end of a run is found")
            // 主题: the first level finds its second levels.
            items[1].topic = "城乡建设、环境保护/防汛抗旱"
            try await items[1].update(on: env.db)
            try await SearchService.update(items[1], on: env.db)
            let topic = try await hits("防汛", window: 10, SearchFilter(topic: "城乡建设、环境保护"))
            XCTAssertEqual(topic.ids, [items[1].id!])
        }
    }
}

final class SearchPageTests: XCTestCase {
    func testSearchPageAndAPI() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let a = try await f.item(env, title: "关于做好临时救助工作的通知")
            a.bodyHTML = "<p>各乡镇要做好<script>x</script>临时救助工作。</p>"
            try await a.update(on: env.db)
            try await SearchService.update(a, on: env.db)
            try await env.withClient { client in
                let b = Browser(client)
                let page = try await b.get("/search?q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("找到 1 条结果"))
                XCTAssertTrue(page.body.contains("<mark>临时救助</mark>"))
                let xss = try await b.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
                XCTAssertFalse(xss.body.contains("<script>alert(1)"), "the query is escaped on the page")
                let empty = try await b.get("/search")
                XCTAssertFalse(empty.body.contains("找到"))
                let api = try await b.get("/api/v1/search?q=%E6%95%91%E5%8A%A9&per_page=5")
                XCTAssertEqual(api.status, .ok)
                let decoded = try JSONDecoder().decode(SearchRoutes.APIPage.self, from: Data(api.body.utf8))
                XCTAssertEqual(decoded.total, 1)
                XCTAssertEqual(decoded.results.first?.item.title, a.title)
                XCTAssertTrue(decoded.results.first?.snippet.contains("临时救助") ?? false)
                let noQ = try await b.get("/api/v1/search?q=%EF%BC%8C")
                XCTAssertEqual(noQ.status, .badRequest)
                let bigPage = try await b.get("/api/v1/search?q=x&per_page=1000")
                XCTAssertEqual(bigPage.status, .badRequest)
            }
        }
    }
}

/// Issue 11.12: search as people type it.
final class SearchQualityTests: XCTestCase {
    func testFallbackRankingExclusionAndMarkedTitles() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let policy = try await f.item(env, title: "测试县临时救助实施办法", columns: ["zcwj"], kind: .normativeDocument)
            let reading = try await f.item(env, title: "《测试县临时救助实施办法》政策解读", columns: ["zcjd"], kind: .interpretation, interprets: policy,
                                           body: "<p>" + String(repeating: "测试县临时救助实施办法明确了救助对象。", count: 8) + "</p>")
            let chart = try await f.item(env, title: "图解：测试县临时救助实施办法", columns: ["zcjd"])
            _ = try await f.item(env, title: "2026年城乡低保的保障标准调整", columns: ["shjz"])
            try await env.withClient { client in
                let b = Browser(client)
                let byName = try await b.get("/search?q=%E6%B5%8B%E8%AF%95%E5%8E%BF%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9%E5%AE%9E%E6%96%BD%E5%8A%9E%E6%B3%95")
                let first = try XCTUnwrap(byName.body.range(of: "/content/\(policy.id!.uuidString)"))
                let second = try XCTUnwrap(byName.body.range(of: "/content/\(reading.id!.uuidString)"))
                XCTAssertLessThan(first.lowerBound, second.lowerBound, "the policy ranks above its interpretation for its name")
                XCTAssertTrue(byName.body.contains("<mark>测试县临时救助实施办法</mark></a>"), "the title is marked")

                let excluding = try await b.get("/search?q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9+-%E5%9B%BE%E8%A7%A3")
                XCTAssertFalse(excluding.body.contains(chart.id!.uuidString), "-图解 excludes")
                XCTAssertTrue(excluding.body.contains(policy.id!.uuidString))

                // 低保标准: no such phrase; its words are searched and the page says so.
                let loose = try await b.get("/search?q=%E4%BD%8E%E4%BF%9D%E6%A0%87%E5%87%86")
                XCTAssertTrue(loose.body.contains("没有找到与“低保标准”完全一致的结果，以下是同时包含“低保”“标准”的结果"), String(loose.body.prefix(3000)))
                XCTAssertTrue(loose.body.contains("城乡<mark>低保</mark>的保障<mark>标准</mark>调整"))
                let question = try await b.get("/search?q=%E6%80%8E%E4%B9%88%E7%94%B3%E8%AF%B7%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9")
                XCTAssertTrue(question.body.contains(policy.id!.uuidString), "怎么申请临时救助 finds the 临时救助 documents")
            }
        }
    }
}
