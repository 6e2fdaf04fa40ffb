import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import SQLKit

/// 政府信息发布: drafting with 先审后发 and 保密审查, the 法定主动公开内容 and 政府信息公开制度
/// columns, the policy library, feeds and the open API, clean-up campaigns, and the scheduled
/// publication and dead-link jobs.
enum PublishingCapability {
    static let capability = Capability(
        name: "publishing",
        migrations: [M054DropDuplicateSerialIndex()],
        publicRoutes: { router, services in
            PublishingPublicRoutes.register(router: router, services: services)
            WorkRulesRoutes.register(router: router, services: services)
            FeedRoutes.register(router: router, services: services)
            PolicyLibraryRoutes.register(router: router, services: services)
            PublicAPIRoutes.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            PublishingAdminRoutes.register(bo)
            CheckListRoutes.register(bo)
            PublishingSettingsRoutes.register(bo)
            CleanupRoutes.register(bo)
            EmptyColumnRoutes.register(bo)
        },
        navigation: [
            .init(label: "政府信息发布", path: "/admin/items", roles: PublishingAdminRoutes.viewers, order: 20),
            .init(label: "空白栏目", path: "/admin/columns/empty", roles: EmptyColumnRoutes.viewers, matchPrefix: "/admin/columns", order: 30),
            .init(label: "文件清理", path: "/admin/cleanup", roles: [.disclosureOfficeAdministrator], order: 70),
            .init(label: "发布检查名单", path: "/admin/check-lists", roles: Roles.administrators, order: 150),
        ],
        dashboard: { services, auth in
            guard auth.staff.policy.holdsAny(of: Roles.administrators),
                  try await CheckTerm.query(on: services.db).filter(\.$list == CheckTerm.List.sensitive.rawValue).count() == 0
            else { return DashboardPanel() }
            return DashboardPanel(warnings: [DashboardWarning(
                text: "敏感词表为空：发布前检查不会发现任何敏感词（如“绝密”等密级标志）。请尽快补充。",
                href: "/admin/check-lists", linkText: "编辑检查词表")])
        },
        columnSections: [
            ColumnSection(key: "rules", label: "政府信息公开制度", path: "/rules", order: 30),
            ColumnSection(key: "fdzdgknr", label: "法定主动公开内容", path: "/fdzdgknr", order: 40),
        ],
        home: HomeContribution(order: 20) { services, home in
            let newest = try await ItemQueries.publicItems(on: services.db).sort(\.$publishedAt, .descending).limit(10).all()
            let links = newest.map { i in
                HomeLink(title: i.title, href: "/xxgk/\(i.organisationID)/content/\(i.id?.uuidString ?? "")",
                         note: [home.shortNames[i.organisationID] ?? "", i.publishedAt.map { SiteClock.day(of: $0).description } ?? ""]
                            .filter { !$0.isEmpty }.joined(separator: " · "))
            }
            return HomePart(actions: [HomeAction(label: "政策文件库", href: "/zcwjk")],
                            blocks: links.isEmpty ? [] : [HomeBlock(heading: "最新公开信息", links: links)])
        },
        jobs: [
            BackgroundJob(name: "publish-due") { job in
                let n = try await PublishingDesk(services: job.services).publishDue(now: job.services.clock.now())
                return JobOutcome(count: n, summary: "定时发布信息 \(n) 条")
            },
            BackgroundJob(name: "link-check") { job in
                let services = job.services
                guard services.config.checkLinks else { return JobOutcome(count: 0, summary: "检查链接（未开启）") }
                let n = try await LinkCheckStore(services: services, probe: LinkProbe(allowPrivateAddresses: services.config.linkCheckPrivateAddresses))
                    .run(now: services.clock.now())
                return JobOutcome(count: n, summary: "检查链接 \(n) 个")
            },
        ],
        upkeep: { services in
            // The column listing is derived from the public items; fill it if it is empty while
            // there are public items (a database upgraded from before the listing existed).
            guard let sql = services.db as? any SQLDatabase,
                  try await sql.raw("SELECT 1 FROM public_column_entries LIMIT 1").first() == nil,
                  try await ItemQueries.publicItems(on: services.db).first() != nil else { return }
            services.logger.notice("正在根据公开信息重建栏目列表……")
            try await ColumnListing.rebuild(on: services.db)
        },
        demo: { demo in
            guard let author = demo.account(holding: .informationOfficer) else { return }
            try await DemoPublications(services: demo.services).load(organisations: demo.organisations, author: author)
        },
        search: SearchContribution(label: "政府信息") { db in try await SearchService.reindexAll(on: db) })
}
