import FluentKit
import Foundation
import GongkaiDomain

/// Computing, checking, writing and publishing annual reports.
struct AnnualReportDesk: Sendable {
    let services: AppServices

    struct Tables: Sendable {
        let proactive: ProactiveTable
        let applications: ApplicationTable
        let reviews: ReviewTable
    }

    typealias Failure = DeskFailure

    /// When the unit's report is due (`AnnualReportDeadline`, the township/街道 date from the settings).
    static func deadline(for org: Organisation, year: Int, rule: AnnualReportDeadline) -> CivilDate {
        rule.due(for: org.kind, year: year)
    }

    // MARK: Computing

    func tables(for org: Organisation, year: Int, entered: ProactiveTable.EnteredFigures) async throws -> Tables {
        let orgID = try org.requireID()
        let policies = try await InformationItem.query(on: services.db).filter(\.$organisationID == orgID)
            .filter(\.$kind ~~ [InformationKind.regulation.rawValue, InformationKind.normativeDocument.rawValue])
            .filter(\.$publishedAt != nil).all()
            .compactMap { i -> ProactiveTable.PolicyRecord? in
                guard let written = CivilDate(iso: i.writtenOn) else { return nil }
                let ended = [Validity.expired, .repealed].contains(i.validityValue) ? i.expiresOn.flatMap(CivilDate.init(iso:)) : nil
                return .init(kind: i.kindValue, writtenOn: written, endedOn: ended)
            }
        let cases = try await ApplicationQueries.tableRecords(organisationIDs: [orgID], on: services.db)
        let proceedings = try await ApplicationQueries.reviewRecords(organisationIDs: [orgID], on: services.db)
        return Tables(proactive: ProactiveTable(year: year, policies: policies, entered: entered),
                      applications: ApplicationTable(year: year, cases: cases),
                      reviews: ReviewTable(year: year, records: proceedings))
    }

    /// What stops publication, each in Chinese with the cell or case concerned.
    func problems(for org: Organisation, year: Int, tables: Tables) async throws -> [String] {
        var out = tables.applications.balanceProblems
        // A decided case without its outcome code cannot be counted in any row.
        let orgID = try org.requireID()
        let undecodable = try await InformationApplication.query(on: services.db).filter(\.$organisationID == orgID).all().filter {
            $0.decidedOn.flatMap(CivilDate.init(iso:))?.year == year && ReplyOutcome(rawValue: $0.outcome ?? "") == nil
        }
        out += undecodable.map { "申请 \($0.registrationNumber) 已答复但没有办理结果代码，无法计入表三" }
        return out
    }

    /// Differences from last year's published report: its 四 (carried into this year) against this
    /// year's 二, column by column. Shown for explanation in the report; they do not block it.
    func carryOverWarnings(for org: Organisation, year: Int, tables: Tables) async throws -> [String] {
        guard let last = try await AnnualReport.query(on: services.db).filter(\.$organisationID == org.requireID())
            .filter(\.$year == year - 1).first(), let snapshot = publishedSnapshot(last),
              let lastRow = snapshot.applications.rows.last, lastRow.count == 8 else { return [] }
        return ApplicantKind.allCases.enumerated().compactMap { (i, kind) in
            let before = Int(lastRow[i + 1].text) ?? 0, now = tables.applications.count(.carriedOver, kind)
            return before == now ? nil : "“\(kind.label)”列：\(year - 1)年报告“四、结转下年度继续办理”为\(before)，本年“二、上年结转”为\(now)，请在报告中说明差异"
        }
    }

    /// Cases received by the year's end and not decided in it: carried into next year (listed, not an error).
    func openCases(for org: Organisation, year: Int) async throws -> [InformationApplication] {
        let end = CivilDate(year: year, month: 12, day: 31)!.description
        return try await InformationApplication.query(on: services.db).filter(\.$organisationID == org.requireID()).all().filter { a in
            guard let r = a.receiptDate, r <= end else { return false }
            return (a.decidedOn ?? "9999") > end
        }
    }

    // MARK: The record

    func report(for org: Organisation, year: Int) async throws -> AnnualReport {
        let orgID = try org.requireID()
        if let r = try await AnnualReport.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$year == year).first() { return r }
        let r = AnnualReport()
        r.organisationID = orgID
        r.year = year
        r.format = AnnualReportFormat.forYear(year).rawValue
        r.overview = try await prefilledOverview(for: org, year: year)
        r.problems = ""
        r.otherMatters = try await prefilledOther(for: org, year: year)
        r.enteredJSON = "{}"
        r.status = "draft"
        r.updatedAt = services.clock.now()
        r.updatedBy = ""
        return r
    }

    /// The unit's own facts of the year (items, cases and their timeliness, fees, proceedings).
    func overviewFacts(for org: Organisation, year: Int) async throws -> ReportOverviewFacts {
        let orgID = try org.requireID()
        let items = try await InformationItem.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$publishedAt != nil).all()
            .filter { $0.publishedAt.map { SiteClock.day(of: $0).year } == year && $0.attributeValue.isPublic }
        var f = ReportOverviewFacts(year: year, organisationName: org.name)
        f.published = items.count
        f.interpretations = items.filter { $0.kindValue == .interpretation }.count
        var perColumn: [String: Int] = [:]
        for i in items { for k in i.columnKeys { perColumn[k, default: 0] += 1 } }
        f.topColumns = perColumn.compactMap { key, n in DisclosureColumn.find(key, for: org.kind).map { ($0.label, n) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }

        let yearEnd = CivilDate(year: year, month: 12, day: 31)!
        let desk = ApplicationDesk(services: services)
        let cases = try await InformationApplication.query(on: services.db).filter(\.$organisationID == orgID).all()
        for a in cases {
            guard let received = a.receiptDate.flatMap(CivilDate.init(iso:)), received.year <= year else { continue }
            let decided = a.decidedOn.flatMap(CivilDate.init(iso:))
            if let d = decided, d.year < year { continue }
            if received.year == year { f.newApplications += 1 } else { f.carriedOver += 1 }
            let events = try await desk.events(of: a)
            if let d = decided, d.year == year, let o = a.outcome.flatMap(ReplyOutcome.init(rawValue:)) {
                f.decidedByGroup[o.group, default: 0] += 1
                if let due = try await desk.dueDateBeforeDecision(for: a, events: events),
                   d > due {
                    f.answeredLate += 1
                }
            } else if let due = try await desk.deadline(for: a, events: events)?.dueDate, due < min(yearEnd, services.clock.today()) {
                f.openOverdue += 1
            }
            for e in events where e.amount != nil && CivilDate(iso: e.effectiveOn)?.year == year {
                f.feeNotices += 1
                f.feesNotified += e.amount ?? 0
                // Paid: the pause for payment ended and the case went on (not closed as 逾期未缴费).
                let resumed = events.contains { $0.sequence > e.sequence && $0.stepValue == .pauseEnded }
                if resumed && a.outcome != ReplyOutcome.otherFeeUnpaid.rawValue { f.feesPaid += e.amount ?? 0 }
            }
        }
        let ids = cases.compactMap(\.id)
        let proceedings = try await ReviewProceeding.query(on: services.db).filter(\.$applicationID ~~ ids).all()
            .filter { CivilDate(iso: $0.filedOn)?.year == year }
        f.reviews = proceedings.filter { $0.kind == ProceedingKind.administrativeReview.rawValue }.count
        f.lawsuits = proceedings.count - f.reviews
        // The year's consultations and letters, so the text starts from the unit's own events.
        f.consultations = try await Consultation.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$publishedAt != nil)
            .filter(\.$opensOn >= "\(year)-01-01").filter(\.$opensOn <= "\(year)-12-31").count()
        let letters = try await Letter.query(on: services.db).filter(\.$handlingID == orgID)
            .filter(\.$receivedOn >= "\(year)-01-01").filter(\.$receivedOn <= "\(year)-12-31").all()
        f.letters = letters.count
        f.lettersAnswered = letters.filter { !(LetterFlow.State(rawValue: $0.state)?.awaitsReply ?? true) }.count
        return f
    }

    /// A starting point for 一、总体情况, stating only what the unit's data show.
    func prefilledOverview(for org: Organisation, year: Int) async throws -> String {
        try await overviewFacts(for: org, year: year).overview
    }

    /// 六、其他需要报告的事项 starts with the information-processing fees of the year, followed by what
    /// the capabilities report of the unit's year (e.g. how its tasks of the work plan were done).
    func prefilledOther(for org: Organisation, year: Int) async throws -> String {
        var paragraphs = [try await overviewFacts(for: org, year: year).feeSentence]
        for c in services.capabilities {
            if let notes = c.reportNotes { paragraphs += try await notes(services, try org.requireID(), year) }
        }
        return paragraphs.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    func save(_ r: AnnualReport, overview: String, problems: String, other: String, entered: ProactiveTable.EnteredFigures,
              actor: AuditActor) async throws {
        var errors: [String: String] = [:]
        if overview.trimmingSpaces().count < 20 { errors["overview"] = "请填写总体情况（至少20字）" }
        if problems.trimmingSpaces().count < 10 { errors["problems"] = "请填写存在的主要问题及改进情况（至少10字）" }
        if other.trimmingSpaces().isEmpty { errors["other"] = "请填写其他需要报告的事项（没有可写“无”）" }
        if [entered.licensingDecisions, entered.penaltyDecisions, entered.enforcementDecisions, entered.feesYuan].contains(where: { $0 < 0 }) {
            errors["entered"] = "数量和金额不能为负数"
        }
        if (entered.licensingDecisions + entered.penaltyDecisions + entered.enforcementDecisions + entered.feesYuan) > 0
            && entered.source.trimmingSpaces().isEmpty {
            errors["source"] = "请注明这些数据的来源（如：行政许可系统导出，2026年1月10日）"
        }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let before = r.id == nil ? nil : "\(r.overview.count)字"
        r.overview = overview.trimmingSpaces()
        r.problems = problems.trimmingSpaces()
        r.otherMatters = other.trimmingSpaces()
        r.enteredJSON = String(decoding: try JSONEncoder().encode(entered), as: UTF8.self)
        r.updatedAt = services.clock.now()
        r.updatedBy = actor.name
        let audit = services.audit
        let isNew = r.id == nil
        try await services.db.transaction { db in
            try await r.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .annualReport, entityID: "\(r.year)",
                                   action: isNew ? "新建" : "修改", changes: [.init(field: "overview", before: before, after: "\(r.overview.count)字")])
        }
    }

    /// Freezes the tables and texts. After publication a change needs a correction note, shown publicly.
    func publish(_ r: AnnualReport, org: Organisation, correctionNote: String?, confirmUnfinishedYear: Bool = false,
                 actor: AuditActor) async throws {
        guard r.id != nil else { throw Failure.refused("请先保存报告正文") }
        // A report covers a whole year: publishing (and freezing) it before the year ends needs a
        // deliberate confirmation, and the tables will miss whatever happens after today.
        if !r.isPublished && services.clock.today().year <= r.year && !confirmUnfinishedYear {
            throw Failure.invalid(["confirm_unfinished": "\(r.year)年尚未结束，现在发布的报告不包括今后发生的申请和公开情况，发布后内容固定。确需提前发布的，请勾选确认后再发布。"])
        }
        // 濉溪 task 36: passages close to another unit's report or to last year's are rewritten or explained first.
        let unexplained = try await ReportSimilarity(services: services).unexplained(for: r, org: org)
        if unexplained > 0 {
            throw Failure.invalid(["similarity": "报告中有\(unexplained)处语句与其他单位或本单位上年的报告高度相似（见下方对照），请改写，或在“相似语句说明”中说明原因后再发布"])
        }
        if r.isPublished {
            guard let note = correctionNote?.trimmingSpaces(), note.count >= 4 else {
                throw Failure.invalid(["correction": "已发布的报告重新发布须说明更正内容（将向公众显示）"])
            }
        }
        let tables = try await tables(for: org, year: r.year, entered: r.entered)
        let problems = try await problems(for: org, year: r.year, tables: tables)
        guard problems.isEmpty else { throw Failure.refused("报告未通过校验，请先处理：" + problems.joined(separator: "；")) }
        let snapshot = snapshot(r, org: org, tables: tables)
        let wasPublished = r.isPublished
        r.snapshotJSON = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        r.status = "published"
        if r.publishedAt == nil { r.publishedAt = services.clock.now() }
        r.updatedAt = services.clock.now()
        r.updatedBy = actor.name
        let audit = services.audit
        try await services.db.transaction { db in
            try await r.update(on: db)
            if wasPublished, let note = correctionNote {
                let c = AnnualReportCorrection()
                c.id = UUID()
                c.reportID = try r.requireID()
                c.note = note.trimmingSpaces()
                c.correctedAt = services.clock.now()
                c.correctedBy = actor.name
                try await c.create(on: db)
            }
            try await audit.record(on: db, actor: actor, organisationID: r.organisationID, entity: .annualReport, entityID: "\(r.year)",
                                   action: wasPublished ? "更正" : "发布", changes: [.init(field: "note", before: nil, after: correctionNote)])
        }
    }

    func snapshot(_ r: AnnualReport, org: Organisation, tables: Tables) -> ReportSnapshot {
        let format = AnnualReportFormat(rawValue: r.format) ?? .forYear(r.year)
        return ReportSnapshot(
            title: "\(org.name)\(r.year)年政府信息公开工作年度报告", organisation: org.name, year: r.year, overview: r.overview,
            proactive: format.proactiveGrid(tables.proactive), applications: format.applicationGrid(tables.applications),
            reviews: format.reviewGrid(tables.reviews), problems: r.problems, otherMatters: r.otherMatters,
            date: services.clock.today().chinese(withYear: true))
    }

    static func blocks(_ s: ReportSnapshot) -> [DocxWriter.Block] {
        func paragraphs(_ text: String) -> [DocxWriter.Block] {
            text.split(separator: "\n").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }.map { .paragraph($0) }
        }
        let h = AnnualReportFormat.sectionHeadings
        return [.heading(h[0])] + paragraphs(s.overview) + [.heading(h[1]), .grid(s.proactive), .heading(h[2]), .grid(s.applications),
                .heading(h[3]), .grid(s.reviews), .heading(h[4])] + paragraphs(s.problems) + [.heading(h[5])] + paragraphs(s.otherMatters)
    }

    func publishedSnapshot(_ r: AnnualReport) -> ReportSnapshot? {
        r.snapshotJSON.flatMap { try? JSONDecoder().decode(ReportSnapshot.self, from: Data($0.utf8)) }
    }
}
