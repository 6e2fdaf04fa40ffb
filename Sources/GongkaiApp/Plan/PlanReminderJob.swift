import FluentKit
import Foundation
import GongkaiDomain

/// Reminds the lead units of tasks and the units of rectifications before the deadline, and
/// escalates to the 公开办 after it: one message per subject, stage and due day, whatever the
/// number of instances (the unique key of `plan_reminders`).
struct PlanReminderJob: Sendable {
    let services: AppServices

    static let job = BackgroundJob(name: "plan-reminders") { job in
        let n = try await PlanReminderJob(services: job.services).run(today: job.today)
        return JobOutcome(count: n, summary: "工作任务和整改提醒 \(n) 封")
    }

    @discardableResult
    func run(today: CivilDate) async throws -> Int {
        let db = services.db
        let lead = services.config.plan.reminderDays
        let orgs = Dictionary(uniqueKeysWithValues: try await Organisation.query(on: db).all().compactMap { o in o.id.map { ($0, o) } })
        let root = orgs.values.first { $0.parentID == nil && $0.kind == .countyGovernment } ?? orgs.values.first { $0.parentID == nil }
        var queued = 0
        for year in [today.year - 1, today.year] {
            for line in try await PlanQueries.ledger(services, year: year, organisationIDs: nil, today: today) {
                guard let stage = TaskReminder.stage(deadline: line.task.deadline, createdOn: line.task.createdDay, completedOn: line.task.completedDay,
                                                     lastReport: line.lastReport, today: today, leadDays: lead) else { continue }
                let units = line.leadIDs.compactMap { orgs[$0] }
                let subject: String, status: String
                switch stage {
                case .dueSoon(let due, let left):
                    subject = "【任务提醒】\(year)年工作任务\(line.task.number)应于\(due.chinese(withYear: true))前完成"
                    status = left == 0 ? "今天到期" : "距完成时限还有\(left)天"
                case .overdue(let due, let late):
                    subject = "【任务逾期】\(year)年工作任务\(line.task.number)已超过完成时限"
                    status = "已超过完成时限（\(due.chinese(withYear: true))）\(late)天"
                }
                let body = """
                您好：

                政务公开工作任务“\(line.task.title.prefix(100))”\(status)，请及时推进并在系统中报告进展、提供佐证材料。
                牵头单位：\(units.map(\.name).joined(separator: "、"))
                查看任务：\(services.config.baseURL.absoluteString)/admin/plan/tasks/\(line.task.id!.uuidString)
                """
                queued += try await send(subject: line.task.id!, stage: stage, recipients: try await recipients(units, stage, root: root), title: subject, body: body,
                                         organisationID: units.first?.id, entity: .planTask, entityID: "\(year)-\(line.task.number)")
            }
        }
        for r in try await Rectification.query(on: db).filter(\.$closedOn == nil).filter(\.$reportedOn == nil).all() {
            guard let orgID = r.organisationID, let org = orgs[orgID], let due = r.deadline.flatMap(CivilDate.init(iso:)) else { continue }
            guard let stage = TaskReminder.stage(deadline: .by(due), createdOn: SiteClock.day(of: r.createdAt), completedOn: nil, lastReport: nil,
                                                 today: today, leadDays: lead) else { continue }
            let late = stage.isOverdue
            let title = late ? "【整改逾期】\(org.name)的问题已超过整改时限" : "【整改提醒】\(org.name)的问题应于\(due.chinese(withYear: true))前整改"
            let body = """
            您好：

            问题“\(r.problem.prefix(100))”\(late ? "已超过整改时限" : "的整改时限为\(due.chinese(withYear: true))")，责任人：\(r.person)。请整改后在系统中报告整改情况并提供佐证。
            查看：\(services.config.baseURL.absoluteString)/admin/fixes/\(r.id!.uuidString)
            """
            queued += try await send(subject: r.id!, stage: stage, recipients: try await recipients([org], stage, root: root), title: title, body: body,
                                     organisationID: orgID, entity: .rectification, entityID: r.id!.uuidString)
        }
        return queued
    }

    /// The units' 信息员, and after the deadline the county 公开办 as well; each address once.
    func recipients(_ units: [Organisation], _ stage: TaskReminder, root: Organisation?) async throws -> [DeadlineReminderJob.Recipient] {
        var all: [DeadlineReminderJob.Recipient] = []
        for u in units { all += try await DeadlineReminderJob.recipients(holding: [.informationOfficer], for: u, on: services.db) }
        if stage.isOverdue, let root { all += try await DeadlineReminderJob.recipients(holding: [.disclosureOfficeAdministrator], for: root, on: services.db) }
        var seen = Set<String>()
        return all.filter { seen.insert($0.email.lowercased()).inserted }
    }

    func send(subject: UUID, stage reminder: TaskReminder, recipients: [DeadlineReminderJob.Recipient], title: String, body: String,
              organisationID: Int?, entity: AuditEntity, entityID: String) async throws -> Int {
        let db = services.db
        let stage = reminder.key
        if try await PlanReminderRecord.query(on: db).filter(\.$subjectID == subject).filter(\.$stage == stage).first() != nil { return 0 }
        do {
            try await db.transaction { tx in
                let record = PlanReminderRecord()
                record.id = UUID(); record.subjectID = subject; record.stage = stage; record.createdAt = services.clock.now()
                try await record.create(on: tx)
                for r in recipients {
                    try await OutboxMail(recipient: r.email, recipientName: r.name, subject: title, body: body, purpose: "plan:\(stage)",
                                         organisationID: organisationID ?? 0, now: services.clock.now()).create(on: tx)
                }
                try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "系统：任务提醒", clientAddress: "本机"),
                                                organisationID: organisationID, entity: entity, entityID: entityID, action: reminder.isOverdue ? "逾期报告" : "到期提醒",
                                                changes: [.init(field: "recipients", before: nil,
                                                                after: recipients.isEmpty ? "（无可用邮箱）" : recipients.map(\.email).joined(separator: ", "))])
            }
        } catch {
            // Another instance recorded the same stage first.
            if try await PlanReminderRecord.query(on: db).filter(\.$subjectID == subject).filter(\.$stage == stage).first() != nil { return 0 }
            throw error
        }
        return recipients.count
    }
}
