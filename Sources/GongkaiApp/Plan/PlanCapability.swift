import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Running the plan itself (issue 20): the task ledger with progress, 督查 and 回头看; the 三单 of
/// rectification; the 联席会议; the indicators with their charts; 考核 and 社会评议.
enum PlanCapability {
    static let capability = Capability(
        name: "plan",
        migrations: [M050CreatePlan()],
        backOfficeRoutes: { bo in
            PlanRoutes.register(bo)
            RectificationRoutes.register(bo)
            JointMeetingRoutes.register(bo)
            IndicatorRoutes.register(bo)
            AssessmentRoutes.register(bo)
            SocialEvaluationRoutes.register(bo)
        },
        navigation: [.init(label: "任务台账", path: "/admin/plan", roles: PlanLedgerDesk.viewers, order: 84),
                     .init(label: "问题整改", path: "/admin/fixes", roles: RectificationDesk.viewers, order: 85),
                     .init(label: "联席会议", path: "/admin/meetings", roles: PlanLedgerDesk.viewers, order: 86),
                     .init(label: "指标", path: "/admin/indicators", roles: IndicatorRoutes.viewers, order: 87),
                     .init(label: "考核评议", path: "/admin/assessments", roles: AssessmentDesk.viewers, order: 88)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        jobs: [PlanReminderJob.job],
        demo: { demo in try await DemoPlan(services: demo.services).load(demo) },
        reportNotes: { services, org, year in try await PlanReviewDesk.reportNotes(services, organisationID: org, year: year) })

    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        var panel = DashboardPanel()
        let policy = auth.staff.policy
        guard policy.holdsAny(of: PlanLedgerDesk.viewers) else { return panel }
        let today = services.clock.today()
        let visible = Set(try await OrganisationQueries.tree(visibleTo: policy, roles: PlanLedgerDesk.viewers, on: services.db).compactMap(\.node.id))
        let lines = try await PlanQueries.ledger(services, year: today.year, organisationIDs: visible, today: today)
        if !lines.isEmpty {
            let open = lines.filter { $0.status != .done }.count
            panel.tiles.append(DashboardTile(label: "\(today.year)年工作任务未完成", value: "\(open)/\(lines.count)", href: "/admin/plan"))
            let overdue = lines.filter { $0.status == .overdue }.count
            if overdue > 0 {
                panel.warnings.append(DashboardWarning(text: "有\(overdue)项工作任务逾期", href: "/admin/plan?status=overdue", linkText: "查看逾期任务"))
            }
            let soon = lines.filter { l in
                if case .dueSoon = TaskReminder.stage(deadline: l.task.deadline, createdOn: l.task.createdDay, completedOn: l.task.completedDay,
                                                      lastReport: l.lastReport, today: today, leadDays: services.config.plan.reminderDays) { return true }
                return false
            }.count
            if soon > 0 {
                panel.warnings.append(DashboardWarning(text: "有\(soon)项工作任务临近完成时限", href: "/admin/plan", linkText: "查看任务"))
            }
        }
        // Leaders see the year's key indicators for their units, each a link to its chart and list.
        if policy.holdsAny(of: [.leader]) {
            let scope = Array(visible).sorted()
            for indicator in [PlanIndicator.applicationsOnTime, .lettersOnTime, .catalogueCoverage] {
                let value = try await IndicatorQueries.compute(indicator, services, organisations: scope, period: IndicatorPeriod(year: today.year, month: nil)).value
                panel.tiles.append(DashboardTile(label: "\(today.year)年\(indicator.label)", value: value.text,
                                                 href: "/admin/indicators?year=\(today.year)&indicator=\(indicator.rawValue)#detail"))
            }
        }
        let fixes = try await Rectification.query(on: services.db).filter(\.$closedOn == nil).all()
            .filter { r in r.organisationID.map(visible.contains) ?? policy.holdsAny(of: PlanLedgerDesk.office) }
        let overdueFixes = fixes.filter { $0.status(today: today) == .overdue }.count
        if !fixes.isEmpty { panel.tiles.append(DashboardTile(label: "问题整改未销号", value: String(fixes.count), href: "/admin/fixes")) }
        if overdueFixes > 0 {
            panel.warnings.append(DashboardWarning(text: "有\(overdueFixes)个问题逾期未整改", href: "/admin/fixes?status=overdue", linkText: "查看整改清单"))
        }
        return panel
    }
}
