import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 依申请公开: the application form and tracking for the public, case handling on the working-day
/// calendar for staff, reply letters, proceedings, and the deadline reminders.
enum ApplicationsCapability {
    static let capability = Capability(
        name: "applications",
        publicRoutes: { router, services in
            ApplicationPublicRoutes.register(router: router, services: services)
            QueryCodeRecovery.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            ApplicationAdminRoutes.register(bo)
            ApplicationDocumentRoutes.register(bo)
            ProceedingRoutes.register(bo)
            LetterTemplateRoutes.register(bo)
        },
        navigation: [.init(label: "依申请公开", path: "/admin/applications", roles: ApplicationAdminRoutes.viewers, order: 10)],
        dashboard: { services, auth in
            guard auth.staff.policy.holdsAny(of: ApplicationAdminRoutes.viewers) else { return DashboardPanel() }
            let orgIDs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: ApplicationAdminRoutes.viewers, on: services.db)
                .compactMap { $0.node.id }
            let today = services.clock.today()
            let open = try await ApplicationQueries.cases(organisationIDs: orgIDs, openOnly: true, services: services, today: today)
            let overdue = open.filter { ApplicationQueries.DueFilter.overdue.matches($0, today: today) }.count
            let soon = open.filter { ApplicationQueries.DueFilter.soon.matches($0, today: today) }.count
            let unconfirmed = open.filter { $0.application.statusValue == .awaitingConfirmation }.count
            return DashboardPanel(tiles: [
                DashboardTile(label: "办理中的申请", value: String(open.count), href: "/admin/applications"),
                DashboardTile(label: "待确认收到", value: String(unconfirmed), href: "/admin/applications"),
                DashboardTile(label: ApplicationQueries.DueFilter.soon.label, value: String(soon), href: "/admin/applications?due=soon"),
                DashboardTile(label: ApplicationQueries.DueFilter.overdue.label, value: String(overdue), href: "/admin/applications?due=overdue"),
            ])
        },
        columnSections: [ColumnSection(key: "apply", label: "依申请公开", path: "/apply", order: 60)],
        home: HomeContribution(order: 10) { _, home in
            var actions: [HomeAction] = []
            if let g = home.government, let id = g.id { actions.append(HomeAction(label: "我要申请政府信息公开", href: "/xxgk/\(id)/apply")) }
            actions.append(HomeAction(label: "查询申请办理进度", href: "/ysq/track"))
            return HomePart(actions: actions)
        },
        jobs: [BackgroundJob(name: "reminders") { job in
            let queued = try await DeadlineReminderJob(services: job.services)
                .run(today: job.today, leadDays: job.services.config.reminderLeadDays)
            return JobOutcome(count: queued, summary: "排队提醒邮件 \(queued) 封")
        }])
}
