import FluentKit
import Foundation
import GongkaiDomain
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

final class AssignmentTests: XCTestCase {
    func testTheOfficeAssignsADepartmentSignsForItOrReturnsIt() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            let actor = AuditActor.commandLine("test")
            _ = try await StaffDirectory(services: env.services).create(
                .init(username: "office", displayName: "公开办", organisationID: f.county.id!, password: Fixture.password, mustChangePassword: false),
                roles: [(.disclosureOfficeAdministrator, includesSubtree: true)], actor: actor)
            let desk = ApplicationDesk(services: env.services)
            var input = ApplicationInput()
            input.name = "赵六"; input.idNumber = "11010519491231002X"; input.phone = "13900004444"; input.description = "县政府2025年低保工作文件"
            let (first, _) = try await desk.submit(input, to: f.county, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-02")!, clientAddress: "x", actor: actor)
            let (second, _) = try await desk.submit(input, to: f.county, channel: .inPerson, receiptDate: CivilDate(iso: "2026-11-03")!, clientAddress: "x", actor: actor)
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("office", Fixture.password)
                let today = env.services.clock.today().description
                let p1 = "/admin/applications/\(first.id!.uuidString)", p2 = "/admin/applications/\(second.id!.uuidString)"
                try await office.get(p1)
                let awaited325 = try await office.post(p1 + "/assign", [("target", String(f.deptA.id!)), ("note", "请民政局承办")]).status
                XCTAssertEqual(awaited325, .found)
                let awaited327 = try await office.post(p2 + "/assign", [("target", String(f.deptA.id!))]).status
                XCTAssertEqual(awaited327, .found)

                // The department's handler now sees both and signs for the first, returns the second.
                let handler = Browser(client)
                try await handler.logIn("handlera", Fixture.password)
                let list = try await handler.get("/admin/applications")
                XCTAssertTrue(list.body.contains(first.registrationNumber))
                XCTAssertTrue(list.body.contains("待签收"))
                try await handler.get(p1)
                let early = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "1"), ("date", today), ("provision", "当面领取")])
                XCTAssertEqual(early.status, .badRequest, "nothing is decided before the department signs for it")
                let awaited339 = try await handler.post(p1 + "/steps", [("step", "accepted"), ("date", today)]).status
                XCTAssertEqual(awaited339, .found)
                let noReason = try await handler.post(p2 + "/steps", [("step", "returned"), ("date", today)])
                XCTAssertEqual(noReason.status, .badRequest)
                let awaited343 = try await handler.post(p2 + "/steps", [("step", "returned"), ("date", today), ("note", "不属于本局职责")]).status
                XCTAssertEqual(awaited343, .found)
                let awaited345 = try await handler.post(p1 + "/steps", [("step", "decided"), ("code", "1"), ("date", today), ("provision", "当面领取")]).status
                XCTAssertEqual(awaited345, .found)
                // The reply is issued in the name of the organ applied to.
                let reply = try await handler.get(p1 + "/documents/reply")
                XCTAssertTrue(reply.body.contains("<p class=\"issuer\">测试县人民政府</p>"))
                // Once returned, the department no longer sees the second case.
                let awaited351 = try await handler.get(p2).status
                XCTAssertEqual(awaited351, .forbidden)

                // Another department's administrator never sees either.
                let other = Browser(client)
                try await other.logIn("adminb", Fixture.password)
                let awaited357 = try await other.get(p1).status
                XCTAssertEqual(awaited357, .forbidden)
                let awaited359 = try await other.get("/admin/applications").body.contains(first.registrationNumber)
                XCTAssertFalse(awaited359)
                // A department cannot assign.
                let awaited362 = try await handler.post(p1 + "/assign", [("target", String(f.deptB.id!))]).status
                XCTAssertEqual(awaited362, .forbidden)
            }
            let reloaded = try await InformationApplication.find(second.id, on: env.db)!
            XCTAssertNil(reloaded.handlingOrganisationID)
            XCTAssertEqual(reloaded.statusValue, .inProgress)
        }
    }
}
