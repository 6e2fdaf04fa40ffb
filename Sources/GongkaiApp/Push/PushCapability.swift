import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策服务直通车: audience attributes on policies and guides, subscriptions with double opt-in,
/// 精准推送 that says why, signed webhooks to the county's own channels, feeds, an embeddable
/// fragment and a screen display, 政策包 and 明白卡 with QR codes ("扫码上车").
enum PushCapability {
    static let capability = Capability(
        name: "push",
        migrations: [M046CreatePush()],
        publicRoutes: { router, services in
            PushPublicRoutes.register(router: router, services: services)
            PushFeedRoutes.register(router: router, services: services)
            PolicyPackageRoutes.register(router: router, services: services)
            PushAPI.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            PushAdminRoutes.register(bo)
            PolicyPackageAdminRoutes.register(bo)
            WebhookAdminRoutes.register(bo)
        },
        navigation: [.init(label: "政策推送", path: "/admin/push", roles: AudienceDesk.editors, order: 66)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        home: HomeContribution(order: 9) { services, _ in
            let packages = try await PolicyPackageQueries.published(services)
            return HomePart(actions: [HomeAction(label: "政策服务直通车", href: "/zhitongche")],
                            blocks: packages.isEmpty ? [] : [HomeBlock(heading: "政策包", links: packages.prefix(6).map {
                                HomeLink(title: $0.name, href: PolicyPackageQueries.href($0), note: "")
                            })])
        },
        jobs: [BackgroundJob(name: "policy-push") { job in
            let r = try await PushDispatcher(services: job.services).run(now: job.services.clock.now())
            let hooks = try await WebhookSender(services: job.services).deliverDue(now: job.services.clock.now())
            let purged = try await SubscriptionDesk(services: job.services).purgeUnconfirmed()
            if r.mails > 0 {
                // Digests go out in this run rather than the next (the mail job ran before this one).
                _ = try await MailOutbox(services: job.services, transport: job.transport).deliverDue(now: job.services.clock.now())
            }
            return JobOutcome(count: r.notices + r.mails + hooks.delivered + hooks.retrying + hooks.failed + purged,
                              summary: "政策推送：新通知 \(r.notices) 条，匹配 \(r.matched) 人次，邮件 \(r.mails) 封；接口送达 \(hooks.delivered) 次，待重试 \(hooks.retrying) 次，放弃 \(hooks.failed) 次",
                              needsAttention: hooks.failed > 0)
        }],
        demo: { demo in try await DemoPush(services: demo.services).load(demo) },
        openAPI: PushAPI.openAPI,
        searchAlso: { services, query in
            let corpus = try await services.pageCache.value("search-also-packages", db: services.db) {
                try await PolicyPackageQueries.published(services).map {
                    ParticipationSearch.Candidate(title: $0.name, text: $0.intro, href: PolicyPackageQueries.href($0), note: "政策包")
                }
            }
            let found = corpus.filter { ParticipationSearch.matches($0, query) }
            guard !found.isEmpty else { return nil }
            return HomeBlock(heading: "政策包", links: found.prefix(10).map { HomeLink(title: $0.title, href: $0.href, note: $0.note) })
        },
        itemFacts: { services, item in try await PushFeedRoutes.itemFacts(services, item) })

    /// Items published without confirmed audience (they reach only keyword and organisation
    /// followers), and webhooks that gave up.
    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        guard auth.staff.policy.holdsAny(of: AudienceDesk.editors) else { return DashboardPanel() }
        let ids = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: AudienceDesk.editors, on: services.db).compactMap(\.node.id)
        guard !ids.isEmpty else { return DashboardPanel() }
        var panel = DashboardPanel()
        let since = services.clock.now().addingTimeInterval(-30 * 86_400)
        let recent = try await InformationItem.query(on: services.db).filter(\.$organisationID ~~ ids).filter(\.$status == "published")
            .filter(\.$publishedAt >= since).all()
        let confirmed = try await PushQueries.confirmedAudiences(of: recent.compactMap(\.id), on: services.db)
        let untagged = recent.filter { confirmed[$0.id!] == nil && $0.isPublic }.count
        if !recent.isEmpty {
            panel.tiles.append(DashboardTile(label: "近30天发布未确认受众的信息", value: String(untagged), href: "/admin/push"))
        }
        if auth.staff.policy.holdsAny(of: WebhookAdminRoutes.editors) {
            let hooks = try await PushWebhook.query(on: services.db).filter(\.$organisationID ~~ ids).all().compactMap(\.id)
            if !hooks.isEmpty {
                let failed = try await WebhookDelivery.query(on: services.db).filter(\.$webhookID ~~ hooks).filter(\.$failedAt != nil).count()
                if failed > 0 {
                    panel.warnings.append(DashboardWarning(text: "推送接口有\(failed)条通知多次发送失败，已放弃", href: "/admin/push/webhooks", linkText: "查看并重试"))
                }
            }
        }
        return panel
    }
}
