import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// Events over HTTP: a hearing announced with its selection method, sign-ups chosen by the organiser,
/// the materials warning, the record published only once confirmed; an open day with a waiting list
/// that moves up; the 会议公开率 on the dashboard; contact details never public.
final class ParticipationEventTests: XCTestCase {
    static func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    func testHearingAndOpenDayFromAnnouncementToRecord() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            env.services.clock.set(day: Self.day("2026-10-01"))
            try await env.withClient { client in
                let admin = Browser(client)
                try await admin.logIn("admina", Fixture.password)
                let base = "/admin/participation/\(f.deptA.id!)/events"
                let noMethod = try await admin.post(base, [("kind", "hearing"), ("title", "低保标准调整听证会"), ("starts_on", "2026-10-20"),
                                                           ("starts_at", "09:30"), ("place", "县民政局会议室"), ("description", "听证事项：低保标准调整"),
                                                           ("capacity", "1")])
                XCTAssertEqual(noMethod.status, .badRequest)
                XCTAssertTrue(noMethod.body.contains("id=\"err-selection_method\""))
                let created = try await admin.post(base, [("kind", "hearing"), ("title", "低保标准调整听证会"), ("starts_on", "2026-10-20"),
                                                          ("starts_at", "09:30"), ("place", "县民政局会议室"), ("description", "听证事项：低保标准调整"),
                                                          ("capacity", "1"), ("selection_method", "随机抽取")])
                XCTAssertEqual(created.status, .found)
                let hearing = try await ParticipationEvent.query(on: env.db).first()!
                let adminPath = "/admin/participation/events/\(hearing.id!.uuidString)"
                let publicPath = "/participation/events/\(hearing.id!.uuidString)"
                let hidden = try await Browser(client).get(publicPath)
                XCTAssertEqual(hidden.status, .notFound, "not public before it is announced")
                let v1 = try await admin.post(adminPath, [("action", "publish")]).status
                XCTAssertEqual(v1, .found)

                let citizen = Browser(client)
                let page = try await citizen.get(publicPath)
                XCTAssertTrue(page.body.contains("随机抽取"))
                XCTAssertTrue(page.body.contains("由主办单位按公布的办法遴选"))
                let noCategory = try await citizen.post(publicPath + "/registrations", [("name", "周建国"), ("contact", "13900001234")])
                XCTAssertEqual(noCategory.status, .badRequest)
                XCTAssertTrue(noCategory.body.contains("请选择报名类别"))
                for (name, contact) in [("周建国", "13900001234"), ("吴敏", "13900005678")] {
                    let r = try await citizen.post(publicPath + "/registrations", [("name", name), ("contact", contact), ("category", "群众代表")])
                    XCTAssertEqual(r.status, .ok)
                    XCTAssertTrue(r.body.contains("报名成功") == false && r.body.contains("已报名，待遴选"))
                }
                // Signing up twice is not refused (the form would tell anyone whether a number is registered);
                // the organiser sees the repeat.
                let twice = try await citizen.post(publicPath + "/registrations", [("name", "周建国"), ("contact", "13900001234"), ("category", "群众代表")])
                XCTAssertEqual(twice.status, .ok)
                let repeatSeen = try await admin.get(adminPath)
                XCTAssertTrue(repeatSeen.body.contains("与前面的报名联系方式相同"))
                let shown = try await Browser(client).get(publicPath)
                for secret in ["周建国", "13900001234"] { XCTAssertFalse(shown.body.contains(secret), secret) }

                // Selection up to the places; the materials deadline is watched.
                let regs = try await EventRegistration.query(on: env.db).sort(\.$submittedAt).all()
                let v2 = try await admin.post(adminPath + "/registrations/\(regs[0].id!.uuidString)", [("status", "selected")]).status
                XCTAssertEqual(v2, .found)
                let full = try await admin.post(adminPath + "/registrations/\(regs[1].id!.uuidString)", [("status", "selected")])
                XCTAssertEqual(full.status, .badRequest)
                XCTAssertTrue(full.body.contains("已入选1人，达到名额上限"))
                env.services.clock.set(day: Self.day("2026-10-14"))
                try await admin.logIn("admina", Fixture.password)
                let late = try await admin.get(adminPath)
                XCTAssertTrue(late.body.contains("听证材料应于2026年10月13日前送达参加人"))
                let dashboard = try await admin.get("/admin")
                XCTAssertTrue(dashboard.body.contains("听证材料应于2026年10月13日前送达参加人"))
                let attendance = try await admin.get(adminPath + "/attendance")
                XCTAssertTrue(attendance.body.contains("周建国"), "the organiser's list has the names")
                XCTAssertFalse(attendance.body.contains("13900001234"))

                // After the hearing: the record is public only once the participants confirmed it.
                env.services.clock.set(day: Self.day("2026-10-20"))
                try await admin.logIn("admina", Fixture.password)
                let unconfirmed = try await admin.post(adminPath, [("action", "record"), ("record", "听证笔录：……"), ("publish", "1")])
                XCTAssertEqual(unconfirmed.status, .badRequest)
                XCTAssertTrue(unconfirmed.body.contains("听证笔录须经参加人确认后公开"))
                let v3 = try await admin.post(adminPath, [("action", "record"), ("record", "听证笔录：参加人一致同意调整。"), ("record_confirmed", "1"), ("publish", "1")]).status
                XCTAssertEqual(v3, .found)
                let after = try await Browser(client).get(publicPath)
                XCTAssertTrue(after.body.contains("本笔录已经听证参加人确认"))
                XCTAssertTrue(after.body.contains("参加人一致同意调整"))
                XCTAssertFalse(after.body.contains("id=\"register\""), "sign-up is closed on the day")

                // An open day with one place: the second person waits and moves up when the first withdraws.
                let openDay = try await admin.post(base, [("kind", "open_day"), ("title", "政府开放日"), ("starts_on", "2026-11-10"),
                                                          ("starts_at", "09:00"), ("place", "政务服务中心"), ("description", "参观"), ("capacity", "1")])
                XCTAssertEqual(openDay.status, .found)
                let od = try await ParticipationEvent.query(on: env.db).filter(\.$kind == "open_day").first()!
                _ = try await admin.post("/admin/participation/events/\(od.id!.uuidString)", [("action", "publish")])
                let odPath = "/participation/events/\(od.id!.uuidString)"
                let p = Browser(client)
                _ = try await p.get(odPath)
                let first = try await p.post(odPath + "/registrations", [("name", "王芳"), ("contact", "13700005678")])
                XCTAssertTrue(first.body.contains("报名成功"))
                let second = try await p.post(odPath + "/registrations", [("name", "李明"), ("contact", "13700001111")])
                XCTAssertTrue(second.body.contains("候补"))
                let odRegs = try await EventRegistration.query(on: env.db).filter(\.$eventID == od.id!).sort(\.$submittedAt).all()
                _ = try await admin.post("/admin/participation/events/\(od.id!.uuidString)/registrations/\(odRegs[0].id!.uuidString)", [("status", "withdrawn")])
                let moved = try await EventRegistration.find(odRegs[1].id!, on: env.db)!
                XCTAssertEqual(moved.statusValue, .confirmed)
                let notSelectable = try await admin.post("/admin/participation/events/\(od.id!.uuidString)/registrations/\(odRegs[1].id!.uuidString)", [("status", "selected")])
                XCTAssertTrue(notSelectable.body.contains("按报名先后确定名额"))

                // A meeting without seats or stream counts against the 会议公开率.
                _ = try await admin.post(base, [("kind", "open_meeting"), ("title", "局务会议"), ("starts_on", "2026-11-20"), ("starts_at", "09:00"),
                                                ("place", "会议室"), ("description", "研究低保工作"), ("capacity", "2"), ("public_interest", "1")])
                var rate = try await EventQueries.meetingRate(organisationID: f.deptA.id!, year: 2026, through: CivilDate(year: 2026, month: 12, day: 31)!, on: env.db)
                XCTAssertEqual(rate.text, "0.0%", "seats count only once the meeting is announced")
                let meeting = try await ParticipationEvent.query(on: env.db).filter(\.$kind == "open_meeting").first()!
                _ = try await admin.post("/admin/participation/events/\(meeting.id!.uuidString)", [("action", "publish")])
                rate = try await EventQueries.meetingRate(organisationID: f.deptA.id!, year: 2026, through: CivilDate(year: 2026, month: 12, day: 31)!, on: env.db)
                XCTAssertEqual(rate.text, "100.0%")
                let list = try await admin.get(base + "?year=2026")
                XCTAssertTrue(list.body.contains("2026年政府开放日：1次"))
                // On the dashboard once the meeting has been held.
                env.services.clock.set(day: Self.day("2026-11-21"))
                try await admin.logIn("admina", Fixture.password)
                let board = try await admin.get("/admin")
                XCTAssertTrue(board.body.contains("2026年会议公开率（1/1）"))
                let overview = try await Browser(client).get("/participation")
                XCTAssertTrue(overview.body.contains("政府开放日"))
                XCTAssertTrue(overview.body.contains("低保标准调整听证会"))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).all().map(\.action))
            for a in ["新建", "发布活动公告", "报名", "报名处理", "候补递补", "公开活动记录"] { XCTAssertTrue(actions.contains(a), a) }
        }
    }
}
