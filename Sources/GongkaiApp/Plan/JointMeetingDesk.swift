import FluentKit
import Foundation
import GongkaiDomain

/// The monthly 联席会议 (定远 000): scheduled mid-month, held with the member units' attendance
/// recorded (absences with their reason), minutes kept for staff, and 议定事项 entered as ledger
/// tasks with owners and dates.
struct JointMeetingDesk: Sendable {
    let services: AppServices


    /// The member units: the county's departments and offices and its townships.
    func members() async throws -> [Organisation] {
        try await PlanUnitResolver.departmentsAndTownships(services)
    }

    func nextDate() async throws -> CivilDate {
        let calendar = try await CalendarStore(services: services).calendar()
        return JointMeetingSchedule(dayOfMonth: services.config.plan.meetingDay).next(onOrAfter: services.clock.today(), isWorkingDay: calendar.isWorkingDay)
    }

    func schedule(day: String, title: String, topics: String, actor: AuditActor) async throws -> JointMeeting {
        var e: [String: String] = [:]
        let d = CivilDate(iso: day.trimmingSpaces())
        if d == nil || !(2000...2100).contains(d!.year) { e["held_on"] = "请填写会议日期，如 2026-12-15" }
        let name = title.trimmingSpaces(), text = topics.trimmingSpaces()
        if name.count < 2 || name.count > 100 { e["title"] = "请填写会议名称（2–100字）" }
        if text.count > 2000 { e["topics"] = "议题不超过2000字" }
        guard e.isEmpty, let d else { throw DeskFailure.invalid(e) }
        let m = JointMeeting()
        m.id = UUID(); m.heldOn = d.description; m.title = name; m.topics = text; m.minutes = ""; m.held = false
        m.createdBy = actor.name; m.createdAt = services.clock.now()
        let audit = services.audit
        try await services.db.transaction { db in
            try await m.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .jointMeeting, entityID: m.heldOn,
                                   action: "安排会议", changes: [.init(field: "title", before: nil, after: name)])
        }
        return m
    }

    struct Attendance: Sendable, Equatable {
        let organisationID: Int
        let present: Bool
        let attendee: String
        let absenceReason: String
    }

    /// Records the meeting as held: minutes and each member unit's attendance.
    func record(_ m: JointMeeting, minutes: String, attendance: [Attendance], actor: AuditActor) async throws {
        var e: [String: String] = [:]
        let text = minutes.trimmingSpaces()
        if text.count < 10 || text.count > 10_000 { e["minutes"] = "请填写会议纪要（10–10000字）" }
        if let d = CivilDate(iso: m.heldOn), d > services.clock.today() { e["minutes"] = "会议日期（\(m.heldOn)）还没到，不能记录为已召开" }
        for a in attendance where a.attendee.count > 50 || a.absenceReason.count > 200 {
            e["attendance-\(a.organisationID)"] = "参会人不超过50字，缺席原因不超过200字"
        }
        guard e.isEmpty else { throw DeskFailure.invalid(e) }
        let before = m.held
        m.minutes = text
        m.held = true
        let audit = services.audit
        try await services.db.transaction { db in
            try await m.update(on: db)
            try await MeetingAttendance.query(on: db).filter(\.$meetingID == m.id!).delete()
            for a in attendance {
                let r = MeetingAttendance()
                r.id = UUID(); r.meetingID = m.id!; r.organisationID = a.organisationID; r.present = a.present
                r.attendee = a.attendee; r.absenceReason = a.present ? "" : a.absenceReason
                try await r.create(on: db)
            }
            let absent = attendance.filter { !$0.present }.count
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .jointMeeting, entityID: m.heldOn,
                                   action: before ? "修改纪要" : "记录会议",
                                   changes: [.init(field: "attendance", before: nil, after: "出席\(attendance.count - absent)个单位，缺席\(absent)个")])
        }
    }
}
