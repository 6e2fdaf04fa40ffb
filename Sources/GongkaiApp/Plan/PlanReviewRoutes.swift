import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 回头看: taken by the office on a chosen day, shown with its verdicts, exported as .xlsx.
enum PlanReviewRoutes {
    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.post("/admin/plan/reviews", roles: PlanLedgerDesk.office, target: .global) { request, context, auth in
            let form = context.form
            let year = Int(form["year"]).flatMap { (2000...2100).contains($0) ? $0 : nil }
            guard let year, let day = CivilDate(iso: form["review_day"].trimmingSpaces()) else {
                return try await PlanRoutes.ledger(services, request, context, auth, form: nil, errors: [:],
                                                   reviewErrors: ["review_day": "请填写回头看的日期，如 2026-11-30"], status: .badRequest)
            }
            do {
                let review = try await PlanReviewDesk(services: services).take(year: year, day: day, title: form["title"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/plan/reviews/\(review.id!.uuidString)?notice=reviewed", type: .found)
            } catch DeskFailure.invalid(let errors) {
                return try await PlanRoutes.ledger(services, request, context, auth, form: nil, errors: [:], reviewErrors: errors, status: .badRequest)
            }
        }
        bo.get("/admin/plan/reviews/:review", roles: PlanLedgerDesk.viewers, target: .anyScope) { request, context, auth in
            guard let review = try await PlanReview.find(context.parameters.get("review", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            // A unit sees the verdicts on its own tasks; the office and leaders over the county see all.
            let visible = Set(try await PlanRoutes.units(services, auth, roles: PlanLedgerDesk.viewers).compactMap(\.id))
            let entries = try await PlanReviewEntry.query(on: services.db).filter(\.$reviewID == review.id!).sort(\.$number).all()
            let taskUnits = Dictionary(grouping: try await PlanTaskUnit.query(on: services.db).filter(\.$taskID ~~ entries.map(\.taskID)).all(), by: \.taskID)
            let shown = entries.filter { e in (taskUnits[e.taskID] ?? []).contains { visible.contains($0.organisationID) } }
            if request.query.get("format") == "xlsx" {
                let rows = [["序号", "工作任务", "牵头单位", "时限要求", "回头看结论", "佐证材料"]]
                    + shown.map { [String($0.number), $0.title, $0.units, $0.deadline, $0.verdictValue?.label ?? $0.verdict, $0.evidence] }
                return Download.response(ByteBuffer(bytes: XlsxSheet.write(name: "回头看", rows: rows)), contentType: AttachmentType.xlsx.mimeType,
                                         fallbackName: "review-\(review.reviewDay).xlsx", fileName: "\(review.title)（\(review.reviewDay)）.xlsx", cacheControl: "no-store")
            }
            return services.templates.page("admin-plan-review", PlanViews.ReviewView(
                chrome: AdminChrome.make(services, context, title: review.title, path: "/admin/plan", notice: PlanRoutes.notice(request)),
                title: review.title, day: review.reviewDay, takenBy: review.createdBy,
                counts: PlanReviewDesk.tally(shown).map { PlanViews.Count(label: $0.0.label, count: $0.1, href: "") },
                sentence: PlanReviewDesk.sentence(year: review.year, day: review.reviewDay, entries: shown, unitName: nil),
                rows: shown.map { e in PlanViews.ReviewEntryRow(number: e.number, title: e.title, units: e.units, deadline: e.deadline,
                                                                verdict: e.verdictValue?.label ?? e.verdict, shortfall: e.verdictValue?.isShortfall ?? false,
                                                                evidence: e.evidence.nonEmpty) },
                exportHref: "/admin/plan/reviews/\(review.id!.uuidString)?format=xlsx"))
        }
    }
}
