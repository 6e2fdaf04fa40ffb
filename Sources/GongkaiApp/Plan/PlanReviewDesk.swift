import FluentKit
import Foundation
import GongkaiDomain

/// The 回头看 (濉溪 2023 task 40): on a chosen day, every task of the year with its evidence as of
/// that day and a verdict, kept as taken; its result feeds the annual report (task 41).
struct PlanReviewDesk: Sendable {
    let services: AppServices


    func take(year: Int, day: CivilDate, title: String, actor: AuditActor) async throws -> PlanReview {
        let today = services.clock.today()
        var e: [String: String] = [:]
        if day > today { e["review_day"] = "回头看的日期不能晚于今天" }
        if day.year < year { e["review_day"] = "回头看的日期不能早于\(year)年" }
        let name = title.trimmingSpaces()
        if name.count > 100 { e["title"] = "标题不超过100字" }
        let lines = try await PlanQueries.ledger(services, year: year, organisationIDs: nil, today: day).filter { $0.task.createdDay <= day }
        if e.isEmpty && lines.isEmpty { e["year"] = "\(year)年度台账中还没有任务" }
        guard e.isEmpty else { throw DeskFailure.invalid(e) }
        let names = try await OrganisationQueries.activeNames(services)
        let items = try await evidenceItems(lines.flatMap(\.reports).compactMap(\.itemID))
        let review = PlanReview()
        review.id = UUID(); review.year = year; review.reviewDay = day.description
        review.title = name.isEmpty ? "\(year)年度政务公开工作任务回头看" : name
        review.createdBy = actor.name; review.createdAt = services.clock.now()
        let entries = lines.map { l -> PlanReviewEntry in
            let reports = l.reports.filter { (CivilDate(iso: $0.reportedOn) ?? today) <= day }
            let evidence = reports.reduce(0) { $0 + $1.evidenceCount }
            let completed = l.task.completedDay.flatMap { $0 <= day ? $0 : nil }
            let verdict = LookBackVerdict.of(deadline: l.task.deadline, completedOn: completed, evidenceCount: evidence,
                                             reportCount: reports.count, reviewDay: day)
            let e = PlanReviewEntry()
            e.id = UUID(); e.reviewID = review.id!; e.taskID = l.task.id!; e.number = l.task.number; e.title = l.task.title
            e.units = PlanQueries.unitNames(l, names: names).leads
            e.deadline = l.task.deadline.label
            e.verdict = verdict.rawValue
            e.evidence = String(Self.evidenceText(reports, items: items).prefix(1000))
            return e
        }
        let audit = services.audit
        try await services.db.transaction { db in
            try await review.create(on: db)
            for e in entries { try await e.create(on: db) }
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .planTask, entityID: "\(year)",
                                   action: "回头看", changes: [.init(field: "review_day", before: nil, after: "\(day)（\(entries.count)项）")])
        }
        return review
    }

    /// The items reports cite as evidence, by id.
    func evidenceItems(_ ids: [UUID]) async throws -> [UUID: InformationItem] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await InformationItem.query(on: services.db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The evidence in words: each report's day and what it points to.
    static func evidenceText(_ reports: [PlanProgress], items: [UUID: InformationItem]) -> String {
        reports.compactMap { r -> String? in
            var parts: [String] = []
            if let id = r.itemID { parts.append("《\(items[id]?.title ?? "已公开信息")》") }
            if !r.link.isEmpty { parts.append(r.link) }
            if r.fileSHA256 != nil { parts.append("附件：\(r.fileName)") }
            return parts.isEmpty ? nil : "\(r.reportedOn) " + parts.joined(separator: "，")
        }.joined(separator: "；")
    }

    /// Counts by verdict, in the verdicts' order.
    static func tally(_ entries: [PlanReviewEntry]) -> [(LookBackVerdict, Int)] {
        LookBackVerdict.allCases.map { v in (v, entries.filter { $0.verdict == v.rawValue }.count) }.filter { $0.1 > 0 }
    }

    /// A sentence for the annual report, on the tasks a unit led (all tasks when `organisationID` is nil).
    static func sentence(year: Int, day: String, entries: [PlanReviewEntry], unitName: String?) -> String {
        let counts = tally(entries).map { "\($0.0.label)\($0.1)项" }.joined(separator: "，")
        let whose = unitName.map { "\($0)牵头的" } ?? ""
        let shown = CivilDate(iso: day)?.chinese(withYear: true) ?? day
        return "\(year)年度政务公开工作要点中\(whose)任务共\(entries.count)项。截至\(shown)回头看：\(counts)。"
    }

    /// The latest 回头看 of the year for the annual report of a unit: its led tasks' verdicts.
    static func reportNotes(_ services: AppServices, organisationID: Int, year: Int) async throws -> [String] {
        guard let review = try await PlanReview.query(on: services.db).filter(\.$year == year).sort(\.$reviewDay, .descending).first() else { return [] }
        let led = Set(try await PlanTaskUnit.query(on: services.db).filter(\.$organisationID == organisationID).filter(\.$lead == true).all().map(\.taskID))
        let entries = try await PlanReviewEntry.query(on: services.db).filter(\.$reviewID == review.id!).all().filter { led.contains($0.taskID) }
        guard !entries.isEmpty else { return [] }
        return [sentence(year: year, day: review.reviewDay, entries: entries, unitName: "本单位")]
    }
}
