import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back office of participation events: an organisation's events with its 会议公开率 and open-day
/// count, announcing an event, deciding sign-ups, materials, participants, the record, and the
/// printable attendance list.
enum EventAdminRoutes {
    static let editors = DecisionAdminRoutes.editors
    static let viewers = DecisionAdminRoutes.viewers

    static let owner = RecordOwner(kind: "event") { raw, db in
        guard let id = UUID(uuidString: raw), let e = try await ParticipationEvent.find(id, on: db) else { return [] }
        return [e.organisationID]
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let kind: String
        let when: String
        let state: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let action: String
        let year: Int
        let years: [OptionItem]
        let rows: [Row]
        let hasRows: Bool
        let meetingRate: String
        let meetingCounted: Int
        let meetingMet: Int
        let meetingLines: [DecisionListPage.RateLine]
        let openDays: Int
        let openDayWarning: String?
        let newHref: String?
    }

    struct FormView: Sendable {
        let chrome: PageChrome
        let heading: String
        let organisation: String
        let action: String
        let kinds: [OptionItem]
        let kindError: String?
        let kindFixed: Bool
        let fields: [FieldView]
        let publicInterest: Bool
        let seatFields: [FieldView]
        let decisions: [OptionItem]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct RegistrationRow: Sendable {
        let receipt: String
        let name: String
        let contact: String
        let category: String
        let note: String?
        let date: String
        let status: String
        let action: String
        let canSelect: Bool
        let canWithdraw: Bool
        /// The same contact signed up before (the public form does not say so, to reveal nothing).
        let duplicate: Bool
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let title: String
        let kind: String
        let organisation: String
        let listHref: String
        let when: String
        let place: String
        let isPublished: Bool
        let publicHref: String?
        let warnings: [String]
        let hasWarnings: Bool
        let registrations: [RegistrationRow]
        let hasRegistrations: Bool
        let takesRegistration: Bool
        let selects: Bool
        let held: String
        let deliversMaterials: Bool
        let materialsDeliveredOn: String
        let participants: String
        let record: String
        let recordConfirmed: Bool
        let recordPublished: Bool
        let recordLabel: String
        let editHref: String
        let attendanceHref: String
        let canEdit: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let today: String
    }

    struct AttendanceView: Sendable {
        let title: String
        let organisation: String
        let when: String
        let place: String
        let header: [String]
        let rows: [[String]]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = EventDesk(services: services)
        let orgTarget = AccessTarget.organisation(param: "org")

        bo.get("/admin/participation/:org/events", roles: viewers, target: orgTarget) { request, context, auth in
            let org = auth.organisation!
            let year = try request.query.integer("year", in: 2000...2100, fallback: services.clock.today().year, label: "年度（year）")
            let events = try await ParticipationEvent.query(on: services.db).filter(\.$organisationID == org.id!)
                .filter(\.$startsOn >= "\(year)-01-01").filter(\.$startsOn <= "\(year)-12-31").sort(\.$startsOn).all()
            let rate = try await EventQueries.meetingRate(organisationID: org.id!, year: year, through: services.clock.today(), on: services.db)
            let openDays = events.filter { $0.kindValue == .openDay && $0.publishedAt != nil }.count
            let thisYear = services.clock.today().year
            let path = "/admin/participation/\(org.id!)/events"
            let view = ListView(
                chrome: AdminChrome.make(services, context, title: "公众参与活动 - \(org.name)", path: path, notice: AdminChrome.notice(request)),
                organisation: org.name, action: path, year: year,
                years: DecisionListPage.yearOptions(thisYear: thisYear, selected: year),
                rows: events.map { e in
                    Row(title: e.title, href: "/admin/participation/events/\(e.id!.uuidString)", kind: e.kindValue.label,
                        when: EventPage.when(e), state: e.publishedAt == nil ? "未发布" : e.recordPublishedAt == nil ? "已发布" : "已公开记录")
                },
                hasRows: !events.isEmpty, meetingRate: rate.text, meetingCounted: rate.denominator, meetingMet: rate.numerator,
                meetingLines: rate.counted.map { m in
                    DecisionListPage.RateLine(title: m.title, met: rate.met.contains(m),
                                              note: "\(m.heldOn.chinese(withYear: true))；列席名额\(m.seatsOffered)个；" + (m.streamed ? "有直播或回放" : "无直播"))
                },
                openDays: openDays,
                openDayWarning: org.kind.isAdministrativeOrgan && openDays == 0 ? "\(year)年尚未举办政府开放日（工作要点要求每年至少一次）" : nil,
                newHref: auth.staff.policy.allows(editors, ancestry: org.ancestry.ids) ? path + "/new" : nil)
            return services.templates.page("admin-events", view)
        }

        bo.get("/admin/participation/:org/events/new", roles: editors, target: orgTarget) { request, context, auth in
            var values = ["starts_on": services.clock.today().adding(days: 14).description, "starts_at": "09:30", "public_interest": "1"]
            if let k = request.query.get("kind") { values["kind"] = k }
            if let d = request.query.get("decision") { values["decision"] = d }
            return try await form(services, context, auth, event: nil, values: values, errors: [:], status: .ok)
        }

        bo.post("/admin/participation/:org/events", roles: editors, target: orgTarget) { _, context, auth in
            let org = auth.organisation!
            let form = context.form
            var (input, errors) = EventInput.parse({ form[$0] }, today: services.clock.today())
            var decision: Decision?
            do { decision = try await DecisionDesk(services: services).ownDecision(form["decision"], organisationID: org.id!) }
            catch let f as DeskFailure { errors["decision"] = f.message }
            if errors.isEmpty, input.startsOn < services.clock.today() { errors["starts_on"] = "活动日期不能早于今天" }
            guard errors.isEmpty else { return try await Self.form(services, context, auth, event: nil, values: values(form), errors: errors, status: .badRequest) }
            let e = try await desk.create(input, in: org, decision: decision, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/participation/events/\(e.id!.uuidString)?notice=created", type: .found)
        }

        let target = AccessTarget.record(param: "event", owner: owner)
        bo.get("/admin/participation/events/:event", roles: viewers, target: target) { request, context, auth in
            try await page(services, request, context, auth, errors: [:], status: .ok)
        }

        bo.get("/admin/participation/events/:event/edit", roles: editors, target: target) { _, context, auth in
            let e = try await event(context, services)
            let values = ["kind": e.kind, "title": e.title, "starts_on": e.startsOn, "starts_at": e.startsAt, "place": e.place,
                          "description": e.description, "selection_method": e.selectionMethod, "capacity": String(e.capacity),
                          "registration_closes_on": e.registrationClosesOn ?? "", "stream_url": e.streamURL,
                          "public_interest": e.publicInterest ? "1" : "", "decision": e.decisionID?.uuidString ?? ""]
                .merging(seatValues(CategorySeats(stored: e.categorySeats))) { a, _ in a }
            return try await form(services, context, auth, event: e, values: values, errors: [:], status: .ok)
        }

        bo.get("/admin/participation/events/:event/attendance", roles: viewers, target: target) { _, context, auth in
            let e = try await event(context, services)
            let rows = try await desk.registrations(of: e).filter { $0.statusValue.holdsPlace }.enumerated().map { n, r in
                [String(n + 1), r.name, r.category, ConsultationAdminRoutes.maskedContact(r.contact), ""]
            }
            return services.templates.page("event-attendance", AttendanceView(
                title: "\(e.title) 签到表", organisation: auth.organisation!.name, when: EventPage.when(e), place: e.place,
                header: ["序号", "姓名", "类别", "联系方式", "签名"], rows: rows))
        }

        bo.post("/admin/participation/events/:event", roles: editors, target: target) { request, context, auth in
            let e = try await event(context, services)
            let form = context.form
            let actor = auth.staff.actor(context)
            var errors: [String: String] = [:]
            do {
                switch form["action"] {
                case "publish": try await desk.publish(e, actor: actor)
                case "materials": try await desk.recordMaterials(e, deliveredOn: form["materials_delivered_on"], actor: actor)
                case "participants": try await desk.setParticipants(e, text: form["participants"], actor: actor)
                case "record":
                    try await desk.setRecord(e, text: form["record"], confirmed: form["record_confirmed"] == "1",
                                             publish: form["publish"] == "1", actor: actor)
                case "summary": try await desk.linkSummary(e, indexNumber: form["index_number"], actor: actor)
                case "edit":
                    let (input, parsed) = EventInput.parse({ form[$0] }, today: services.clock.today())
                    var e2 = parsed
                    var decision: Decision?
                    do { decision = try await DecisionDesk(services: services).ownDecision(form["decision"], organisationID: e.organisationID) }
                    catch let f as DeskFailure { e2["decision"] = f.message }
                    guard e2.isEmpty else {
                        return try await Self.form(services, context, auth, event: e, values: values(form), errors: e2, status: .badRequest)
                    }
                    try await desk.update(e, with: input, decision: decision, actor: actor)
                default: throw DeskFailure.invalid(["action": "未知操作"])
                }
            } catch let f as DeskFailure {
                errors = f.fieldErrors(refusalAt: "action")
            }
            if !errors.isEmpty { return try await page(services, request, context, auth, errors: errors, status: .badRequest) }
            return .redirect(to: "/admin/participation/events/\(e.id!.uuidString)?notice=saved", type: .found)
        }

        bo.post("/admin/participation/events/:event/registrations/:registration", roles: editors, target: target) { request, context, auth in
            let e = try await event(context, services)
            guard let rid = context.parameters.get("registration", as: UUID.self), let r = try await EventRegistration.find(rid, on: services.db),
                  r.eventID == e.id else { throw HTTPError(.notFound) }
            do {
                guard let status = RegistrationBook.Status(rawValue: context.form["status"]) else { throw DeskFailure.invalid(["status": "请选择处理方式"]) }
                try await desk.decide(r, in: e, to: status, actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, errors: ["action": f.message], status: .badRequest)
            }
            return .redirect(to: "/admin/participation/events/\(e.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func values(_ form: FormData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (["kind", "title", "starts_on", "starts_at", "place", "description", "selection_method", "capacity",
                                           "registration_closes_on", "stream_url", "public_interest", "decision"]
                                          + EventKind.openMeeting.categories.indices.map { "seats_\($0 + 1)" }).map { ($0, form[$0]) })
    }

    static func seatValues(_ seats: CategorySeats) -> [String: String] {
        var out: [String: String] = [:]
        for (i, c) in EventKind.openMeeting.categories.enumerated() {
            if let s = seats.seats.first(where: { $0.category == c }) { out["seats_\(i + 1)"] = String(s.count) }
        }
        return out
    }

    static func event(_ context: AppRequestContext, _ services: AppServices) async throws -> ParticipationEvent {
        guard let id = context.parameters.get("event", as: UUID.self), let e = try await ParticipationEvent.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return e
    }

    static func form(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, event e: ParticipationEvent?,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let org = auth.organisation!
        let decisions = try await Decision.query(on: services.db).filter(\.$organisationID == org.id!)
            .filter(\.$year >= services.clock.today().year - 1).sort(\.$position).all().filter { $0.removedReason == nil }
        let labels: [(String, String, String?, Bool, String)] = [
            ("title", "名称", nil, false, "text"), ("starts_on", "日期", "格式如 2026-10-20", false, "date"),
            ("starts_at", "开始时间", "格式如 09:30", false, "text"), ("place", "地点", nil, false, "text"),
            ("description", "内容", "议程、议题、活动安排；听证会写明听证事项、草案和起草说明的获取方式", true, "text"),
            ("selection_method", "参加人遴选办法", "听证会必填，将公布", true, "text"),
            ("capacity", "名额", "接受报名的活动必填；开放会议为列席名额", false, "text"),
            ("registration_closes_on", "报名截止日期", "选填，不晚于活动日期", false, "date"),
            ("stream_url", "直播或回放地址", "选填，https:// 开头", false, "text"),
        ]
        let action = e.map { "/admin/participation/events/\($0.id!.uuidString)" } ?? "/admin/participation/\(org.id!)/events"
        let seatFields = EventKind.openMeeting.categories.enumerated().map { i, c in
            FieldView(name: "seats_\(i + 1)", label: "列席名额：\(c)", value: values["seats_\(i + 1)"] ?? "", error: errors["seats_\(i + 1)"],
                      hint: nil, required: false, multiline: false, inputType: "text")
        }
        let view = FormView(
            chrome: AdminChrome.make(services, context, title: e == nil ? "新建活动" : "修改活动", path: "/admin/participation"),
            heading: e == nil ? "新建公众参与活动" : "修改活动", organisation: org.name, action: action,
            kinds: EventKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: values["kind"] == $0.rawValue) },
            kindError: errors["kind"], kindFixed: e != nil,
            fields: labels.map { l in
                FieldView(name: l.0, label: l.1, value: values[l.0] ?? "", error: errors[l.0], hint: l.2,
                          required: ["title", "starts_on", "starts_at", "place", "description"].contains(l.0), multiline: l.3, inputType: l.4)
            },
            publicInterest: values["public_interest"] == "1", seatFields: seatFields,
            decisions: [OptionItem(value: "", label: "（不属于重大行政决策事项）", selected: (values["decision"] ?? "").isEmpty)]
                + decisions.map { OptionItem(value: $0.id!.uuidString, label: "\($0.year)年：\($0.title)", selected: values["decision"] == $0.id!.uuidString) },
            hasErrors: !errors.isEmpty,
            errorList: ["kind", "title", "starts_on", "starts_at", "place", "description", "selection_method", "capacity",
                        "registration_closes_on", "stream_url", "decision"].compactMap { errors[$0] })
        return services.templates.page("admin-event-form", view, status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let e = try await event(context, services)
        let org = auth.organisation!
        let desk = EventDesk(services: services)
        let regs = try await desk.registrations(of: e)
        let today = services.clock.today()
        let kind = e.kindValue
        let base = "/admin/participation/events/\(e.id!.uuidString)"
        let canEdit = auth.staff.policy.allows(editors, ancestry: org.ancestry.ids)
        let warnings = e.publishedAt == nil ? ["活动尚未发布，公众看不到"] : EventChecks.warnings(
            kind: kind, startsOn: e.day, today: today, materialsDeliveredOn: e.materialsDelivered,
            participantsPublished: !e.participants.isEmpty, recordPublished: e.recordPublishedAt != nil)
        let view = PageView(
            chrome: AdminChrome.make(services, context, title: e.title, path: "/admin/participation", notice: AdminChrome.notice(request)),
            title: e.title, kind: kind.label, organisation: org.name,
            listHref: "/admin/participation/\(e.organisationID)/events?year=\(e.day.year)", when: EventPage.when(e), place: e.place,
            isPublished: e.publishedAt != nil, publicHref: e.publishedAt == nil ? nil : EventPage.href(e),
            warnings: warnings, hasWarnings: !warnings.isEmpty,
            registrations: regs.enumerated().map { n, r in
                RegistrationRow(receipt: r.receipt, name: Masking.name(r.name), contact: ConsultationAdminRoutes.maskedContact(r.contact),
                                category: r.category, note: r.note.nonEmpty, date: SiteClock.timeText(r.submittedAt), status: r.statusValue.label,
                                action: "\(base)/registrations/\(r.id!.uuidString)",
                                canSelect: kind.selectsParticipants && r.statusValue != .withdrawn, canWithdraw: r.statusValue != .withdrawn,
                                duplicate: regs.prefix(n).contains { $0.contact == r.contact && $0.statusValue != .withdrawn })
            },
            hasRegistrations: !regs.isEmpty, takesRegistration: kind.takesRegistration, selects: kind.selectsParticipants,
            held: heldText(e, regs),
            deliversMaterials: kind.deliversMaterials, materialsDeliveredOn: e.materialsDeliveredOn ?? "",
            participants: e.participants, record: e.record, recordConfirmed: e.recordConfirmed, recordPublished: e.recordPublishedAt != nil,
            recordLabel: kind.recordLabel, editHref: "\(base)/edit", attendanceHref: "\(base)/attendance", canEdit: canEdit,
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] }, today: today.description)
        return services.templates.page("admin-event", view, status: status)
    }

    /// Places taken of those offered, and per 列席 category where the meeting has them.
    static func heldText(_ e: ParticipationEvent, _ regs: [EventRegistration]) -> String {
        let holding = regs.filter { $0.statusValue.holdsPlace }
        let seats = CategorySeats(stored: e.categorySeats)
        let total = "\(holding.count)/\(e.capacity)"
        guard !seats.isEmpty else { return total }
        return total + "（" + seats.seats.map { s in "\(s.category) \(holding.filter { $0.category == s.category }.count)/\(s.count)" }.joined(separator: "，") + "）"
    }
}

/// Event read models without HTTP.
enum EventQueries {
    /// 会议公开率 of an organisation for a year, from its announced meetings.
    /// Meetings held by `through` (an announced meeting still to come is not counted yet); a stream
    /// counts as a public process only once the meeting was announced.
    static func meetingRate(organisationID: Int, year: Int, through: CivilDate, on db: any Database) async throws -> ParticipationRate<MeetingOpenness.Meeting> {
        let meetings = try await ParticipationEvent.query(on: db).filter(\.$organisationID == organisationID)
            .filter(\.$kind == EventKind.openMeeting.rawValue).all()
        return MeetingOpenness.rate(meetings.map { m in
            MeetingOpenness.Meeting(title: m.title, heldOn: m.day, publicInterest: m.publicInterest,
                                    seatsOffered: m.publishedAt == nil ? 0 : m.capacity, streamed: m.publishedAt != nil && !m.streamURL.isEmpty)
        }.filter { $0.heldOn <= through }, year: year)
    }

    /// Announced events from `from` on (upcoming) or before it with a published record (past).
    static func publicEvents(_ services: AppServices, upcoming: Bool, limit: Int) async throws -> [ParticipationEvent] {
        let today = services.clock.today().description
        var q = ParticipationEvent.query(on: services.db).filter(\.$publishedAt != nil)
        q = upcoming ? q.filter(\.$startsOn >= today).sort(\.$startsOn) : q.filter(\.$startsOn < today).sort(\.$startsOn, .descending)
        let active = Set(try await Organisation.query(on: services.db).filter(\.$isActive == true).all().compactMap(\.id))
        return try await q.limit(limit).all().filter { active.contains($0.organisationID) }
    }
}
