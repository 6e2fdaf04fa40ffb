import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 在线访谈 in the back office: the organisation's interviews with a form for a new one; one
/// interview with its next step, the questions to moderate and answer, and the transcript form.
enum InterviewAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]

    static let owner = RecordOwner(kind: "interview") { raw, db in
        guard let id = UUID(uuidString: raw), let i = try await Interview.find(id, on: db) else { return [] }
        return [i.organisationID]
    }

    struct Row: Sendable {
        let title: String
        let href: String
        let organisation: String
        let startsAt: String
        let state: String
        let pending: Int
        let followUp: String?
        let overdue: Bool
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let organisations: [OptionItem]
        let fields: [FieldView]
        let startsAt: String
        let startsAtError: String?
        let hasErrors: Bool
        let errorList: [String]
    }

    struct QuestionRow: Sendable {
        let id: String
        let key: String
        let asker: String
        let contact: String
        let text: String
        let state: String
        let answer: String?
        let canModerate: Bool
        let canAnswer: Bool
        let error: String?
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let title: String
        let facts: [DecisionListPage.Link]
        let publicHref: String?
        let nextAction: String?
        let takesTranscript: Bool
        let lines: [InterviewRoutes.LineView]
        let hasLines: Bool
        let questions: [QuestionRow]
        let hasQuestions: Bool
        let values: [String: String]
        let lineErrors: [String: String]
        let error: String?
    }

    /// Open questions of ended interviews past their follow-up day, for the dashboard and the list.
    static func overdueFollowUps(_ interviews: [Interview], today: CivilDate, on db: any Database) async throws -> [UUID: Int] {
        let ended = interviews.filter { $0.stateValue == .ended }
        guard !ended.isEmpty else { return [:] }
        let open = try await InterviewQuestion.query(on: db).filter(\.$interviewID ~~ ended.compactMap(\.id))
            .filter(\.$moderation == QuestionModeration.approved.rawValue).filter(\.$answeredAt == nil).all()
        var result: [UUID: Int] = [:]
        for i in ended {
            let n = open.filter { $0.interviewID == i.id }.count
            if let due = i.followUpDue.flatMap(CivilDate.init(iso:)), InterviewFollowUp.overdue(due: due, today: today, unanswered: n) { result[i.id!] = n }
        }
        return result
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = InterviewDesk(services: services)

        bo.get("/admin/interviews", roles: editors, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/interviews", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation, org.kind.isAdministrativeOrgan else { throw UserFacingError(status: .badRequest, message: "请选择访谈单位") }
            let form = context.form
            let (input, errors) = InterviewDesk.Input.parse({ form[$0] }, now: services.clock.now())
            guard errors.isEmpty else {
                let values = Dictionary(uniqueKeysWithValues: ["title", "guests", "description", "starts_at", "organisation"].map { ($0, form[$0]) })
                return try await list(services, request, context, auth, values: values, errors: errors, status: .badRequest)
            }
            let i = try await desk.create(input, in: org, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/interviews/\(i.id!.uuidString)?notice=saved", type: .found)
        }

        let target = AccessTarget.record(param: "interview", owner: owner)
        bo.get("/admin/interviews/:interview", roles: editors, target: target) { request, context, auth in
            try await page(services, request, context, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/interviews/:interview", roles: editors, target: target) { request, context, auth in
            let i = try await interview(context, services)
            let form = context.form
            let actor = auth.staff.actor(context)
            func question() async throws -> InterviewQuestion {
                guard let id = UUID(uuidString: form["question"]), let q = try await InterviewQuestion.find(id, on: services.db), q.interviewID == i.id else {
                    throw UserFacingError(status: .badRequest, message: "找不到该问题")
                }
                return q
            }
            do {
                switch form["action"] {
                case "advance": try await desk.advance(i, actor: actor)
                case "line": try await desk.addLine(i, speaker: form["speaker"], text: form["line"], actor: actor)
                case "approve": try await desk.moderate(try await question(), of: i, approve: true, reason: "", actor: actor)
                case "reject": try await desk.moderate(try await question(), of: i, approve: false, reason: form["reason"], actor: actor)
                case "answer": try await desk.answer(try await question(), of: i, text: form["answer"], actor: actor)
                default: throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                let values = Dictionary(uniqueKeysWithValues: ["action", "question", "speaker", "line", "answer", "reason"].map { ($0, form[$0]) })
                return try await page(services, request, context, values: values, errors: f.fieldErrors(refusalAt: "action"), status: .badRequest)
            }
            return .redirect(to: "/admin/interviews/\(i.id!.uuidString)?notice=saved#transcript", type: .found)
        }
    }

    static func interview(_ context: AppRequestContext, _ services: AppServices) async throws -> Interview {
        guard let id = context.parameters.get("interview", as: UUID.self), let i = try await Interview.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return i
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let interviews = ids.isEmpty ? [] : try await Interview.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$startsAt, .descending).limit(300).all()
        let pending = interviews.isEmpty ? [] : try await InterviewQuestion.query(on: services.db).filter(\.$interviewID ~~ interviews.compactMap(\.id))
            .filter(\.$moderation == QuestionModeration.pending.rawValue).all()
        let overdue = try await overdueFollowUps(interviews, today: services.clock.today(), on: services.db)
        let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let view = ListView(
            chrome: AdminChrome.make(services, context, title: "在线访谈", path: "/admin/interviews", notice: AdminChrome.notice(request)),
            rows: interviews.map { i in
                Row(title: i.title, href: "/admin/interviews/\(i.id!.uuidString)", organisation: names[i.organisationID] ?? "",
                    startsAt: String(SiteClock.timeText(i.startsAt).prefix(16)), state: i.stateValue.label,
                    pending: pending.filter { $0.interviewID == i.id }.count,
                    followUp: i.followUpDue.flatMap(CivilDate.init(iso:)).map { "会后答复期限 \($0.chinese(withYear: true))" },
                    overdue: overdue[i.id!] != nil)
            },
            hasRows: !interviews.isEmpty,
            organisations: orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan }
                .map { OptionItem(value: String($0.id!), label: $0.name, selected: values["organisation"] == String($0.id!)) },
            fields: [("title", "访谈主题", nil, false), ("guests", "访谈嘉宾", "姓名和职务，如：县民政局局长 张某某", false), ("description", "访谈简介", nil, true)].map {
                FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2, required: true, multiline: $0.3, inputType: "text")
            },
            startsAt: values["starts_at"] ?? "", startsAtError: errors["starts_at"], hasErrors: !errors.isEmpty,
            errorList: ["title", "guests", "description", "starts_at"].compactMap { errors[$0] })
        return services.templates.page("admin-interviews", view, status: status)
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, values: [String: String],
                     errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let i = try await interview(context, services)
        let id = try i.requireID()
        let db = services.db
        let questions = try await InterviewQuestion.query(on: db).filter(\.$interviewID == id).sort(\.$submittedAt).all()
        let lines = try await InterviewLine.query(on: db).filter(\.$interviewID == id).sort(\.$position).all()
        let org = try await Organisation.find(i.organisationID, on: db)
        let state = i.stateValue
        let questionErrors = ["approve", "reject", "answer"].contains(values["action"] ?? "") ? errors : [:]
        let view = PageView(
            chrome: AdminChrome.make(services, context, title: i.title, path: "/admin/interviews", notice: AdminChrome.notice(request)),
            title: i.title,
            facts: [("访谈单位", org?.name ?? ""), ("访谈时间", String(SiteClock.timeText(i.startsAt).prefix(16))), ("嘉宾", i.guests), ("状态", state.label),
                    ("会后答复期限", i.followUpDue.flatMap(CivilDate.init(iso:))?.chinese(withYear: true) ?? "访谈结束后确定")]
                .map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) },
            publicHref: state.isPublic ? "/hudong/interviews/\(id.uuidString)" : nil,
            nextAction: state.next?.action, takesTranscript: state.takesTranscript,
            lines: lines.map { InterviewRoutes.LineView(speaker: $0.speaker, text: $0.text, at: String(SiteClock.timeText($0.at).dropFirst(11).prefix(5))) },
            hasLines: !lines.isEmpty,
            questions: questions.map { q in
                QuestionRow(id: q.id!.uuidString, key: String(q.id!.uuidString.prefix(8)), asker: q.askerName, contact: q.askerContact, text: q.text,
                            state: q.moderationValue.label + (q.rejectReason.isEmpty ? "" : "：\(q.rejectReason)")
                                + (q.moderationValue == .approved ? (q.answeredAt == nil ? "，未答复" : "，已答复") : ""),
                            answer: q.answer.nonEmpty,
                            canModerate: q.moderationValue == .pending && state != .draft,
                            canAnswer: q.moderationValue == .approved && q.answeredAt == nil && [.live, .ended].contains(state),
                            error: values["question"] == q.id?.uuidString ? questionErrors.values.sorted().joined(separator: "；").nonEmpty : nil)
            },
            hasQuestions: !questions.isEmpty, values: values,
            lineErrors: values["action"] == "line" && state.takesTranscript ? errors : [:],
            error: (values["action"] == "line" && state.takesTranscript) || ["approve", "reject", "answer"].contains(values["action"] ?? "") ? nil : errors["action"])
        return services.templates.page("admin-interview", view, status: status)
    }
}
