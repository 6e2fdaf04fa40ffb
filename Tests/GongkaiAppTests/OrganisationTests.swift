import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class OrganisationTests: XCTestCase {
    func testCreateShowsChineseErrorsNextToFieldsAndKeepsInput() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                try await b.get("/admin/orgs/new?parent=\(f.county.id!)")
                let bad = try await b.post("/admin/orgs", [
                    ("parent", String(f.county.id!)), ("name", "测试县水利局"), ("short_name", "县水利局"),
                    ("kind", "county_department"), ("credit_code", "11441700007280420X"), ("office_email", "not-an-email"),
                ])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("统一社会信用代码最后一位校验码不正确（按前17位计算应为“Y”）"), bad.body)
                XCTAssertTrue(bad.body.contains("电子邮箱格式不正确"))
                XCTAssertTrue(bad.body.contains("value=\"测试县水利局\""), "what the user typed is kept")
                XCTAssertTrue(bad.body.contains("aria-invalid=\"true\""))

                let ok = try await b.post("/admin/orgs", [
                    ("parent", String(f.county.id!)), ("name", "测试县水利局"), ("short_name", "县水利局"),
                    ("kind", "county_department"), ("credit_code", "1137078555222300XQ"),
                ])
                XCTAssertEqual(ok.status, .found)
                let created = try await Organisation.query(on: env.db).filter(\.$name == "测试县水利局").first()!
                XCTAssertEqual(created.parentID, f.county.id)
                XCTAssertEqual(created.path, "/\(f.county.id!)/\(created.id!)/")
                let list = try await b.get("/admin/orgs")
                XCTAssertTrue(list.body.contains("测试县水利局"))

                // A kind in the wrong place is refused with the rule spelled out.
                let misplaced = try await b.post("/admin/orgs", [
                    ("parent", String(f.county.id!)), ("name", "错位村"), ("short_name", "错位村"), ("kind", "village_committee"),
                ])
                XCTAssertEqual(misplaced.status, .badRequest)
                XCTAssertTrue(misplaced.body.contains("的上级机构只能是"), misplaced.body)
            }
            let audit = try await AuditRecord.query(on: env.db).filter(\.$entity == "机构").filter(\.$action == "新建").all()
            XCTAssertTrue(audit.contains { $0.changes.contains("测试县水利局") })
        }
    }

    func testMoveRebasesTheSubtreeAndRefusesCycles() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let dir = OrganisationDirectory(services: env.services)
            let actor = AuditActor.commandLine("test")
            var i = OrganisationInput()
            i.name = "测试县石桥镇人民政府"; i.shortName = "石桥镇"; i.kind = .townshipGovernment
            let other = try await dir.create(i, parent: f.county, actor: actor)

            try await dir.move(f.village, under: other, actor: actor)
            let moved = try await Organisation.find(f.village.id, on: env.db)!
            XCTAssertEqual(moved.parentID, other.id)
            XCTAssertEqual(moved.path, "/\(f.county.id!)/\(other.id!)/\(f.village.id!)/")

            do {
                try await dir.move(f.county, under: other, actor: actor)
                XCTFail("moving under one's own descendant must fail")
            } catch OrganisationDirectory.Failure.invalid(let e) {
                XCTAssertNotNil(e["parent_id"])
            }
            do {
                try await dir.move(f.deptA, under: other, actor: actor)
                XCTFail("a department cannot sit under a township")
            } catch OrganisationDirectory.Failure.invalid(let e) {
                XCTAssertTrue(e["parent_id"]!.contains("上级机构只能是"))
            }
        }
    }

    func testDeactivateNeverDeletesAndNeedsChildrenFirst() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("root", Fixture.password)
                try await b.get("/admin/orgs/\(f.township.id!)")
                let refused = try await b.post("/admin/orgs/\(f.township.id!)/deactivate", [])
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertTrue(refused.body.contains("还有1个启用中的下级机构"))
                let awaited1 = try await b.post("/admin/orgs/\(f.village.id!)/deactivate", []).status
                XCTAssertEqual(awaited1, .found)
                let awaited2 = try await b.post("/admin/orgs/\(f.township.id!)/deactivate", []).status
                XCTAssertEqual(awaited2, .found)
                // Gone from the portal, kept in the database.
                let awaited3 = try await b.get("/xxgk/\(f.township.id!)").status
                XCTAssertEqual(awaited3, .notFound)
                let awaited4 = try await Organisation.find(f.township.id, on: env.db)
                XCTAssertNotNil(awaited4)
            }
        }
    }

    func testEditingRecordsBeforeAndAfterInTheAuditTrail() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await env.withClient { client in
                let b = Browser(client)
                try await b.logIn("admina", Fixture.password)
                try await b.get("/admin/orgs/\(f.deptA.id!)")
                let r = try await b.post("/admin/orgs/\(f.deptA.id!)", [
                    ("name", "测试县民政局"), ("short_name", "县民政局"), ("kind", "county_department"),
                    ("office_phone", "0832-7654321"), ("office_hours", "工作日 9:00-17:00"),
                ])
                XCTAssertEqual(r.status, .found)
            }
            let rec = try await AuditRecord.query(on: env.db).filter(\.$action == "修改").first()!
            XCTAssertEqual(rec.organisationID, f.deptA.id)
            XCTAssertTrue(rec.actorName.contains("admina"))
            let changes = try JSONDecoder().decode([FieldChange].self, from: Data(rec.changes.utf8))
            XCTAssertTrue(changes.contains(FieldChange(field: "office_phone", before: "0832-1234567", after: "0832-7654321")))
        }
    }
}
