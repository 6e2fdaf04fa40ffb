import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import XCTest
@testable import GongkaiApp

/// Issue 13: search and the column listing used to be updated after the commit, while the audit
/// record had already moved the public page cache; a page rendered in between was cached stale
/// until the next audited change anywhere. The pages are looked at exactly there — right after the
/// commit — and again later from the cache. Runs on SQLite and PostgreSQL.
final class PublicationWindowTests: XCTestCase {
    func testPagesRenderedRightAfterTheCommitAreCurrentAndStayCurrent() async throws {
        try await withEnvironment(extraEnvironment: ["GONGKAI_PAGE_CACHE_PAGES": "100"]) { env in
            let f = try await Fixture.seed(env)
            let title = "关于城区临时停水的公告"
            let item = try await f.item(env, title: title, publish: false)
            let settings = PublishingSettings(flow: ReviewFlow(steps: [.init(name: "初审", role: .reviewer)]))
            try await PublishingDesk(services: env.services, fixed: settings)
                .perform(.submit, on: item, roles: [.informationOfficer], actorUserID: f.officerA.id, actor: .commandLine("t"))
            let column = "/xxgk/\(f.deptA.id!)/fdzdgknr/shjz"
            let index = "/xxgk/\(f.deptA.id!)/fdzdgknr"
            let search = "/search?q=%E4%B8%B4%E6%97%B6%E5%81%9C%E6%B0%B4"

            try await env.withClient { client in
                let citizen = Browser(client)
                // Cached before: the column without the item.
                let before = try await citizen.get(column)
                XCTAssertFalse(before.body.contains(title))

                let seen = NIOLockedValueBox<[String: String]>([:])
                var desk = PublishingDesk(services: env.services, fixed: settings)
                desk.afterCommit = {
                    let b = Browser(client)
                    for path in [column, index, search] {
                        let body = try await b.get(path).body
                        seen.withLockedValue { $0[path] = body }
                    }
                }
                try await desk.perform(.approve, on: item, roles: [.reviewer], actorUserID: f.userA.id, actor: .commandLine("t"))

                let atCommit = seen.withLockedValue { $0 }
                XCTAssertTrue(atCommit[column]?.contains(title) ?? false, "the column right after the commit lists the item")
                XCTAssertTrue(atCommit[index]?.contains("（1）") ?? false, "the section's count right after the commit")
                // (search marks the matched words in titles: look for the link)
                XCTAssertTrue(atCommit[search]?.contains("/content/\(item.id!.uuidString)") ?? false, "search right after the commit finds the item")
                // And later, from the cache: still current (a stale page would have been kept).
                let later = try await citizen.get(column)
                XCTAssertTrue(later.body.contains(title))

                // The same for a withdrawal: gone from every page at the commit.
                desk.afterCommit = {
                    let b = Browser(client)
                    for path in [column, search, "/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"] {
                        let page = try await b.get(path)
                        seen.withLockedValue { $0[path] = "\(page.status.code) " + page.body }
                    }
                }
                try await desk.perform(.withdraw(reason: "发布有误"), on: item, roles: [.leader], actorUserID: f.leaderA.id, actor: .commandLine("t"))
                let atWithdrawal = seen.withLockedValue { $0 }
                XCTAssertFalse(atWithdrawal[column]?.contains(title) ?? true)
                XCTAssertFalse(atWithdrawal[search]?.contains("/content/\(item.id!.uuidString)") ?? true)
                XCTAssertTrue(atWithdrawal["/xxgk/\(f.deptA.id!)/content/\(item.id!.uuidString)"]?.hasPrefix("404") ?? false)
                let afterWithdrawal = try await citizen.get(column)
                XCTAssertFalse(afterWithdrawal.body.contains(title))
            }
        }
    }
}
