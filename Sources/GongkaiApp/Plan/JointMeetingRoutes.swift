import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 联席会议 in the back office: the schedule, a meeting's attendance and minutes (for staff
/// only), and its 议定事项 entered as ledger tasks.
enum JointMeetingRoutes {
    struct MeetingLink: Sendable {
        let title: String
        let day: String
        let href: String
        let held: Bool
        let absent: Int
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let next: String
        let meetings: [MeetingLink]
        let hasMeetings: Bool
        let isOffice: Bool
        let day: String
        let title: String
        let errors: [String: String]
    }

    struct AttendanceRow: Sendable {
        let id: Int
        let name: String
        let present: Bool
        let attendee: String
        let reason: String
    }

    struct DecisionRow: Sendable {
        let number: Int
        let title: String
        let href: String
        let units: String
        let deadline: String
    }

    struct MeetingView: Sendable {
        let chrome: PageChrome
        let title: String
        let day: String
        let topics: String?
        let held: Bool
        let minutes: String?
        let attendance: [AttendanceRow]
        let present: [String]
        let absent: [String]
        let decisions: [DecisionRow]
        let hasDecisions: Bool
        let isOffice: Bool
        let action: String
        let errors: [String: String]
        let errorList: [String]
        let hasErrors: Bool
        let task: PlanViews.TaskForm
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/meetings", roles: PlanLedgerDesk.viewers, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, day: nil, title: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/meetings", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            let form = context.form
            do {
                let m = try await JointMeetingDesk(services: services).schedule(day: form["held_on"], title: form["title"], topics: form["topics"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/meetings/\(m.id!.uuidString)?notice=created", type: .found)
            } catch DeskFailure.invalid(let errors) {
                return try await list(services, request, context, auth, day: form["held_on"], title: form["title"], errors: errors, status: .badRequest)
            }
        }
        bo.get("/admin/meetings/:meeting", roles: PlanLedgerDesk.viewers, target: .anyScope) { request, context, auth in
            guard let m = try await JointMeeting.find(context.parameters.get("meeting", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            return try await page(services, request, context, auth, m, minutes: nil, attendance: nil, errors: [:], task: nil, taskErrors: [:], status: .ok)
        }
        bo.post("/admin/meetings/:meeting", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            guard let m = try await JointMeeting.find(context.parameters.get("meeting", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let form = context.form
            let desk = JointMeetingDesk(services: services)
            if form["action"] == "task" {
                var input = PlanLedgerDesk.TaskInput.parse(form)
                input.year = String(CivilDate(iso: m.heldOn)?.year ?? services.clock.today().year)
                input.category = "联席会议议定事项"
                do {
                    try await PlanLedgerDesk(services: services).save(input, task: nil, source: "meeting", meetingID: m.id, actor: auth.staff.actor(context))
                } catch DeskFailure.invalid(let errors) {
                    return try await page(services, request, context, auth, m, minutes: nil, attendance: nil, errors: [:], task: input, taskErrors: errors, status: .badRequest)
                }
                return .redirect(to: "/admin/meetings/\(m.id!.uuidString)?notice=saved", type: .found)
            }
            let members = try await desk.members()
            let attendance = members.map { o in
                JointMeetingDesk.Attendance(organisationID: o.id!, present: form["present\(o.id!)"] == "1",
                                            attendee: form["attendee\(o.id!)"].trimmingSpaces(), absenceReason: form["reason\(o.id!)"].trimmingSpaces())
            }
            do {
                try await desk.record(m, minutes: form["minutes"], attendance: attendance, actor: auth.staff.actor(context))
            } catch DeskFailure.invalid(let errors) {
                return try await page(services, request, context, auth, m, minutes: form["minutes"], attendance: attendance, errors: errors, task: nil, taskErrors: [:], status: .badRequest)
            }
            return .redirect(to: "/admin/meetings/\(m.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     day: String?, title: String?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let desk = JointMeetingDesk(services: services)
        let next = try await desk.nextDate()
        let meetings = try await JointMeeting.query(on: services.db).sort(\.$heldOn, .descending).limit(100).all()
        let absences = try await MeetingAttendance.query(on: services.db).filter(\.$present == false).all()
        return services.templates.page("admin-meetings", ListView(
            chrome: AdminChrome.make(services, context, title: "联席会议", path: "/admin/meetings", notice: PlanRoutes.notice(request)),
            next: next.chinese(withYear: true),
            meetings: meetings.map { m in MeetingLink(title: m.title, day: m.heldOn, href: "/admin/meetings/\(m.id!.uuidString)", held: m.held,
                                                     absent: absences.filter { $0.meetingID == m.id }.count) },
            hasMeetings: !meetings.isEmpty, isOffice: try await PlanRoutes.isOffice(services, auth),
            day: day ?? next.description, title: title ?? "\(next.year)年\(next.month)月政务公开工作联席会议", errors: errors), status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, _ m: JointMeeting,
                     minutes: String?, attendance: [JointMeetingDesk.Attendance]?, errors: [String: String],
                     task: PlanLedgerDesk.TaskInput?, taskErrors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        // Minutes are for staff; a unit's staff see the attendance and 议定事项 of their own units.
        let office = try await PlanRoutes.isOffice(services, auth)
        let visible = Set(try await PlanRoutes.units(services, auth, roles: PlanLedgerDesk.viewers).compactMap(\.id))
        let members = try await JointMeetingDesk(services: services).members().filter { office || visible.contains($0.id!) }
        let recorded = try await MeetingAttendance.query(on: services.db).filter(\.$meetingID == m.id!).all().filter { office || visible.contains($0.organisationID) }
        let names = try await OrganisationQueries.activeNames(services)
        let rows = members.map { o -> AttendanceRow in
            if let a = attendance?.first(where: { $0.organisationID == o.id }) {
                return AttendanceRow(id: o.id!, name: o.name, present: a.present, attendee: a.attendee, reason: a.absenceReason)
            }
            let r = recorded.first { $0.organisationID == o.id }
            return AttendanceRow(id: o.id!, name: o.name, present: r?.present ?? true, attendee: r?.attendee ?? "", reason: r?.absenceReason ?? "")
        }
        let tasks = try await PlanTask.query(on: services.db).filter(\.$meetingID == m.id!).sort(\.$number).all()
        let lines = try await PlanQueries.lines(tasks, services, organisationIDs: office ? nil : visible, today: services.clock.today())
        let decisions = lines.map { l in
            DecisionRow(number: l.task.number, title: l.task.title, href: "/admin/plan/tasks/\(l.task.id!.uuidString)",
                        units: PlanQueries.unitNames(l, names: names).leads, deadline: l.task.deadline.label)
        }
        return services.templates.page("admin-meeting", MeetingView(
            chrome: AdminChrome.make(services, context, title: m.title, path: "/admin/meetings", notice: PlanRoutes.notice(request)),
            title: m.title, day: m.heldOn, topics: m.topics.nonEmpty, held: m.held, minutes: (minutes ?? m.minutes).nonEmpty, attendance: rows,
            present: recorded.filter(\.present).compactMap { names[$0.organisationID] },
            absent: recorded.filter { !$0.present }.map { "\(names[$0.organisationID] ?? "")" + ($0.absenceReason.isEmpty ? "" : "（\($0.absenceReason)）") },
            decisions: decisions, hasDecisions: !decisions.isEmpty, isOffice: office,
            action: "/admin/meetings/\(m.id!.uuidString)", errors: errors, errorList: errors.keys.sorted().compactMap { errors[$0] }, hasErrors: !errors.isEmpty,
            task: PlanViews.TaskForm(action: "/admin/meetings/\(m.id!.uuidString)", isNew: false, input: task ?? PlanLedgerDesk.TaskInput(), errors: taskErrors)),
            status: status)
    }
}
