import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

final class AuditTrailTests: XCTestCase {
    func testTamperingWithARowIsFoundByVerify() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            let trail = env.services.audit
            guard case .intact(let count) = try await trail.verify(on: env.db) else { return XCTFail("fresh chain must verify") }
            XCTAssertGreaterThan(count, 10)

            let sql = env.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_records SET action = \(bind: "删除") WHERE seq = 4").run()
            let awaited28 = try await trail.verify(on: env.db)
            XCTAssertEqual(awaited28, .broken(sequence: 4, reason: "本条记录内容与其哈希不符（本条记录可能被篡改）"))
        }
    }

    func testDeletingARowIsFoundByVerify() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            let sql = env.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_records WHERE seq = 3").run()
            guard case .broken(let seq, _) = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
            XCTAssertEqual(seq, 4)
        }
    }

    func testRewritingARowWithAFreshHashBreaksTheNextLink() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            // A forger who recomputes the row's own hash still breaks the link from the next row.
            let row = try await AuditRecord.query(on: env.db).filter(\.$sequence == 2).first()!
            row.actorName = "伪造者"
            row.hash = row.entry.hash
            try await row.update(on: env.db)
            guard case .broken(let seq, let reason) = try await env.services.audit.verify(on: env.db) else { return XCTFail() }
            XCTAssertEqual(seq, 3)
            XCTAssertTrue(reason.contains("前一条记录"))
        }
    }

    func testConcurrentAppendsKeepOneUnbrokenChain() async throws {
        try await withEnvironment { env in
            let trail = env.services.audit
            let db = env.services.database
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        _ = try await db.db.transaction { tx in
                            try await trail.record(on: tx, actor: .commandLine("t\(i)"), organisationID: nil, entity: "测试",
                                                   entityID: String(i), action: "并发")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let awaited29 = try await trail.verify(on: env.db)
            XCTAssertEqual(awaited29, .intact(count: 20))
        }
    }

    func testAuditBrowserFiltersAndShowsChanges() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                let page = try await b.get("/admin/audit?entity=%E6%9C%BA%E6%9E%84&action=%E6%96%B0%E5%BB%BA")
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.body.contains("测试县民政局"))
                XCTAssertFalse(page.body.contains("授予角色"), "filtered to 机构/新建")
                let bad = try await b.get("/admin/audit?from=2026-13-45")
                XCTAssertTrue(bad.body.contains("日期格式应为"))
                _ = f
            }
        }
    }
}
