import FluentKit
import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiApp

/// A new site ships a sensitive-word list, and administrators are warned while the list is empty.
final class SensitiveWordListTests: XCTestCase {
    func testSecrecyMarkingsAreFlaggedOnANewSite() async throws {
        try await withEnvironment { env in
            let checker = try await CheckTermStore(services: env.services).checker()
            let found = checker.check(title: "关于印发某项方案的通知", bodyHTML: "<p>绝密★1年</p><p>本文件为内部资料，不得外传。</p>")
            let words = found.filter { $0.kind == .sensitiveWord }.map(\.match)
            for w in ["绝密", "内部资料", "不得外传"] { XCTAssertTrue(words.contains { $0.contains(w) || w.contains($0) }, "\(w) in \(words)") }
            XCTAssertTrue(found.filter { $0.kind == .sensitiveWord }.allSatisfy(\.isSevere))
            // An ordinary notice passes.
            XCTAssertTrue(checker.check(title: "临时救助发放公示", bodyHTML: "<p>涉及商业秘密的内容依法不予公开。</p>")
                .filter { $0.kind == .sensitiveWord }.isEmpty)
        }
    }

    func testDashboardWarnsWhileTheListIsEmpty() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("root", Fixture.password)
                var page = try await admin.get("/admin")
                XCTAssertFalse(page.body.contains("敏感词表为空"))
                try await CheckTermStore(services: env.services).replace(.sensitive, with: "", actor: .commandLine("t"))
                page = try await admin.get("/admin")
                XCTAssertTrue(page.body.contains("敏感词表为空"))
                // Not shown to staff who cannot edit the lists.
                let officer = Browser(client)
                try await officer.logIn("officera", Fixture.password)
                let officerPage = try await officer.get("/admin")
                XCTAssertFalse(officerPage.body.contains("敏感词表为空"))
            }
        }
    }
}
