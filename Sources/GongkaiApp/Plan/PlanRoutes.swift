import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// The task ledger in the back office: the year's tasks by unit and status, a task with its
/// progress, evidence and 督查 notes, the import of a 任务分解表, and the 回头看.
enum PlanRoutes {
    static let taskOwner = RecordOwner(kind: "plan-task") { raw, db in
        guard let id = UUID(uuidString: raw) else { return [] }
        return try await PlanTaskUnit.query(on: db).filter(\.$taskID == id).all().sorted { $0.lead && !$1.lead }.map(\.organisationID)
    }

    static let reportOwner = RecordOwner(kind: "plan-progress") { raw, db in
        guard let id = UUID(uuidString: raw), let p = try await PlanProgress.find(id, on: db) else { return [] }
        return try await PlanTaskUnit.query(on: db).filter(\.$taskID == p.taskID).all().map(\.organisationID)
    }

    /// The units whose tasks the user sees (with `roles` over them).
    static func units(_ services: AppServices, _ auth: Authorised, roles: Set<StaffRole>) async throws -> [Organisation] {
        try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: roles, on: services.db).map(\.node).filter(\.isActive)
    }

    static func isOffice(_ services: AppServices, _ auth: Authorised) async throws -> Bool {
        auth.staff.policy.allowsGlobally(PlanLedgerDesk.office, rootIDs: try await OrganisationQueries.rootIDs(on: services.db))
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/plan", roles: PlanLedgerDesk.viewers, target: .anyScope) { request, context, auth in
            try await ledger(services, request, context, auth, form: nil, errors: [:], reviewErrors: [:], status: .ok)
        }
        bo.get("/admin/plan/export.xlsx", roles: PlanLedgerDesk.viewers, target: .anyScope) { request, _, auth in
            let year = Int(request.query.get("year") ?? "").flatMap { (2000...2100).contains($0) ? $0 : nil } ?? services.clock.today().year
            let visible = Set(try await units(services, auth, roles: PlanLedgerDesk.viewers).compactMap(\.id))
            let lines = try await PlanQueries.ledger(services, year: year, organisationIDs: visible, today: services.clock.today())
            let names = try await OrganisationQueries.activeNames(services)
            let bytes = XlsxSheet.write(name: "\(year)年工作任务台账", rows: [PlanQueries.sheetHeader] + PlanQueries.sheetRows(lines, names: names))
            return Download.response(ByteBuffer(bytes: bytes), contentType: AttachmentType.xlsx.mimeType, fallbackName: "plan-\(year).xlsx",
                                     fileName: "\(year)年政务公开工作任务台账.xlsx", cacheControl: "no-store")
        }
        bo.post("/admin/plan/tasks", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            let input = PlanLedgerDesk.TaskInput.parse(context.form)
            do {
                let task = try await PlanLedgerDesk(services: services).save(input, task: nil, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/plan/tasks/\(task.id!.uuidString)?notice=created", type: .found)
            } catch DeskFailure.invalid(let errors) {
                return try await ledger(services, request, context, auth, form: input, errors: errors, reviewErrors: [:], status: .badRequest)
            }
        }
        bo.get("/admin/plan/tasks/:task", roles: PlanLedgerDesk.viewers, target: .record(param: "task", owner: taskOwner)) { request, context, auth in
            guard let task = try await PlanTask.find(context.parameters.get("task", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            return try await taskPage(services, request, context, auth, task: task, report: nil, reportErrors: [:], noteError: nil, edit: nil, editErrors: [:], status: .ok)
        }
        bo.post("/admin/plan/tasks/:task", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            guard let task = try await PlanTask.find(context.parameters.get("task", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let desk = PlanLedgerDesk(services: services)
            let form = context.form
            do {
                switch form["action"] {
                case "note": try await desk.addNote(task, body: form["note"], actor: auth.staff.actor(context))
                case "reopen": try await desk.reopen(task, reason: form["note"], actor: auth.staff.actor(context))
                default:
                    var input = PlanLedgerDesk.TaskInput.parse(form)
                    input.year = String(task.year)
                    do {
                        try await desk.save(input, task: task, actor: auth.staff.actor(context))
                    } catch DeskFailure.invalid(let errors) {
                        return try await taskPage(services, request, context, auth, task: task, report: nil, reportErrors: [:], noteError: nil,
                                                  edit: input, editErrors: errors, status: .badRequest)
                    }
                }
            } catch DeskFailure.invalid(let errors) {
                return try await taskPage(services, request, context, auth, task: task, report: nil, reportErrors: [:], noteError: errors["note"],
                                          edit: nil, editErrors: [:], status: .badRequest)
            }
            return .redirect(to: "/admin/plan/tasks/\(task.id!.uuidString)?notice=saved", type: .found)
        }
        bo.post("/admin/plan/tasks/:task/progress", roles: PlanLedgerDesk.reporters, target: .record(param: "task", owner: taskOwner)) { request, context, auth in
            guard let task = try await PlanTask.find(context.parameters.get("task", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let input = PlanLedgerDesk.ProgressInput.parse(context.form)
            // The unit reported for: one of the task's units the user may report for.
            let mine = try await reportingUnits(services, auth, task: task)
            guard let unit = Int(context.form["unit"]).flatMap({ id in mine.first { $0.id == id } }) ?? (mine.count == 1 ? mine.first : nil) else {
                return try await taskPage(services, request, context, auth, task: task, report: input, reportErrors: ["unit": "请选择报告进展的单位"],
                                          noteError: nil, edit: nil, editErrors: [:], status: .badRequest)
            }
            do {
                try await PlanLedgerDesk(services: services).report(task, organisationID: unit.id!, input,
                                                                     file: context.uploads.first { $0.field == "file" && !$0.data.isEmpty },
                                                                     actor: auth.staff.actor(context))
            } catch DeskFailure.invalid(let errors) {
                return try await taskPage(services, request, context, auth, task: task, report: input, reportErrors: errors, noteError: nil,
                                          edit: nil, editErrors: [:], status: .badRequest)
            }
            return .redirect(to: "/admin/plan/tasks/\(task.id!.uuidString)?notice=saved", type: .found)
        }
        bo.get("/admin/plan/evidence/:report", roles: PlanLedgerDesk.viewers, target: .record(param: "report", owner: reportOwner)) { _, context, _ in
            guard let p = try await PlanProgress.find(context.parameters.get("report", as: UUID.self), on: services.db), let sha = p.fileSHA256 else {
                throw HTTPError(.notFound)
            }
            return try await PlanEvidence.download(sha256: sha, type: p.fileType, name: p.fileName, on: services.db)
        }
        PlanImportRoutes.register(bo)
        PlanReviewRoutes.register(bo)
    }

    /// The task's units the user may report progress for.
    static func reportingUnits(_ services: AppServices, _ auth: Authorised, task: PlanTask) async throws -> [Organisation] {
        let ids = try await PlanLedgerDesk(services: services).units(of: task.id!).map(\.organisationID)
        let orgs = try await Organisation.query(on: services.db).filter(\.$id ~~ ids).all()
        return ids.compactMap { id in orgs.first { $0.id == id } }.filter { auth.staff.policy.allows(PlanLedgerDesk.reporters, ancestry: $0.ancestry.ids) }
    }

    static func taskRow(_ l: PlanQueries.TaskLine, names: [Int: String]) -> PlanViews.TaskRow {
        let u = PlanQueries.unitNames(l, names: names, shorten: true)
        return PlanViews.TaskRow(number: l.task.number, category: l.task.category, title: l.task.title, href: "/admin/plan/tasks/\(l.task.id!.uuidString)",
                                 leads: u.leads, participants: u.participants.nonEmpty, deadline: l.task.deadline.label, status: l.status.label,
                                 isOverdue: l.status == .overdue, isDone: l.status == .done,
                                 lastReport: l.reports.last.map { "\($0.reportedOn)：\($0.body.prefix(40))" })
    }

    static func ledger(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                       form: PlanLedgerDesk.TaskInput?, errors: [String: String], reviewErrors: [String: String],
                       status: HTTPResponse.Status) async throws -> Response {
        let today = services.clock.today()
        let years = try await PlanQueries.years(services)
        let year = Int(request.query.get("year") ?? "").flatMap { (2000...2100).contains($0) ? $0 : nil } ?? (years.contains(today.year) ? today.year : years.first ?? today.year)
        let visible = try await units(services, auth, roles: PlanLedgerDesk.viewers)
        let unitFilter = Int(request.query.get("org") ?? "").flatMap { id in visible.contains { $0.id == id } ? id : nil }
        let statusFilter = PlanTaskStatus(rawValue: request.query.get("status") ?? "")
        let all = try await PlanQueries.ledger(services, year: year, organisationIDs: Set(unitFilter.map { [$0] } ?? visible.compactMap(\.id)), today: today)
        let lines = statusFilter.map { s in all.filter { $0.status == s } } ?? all
        let names = try await OrganisationQueries.activeNames(services)
        let office = try await isOffice(services, auth)
        let base = "/admin/plan?year=\(year)" + (unitFilter.map { "&org=\($0)" } ?? "")
        let counts = [PlanViews.Count(label: "全部", count: all.count, href: base)] + PlanTaskStatus.allCases.map { s in
            PlanViews.Count(label: s.label, count: all.filter { $0.status == s }.count, href: base + "&status=\(s.rawValue)")
        }
        let reviews = try await PlanReview.query(on: services.db).filter(\.$year == year).sort(\.$reviewDay, .descending).all()
        let yearOptions = Array(Set(years + [today.year, today.year + 1])).sorted(by: >)
        return services.templates.page("admin-plan", PlanViews.LedgerView(
            chrome: AdminChrome.make(services, context, title: "工作任务台账", path: "/admin/plan", notice: notice(request)),
            year: year, years: yearOptions.map { OptionItem(value: String($0), label: "\($0)年", selected: $0 == year) },
            units: [OptionItem(value: "", label: "全部单位", selected: unitFilter == nil)]
                + visible.map { OptionItem(value: String($0.id!), label: $0.name, selected: $0.id == unitFilter) },
            statuses: [OptionItem(value: "", label: "全部状态", selected: statusFilter == nil)]
                + PlanTaskStatus.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == statusFilter) },
            counts: counts, rows: lines.map { taskRow($0, names: names) }, hasRows: !lines.isEmpty, isOffice: office,
            form: PlanViews.TaskForm(action: "/admin/plan/tasks", isNew: true, input: form ?? PlanLedgerDesk.TaskInput(year: String(year)), errors: errors),
            reviews: reviews.map { PlanViews.ReviewLink(title: $0.title, day: $0.reviewDay, href: "/admin/plan/reviews/\($0.id!.uuidString)") },
            hasReviews: !reviews.isEmpty, reviewDay: today.description, reviewErrors: reviewErrors,
            exportHref: "/admin/plan/export.xlsx?year=\(year)"), status: status)
    }

    static func notice(_ request: Request) -> String? {
        switch request.query.get("notice") {
        case "imported": return "任务分解表已导入。"
        case "reviewed": return "已完成回头看。"
        default: return AdminChrome.notice(request)
        }
    }

    static func taskPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, task: PlanTask,
                         report: PlanLedgerDesk.ProgressInput?, reportErrors: [String: String], noteError: String?,
                         edit: PlanLedgerDesk.TaskInput?, editErrors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let today = services.clock.today()
        guard let line = try await PlanQueries.lines([task], services, today: today).first else {
            throw HTTPError(.notFound)
        }
        let names = try await OrganisationQueries.activeNames(services)
        let u = PlanQueries.unitNames(line, names: names)
        let items = try await PlanReviewDesk(services: services).evidenceItems(line.reports.compactMap(\.itemID))
        let reports = line.reports.reversed().map { r -> PlanViews.ReportRow in
            var evidence: [PlanViews.Evidence] = []
            if let id = r.itemID {
                // The item's own column: evidence may be another unit's published item.
                evidence.append(.init(label: "《\(items[id]?.title ?? "已公开信息")》",
                                      href: items[id].map(ParticipationQueries.itemHref) ?? "/xxgk/\(r.organisationID)/content/\(id.uuidString)"))
            }
            if !r.link.isEmpty { evidence.append(.init(label: r.link, href: r.link)) }
            if r.fileSHA256 != nil { evidence.append(.init(label: "附件：\(r.fileName)", href: "/admin/plan/evidence/\(r.id!.uuidString)")) }
            return PlanViews.ReportRow(day: r.reportedOn, unit: names[r.organisationID] ?? "", by: r.reportedBy, body: r.body, marksDone: r.marksDone,
                                       evidence: evidence, hasEvidence: !evidence.isEmpty)
        }
        let notes = try await PlanNote.query(on: services.db).filter(\.$taskID == task.id!).sort(\.$createdAt, .descending).all()
        let mine = try await reportingUnits(services, auth, task: task)
        var reportForm: PlanViews.ReportForm?
        if !mine.isEmpty {
            let leadIDs = Set(line.leadIDs)
            let published = try await ItemQueries.publicItems(on: services.db).filter(\.$organisationID ~~ mine.compactMap(\.id))
                .sort(\.$publishedAt, .descending).limit(50).all()
            let input = report ?? PlanLedgerDesk.ProgressInput()
            reportForm = PlanViews.ReportForm(
                action: "/admin/plan/tasks/\(task.id!.uuidString)/progress",
                units: mine.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
                items: [OptionItem(value: "", label: "（不选）", selected: input.item.isEmpty)]
                    + published.map { OptionItem(value: $0.id!.uuidString, label: "\($0.title)（\($0.publishedAt.map { SiteClock.day(of: $0).description } ?? "")）", selected: input.item == $0.id!.uuidString) },
                canMarkDone: task.completedOn == nil && mine.contains { leadIDs.contains($0.id!) },
                body: input.body, link: input.link, errors: reportErrors, hasErrors: !reportErrors.isEmpty,
                errorList: reportErrors.keys.sorted().compactMap { reportErrors[$0] })
        }
        let office = try await isOffice(services, auth)
        let editInput = edit ?? PlanLedgerDesk.TaskInput(year: String(task.year), category: task.category, title: task.title, requirements: task.requirements,
                                                         units: task.unitsText, deadline: task.deadlineText, note: task.note)
        return services.templates.page("admin-plan-task", PlanViews.TaskView(
            chrome: AdminChrome.make(services, context, title: "任务\(task.number)：\(task.title.prefix(30))", path: "/admin/plan", notice: notice(request)),
            number: task.number, year: task.year, category: task.category.nonEmpty, title: task.title, requirements: task.requirements.nonEmpty,
            plan: task.planText.nonEmpty, unitsText: task.unitsText, leads: u.leads, participants: u.participants.nonEmpty,
            deadline: task.deadline.label, status: line.status.label, isOverdue: line.status == .overdue, completedOn: task.completedOn,
            source: ["import": "导入任务分解表", "meeting": "联席会议议定事项", "manual": "公开办录入"][task.source] ?? task.source,
            note: task.note.nonEmpty, reports: reports, hasReports: !reports.isEmpty,
            notes: notes.map { PlanViews.NoteRow(at: SiteClock.timeText($0.createdAt), author: $0.author, body: $0.body) }, hasNotes: !notes.isEmpty,
            report: reportForm, isOffice: office, noteAction: "/admin/plan/tasks/\(task.id!.uuidString)", noteError: noteError,
            canReopen: office && task.completedOn != nil,
            edit: office ? PlanViews.TaskForm(action: "/admin/plan/tasks/\(task.id!.uuidString)", isNew: false, input: editInput, errors: editErrors) : nil,
            backHref: "/admin/plan?year=\(task.year)"), status: status)
    }
}
