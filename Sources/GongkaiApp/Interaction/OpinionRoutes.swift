import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 舆情回应台账 in the back office: the year's events with their clocks and commitments, one
/// event with its responses and promises, and the ledger as a spreadsheet.
enum OpinionRoutes {
    /// The office keeps the ledger; leaders read it.
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]
    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .leader]

    static let owner = RecordOwner(kind: "opinion") { raw, db in
        guard let id = UUID(uuidString: raw), let e = try await OpinionEvent.find(id, on: db) else { return [] }
        return [e.officeID, e.organisationID]
    }

    struct Row: Sendable {
        let href: String
        let summary: String
        let known: String
        let level: String
        let unit: String
        let clock: String
        let late: Bool
        let commitments: String?
        let state: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let years: [OptionItem]
        let year: Int
        let rows: [Row]
        let hasRows: Bool
        let figures: [DecisionListPage.Link]
        let exportHref: String
        let canRecord: Bool
        let offices: [OptionItem]
        let units: [OptionItem]
        let topics: [OptionItem]
        let levels: [OptionItem]
        let fields: [FieldView]
        let knownAt: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let limits: String
    }

    static func limitsText(_ l: OpinionLimits) -> String {
        "特别重大、重大突发事件\(l.majorFirstInformationHours)小时内发布权威信息、\(l.majorPressConferenceHours)小时内召开新闻发布会；一般政务舆情\(l.ordinaryResponseHours)小时内回应（按小时连续计算，含夜间和节假日）"
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services

        bo.get("/admin/opinions", roles: viewers, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/opinions", roles: editors, target: .organisationInput(field: "office")) { request, context, auth in
            guard let office = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择登记单位") }
            let form = context.form
            let (input, errors) = OpinionDesk.EventInput.parse({ form[$0] }, now: services.clock.now())
            let values = Dictionary(uniqueKeysWithValues: ["source", "summary", "topic", "level", "organisation", "known_at", "office"].map { ($0, form[$0]) })
            guard errors.isEmpty else { return try await list(services, request, context, auth, values: values, errors: errors, status: .badRequest) }
            do {
                let e = try await OpinionDesk(services: services).record(input, office: office, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/opinions/\(e.id!.uuidString)?notice=saved", type: .found)
            } catch let f as DeskFailure {
                return try await list(services, request, context, auth, values: values, errors: f.fieldErrors(refusalAt: "organisation"), status: .badRequest)
            }
        }

        bo.get("/admin/opinions/export.xlsx", roles: viewers, target: .anyScope) { request, context, auth in
            let (year, entries, names) = try await ledger(services, request, auth)
            let rows = OpinionQueries.sheetRows(entries, names: names, today: services.clock.today())
            let bytes = XlsxSheet.write(name: "舆情回应台账", rows: [OpinionQueries.sheetHeader] + rows)
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.xlsx.mimeType, fallbackName: "opinion-ledger-\(year).xlsx",
                                     fileName: "\(year)年舆情回应台账.xlsx", cacheControl: "no-store")
        }

        let target = AccessTarget.record(param: "opinion", owner: owner)
        bo.get("/admin/opinions/:opinion", roles: viewers, target: target) { request, context, auth in
            try await OpinionPage.render(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }

        bo.post("/admin/opinions/:opinion", roles: editors, target: target) { request, context, auth in
            let e = try await OpinionPage.event(context, services)
            let form = context.form
            let desk = OpinionDesk(services: services)
            let actor = auth.staff.actor(context)
            func commitment() async throws -> OpinionCommitment {
                guard let id = UUID(uuidString: form["commitment"]), let c = try await OpinionCommitment.find(id, on: services.db), c.eventID == e.id else {
                    throw UserFacingError(status: .badRequest, message: "找不到该承诺事项")
                }
                return c
            }
            do {
                switch form["action"] {
                case "respond":
                    try await desk.respond(e, kind: form["kind"], channel: form["channel"], at: form["at"], indexNumber: form["index_number"],
                                           url: form["url"], summary: form["response_summary"], actor: actor)
                case "commit":
                    try await desk.commit(e, what: form["what"], organisation: form["commitment_organisation"], dueOn: form["due_on"], actor: actor)
                case "complete":
                    try await desk.complete(try await commitment(), of: e, doneOn: form["done_on"], note: form["done_note"], actor: actor)
                case "publish_result":
                    try await desk.publishResult(try await commitment(), of: e, indexNumber: form["index_number"], url: form["url"], actor: actor)
                case "close":
                    try await desk.close(e, actor: actor)
                default:
                    throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                let values = Dictionary(uniqueKeysWithValues: ["kind", "channel", "at", "index_number", "url", "response_summary", "what",
                                                               "commitment_organisation", "due_on", "done_on", "done_note", "commitment", "action"].map { ($0, form[$0]) })
                return try await OpinionPage.render(services, request, context, auth, values: values, errors: f.fieldErrors(refusalAt: "action"), status: .badRequest)
            }
            return .redirect(to: "/admin/opinions/\(e.id!.uuidString)?notice=saved", type: .found)
        }
    }

    /// The year asked for (this year by default) and the ledger the user may see for it.
    static func ledger(_ services: AppServices, _ request: Request, _ auth: Authorised) async throws -> (Int, [OpinionQueries.Entry], [Int: String]) {
        let today = services.clock.today()
        var year = today.year
        if let raw = request.query.get("year") {
            guard raw.count == 4, let y = Int(raw), (2000...2100).contains(y) else { throw UserFacingError(status: .badRequest, message: "year 应为2000–2100之间的年份") }
            year = y
        }
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db).map(\.node)
        let entries = try await OpinionQueries.ledger(organisationIDs: orgs.compactMap(\.id), year: year, now: services.clock.now(),
                                                      limits: services.config.opinionLimits, on: services.db)
        let names = try await OrganisationQueries.activeNames(services)
        return (year, entries, names)
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let (year, entries, names) = try await ledger(services, request, auth)
        let today = services.clock.today()
        let f = OpinionQueries.figures(entries, today: today)
        let offices = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
            .filter { $0.isActive && $0.kind.isAdministrativeOrgan }
        let units = try await OrganisationQueries.tree(on: services.db, activeOnly: true).map(\.node)
            .filter { u in u.kind.isAdministrativeOrgan && offices.contains { o in o.id.map { u.ancestry.ids.contains($0) } ?? false } }
        let view = ListView(
            chrome: AdminChrome.make(services, context, title: "舆情回应台账", path: "/admin/opinions", notice: AdminChrome.notice(request)),
            years: DecisionListPage.yearOptions(thisYear: today.year, selected: year), year: year,
            rows: entries.map { e in
                let overdue = e.commitments.filter { $0.stateValue.isOverdue(due: $0.due, today: today) }.count
                let open = e.commitments.filter { $0.stateValue != .published }.count
                return Row(href: "/admin/opinions/\(e.event.id!.uuidString)", summary: e.event.summary, known: String(SiteClock.timeText(e.event.knownAt).prefix(16)),
                           level: e.event.levelValue.label, unit: names[e.event.organisationID] ?? "",
                           clock: e.checks.map { "\($0.what)\($0.label)" }.joined(separator: "，"), late: !e.onTime,
                           commitments: e.commitments.isEmpty ? nil : "承诺\(e.commitments.count)项，未完成或未公开\(open)项" + (overdue > 0 ? "，逾期\(overdue)项" : ""),
                           state: e.event.closedOn == nil ? "跟踪中" : "已办结")
            },
            hasRows: !entries.isEmpty,
            figures: [("登记舆情", "\(f.events)件"), ("按时回应", "\(f.onTime)/\(f.decided)件（已到期或已回应的）"),
                      ("承诺事项", "\(f.commitments)项，按期办结\(f.kept)项，结果已公开\(f.published)项"), ("逾期未办结的承诺", "\(f.overdue)项")]
                .map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) },
            exportHref: "/admin/opinions/export.xlsx?year=\(year)",
            canRecord: !offices.isEmpty,
            offices: offices.map { OptionItem(value: String($0.id!), label: $0.name, selected: values["office"] == String($0.id!)) },
            units: units.map { OptionItem(value: String($0.id!), label: $0.name, selected: values["organisation"] == String($0.id!)) },
            topics: OpinionDesk.topics.map { OptionItem(value: $0, label: $0, selected: values["topic"] == $0) },
            levels: OpinionLevel.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: (values["level"] ?? OpinionLevel.ordinary.rawValue) == $0.rawValue) },
            fields: [("source", "舆情来源", "如某网络平台、来信、12345热线、媒体报道", false), ("summary", "舆情概要", nil, true)].map {
                FieldView(name: $0.0, label: $0.1, value: values[$0.0] ?? "", error: errors[$0.0], hint: $0.2, required: true, multiline: $0.3, inputType: "text")
            },
            knownAt: values["known_at"] ?? "", errors: errors, hasErrors: !errors.isEmpty,
            errorList: ["office", "source", "summary", "topic", "level", "organisation", "known_at"].compactMap { errors[$0] },
            limits: limitsText(services.config.opinionLimits))
        return services.templates.page("admin-opinions", view, status: status)
    }
}
