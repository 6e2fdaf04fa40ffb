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
                            try await trail.record(on: tx, actor: .commandLine("t\(i)"), organisationID: nil, entity: .organisation,
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

/// The chain's head saved outside the database finds deleted newest records; looking at or
/// exporting applicants' personal data is on the trail (issue 12, item 9).
final class AuditAnchorTests: XCTestCase {
    func testDeletingTheNewestRecordsIsFoundOnlyWithASavedHead() async throws {
        try await withEnvironment { env in
            _ = try await Fixture.seed(env)
            let trail = env.services.audit
            let current = try await trail.head(on: env.db)
            let head = try XCTUnwrap(current)
            XCTAssertEqual(AuditAnchor(head.description), head)
            let sql = env.db as! any SQLDatabase
            try await sql.raw("DELETE FROM audit_records WHERE seq >= \(bind: head.sequence - 1)").run()
            // Without the saved head the shortened chain still verifies…
            guard case .intact = try await trail.verify(on: env.db) else { return XCTFail("a shortened chain is still a chain") }
            // …with it, the deletion is found.
            guard case .broken(_, let reason) = try await trail.verify(on: env.db, anchor: head) else { return XCTFail("deletion not found") }
            XCTAssertTrue(reason.contains("最新的记录已被删除"), reason)
            XCTAssertNil(AuditAnchor("12:nothex"))
        }
    }

    func testViewingAnApplicantsDataIsAudited() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            var input = ApplicationInput()
            input.name = "王芳"; input.idNumber = "11010519491231002X"; input.phone = "13900001111"; input.description = "低保资金发放情况"
            let (a, _) = try await ApplicationDesk(services: env.services).submit(input, to: f.deptA, channel: .inPerson,
                                                                                 receiptDate: CivilDate(iso: "2026-11-02"), clientAddress: "x", actor: .commandLine("t"))
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("handlera", Fixture.password)
                let page = try await b.get("/admin/applications/\(a.id!.uuidString)")
                XCTAssertEqual(page.status, .ok)
                let doc = try await b.get("/admin/applications/\(a.id!.uuidString)/documents/receipt?format=docx")
                XCTAssertEqual(doc.status, .ok)
                let audit = try await b.get("/admin/audit")
                XCTAssertEqual(audit.status, .forbidden, "handlers do not browse the trail")
                let root = Browser(client)
                try await root.logIn("root", Fixture.password)
                let trail = try await root.get("/admin/audit")
                XCTAssertTrue(trail.body.contains("id=\"audit-head\""))
            }
            let records = try await AuditRecord.query(on: env.db).filter(\.$entityID == a.registrationNumber).all()
            let views = records.filter { $0.action == "查看申请人信息" }
            XCTAssertEqual(views.count, 1)
            XCTAssertEqual(views.first?.actorName, "测试handlera（handlera）")
            XCTAssertTrue(records.contains { $0.action == "导出文书（登记回执）" }, records.map(\.action).joined(separator: ","))
        }
    }
}
