import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政民互动: the 信箱 (县长信箱, 部门信箱) with reply periods on the working-day calendar, routing,
/// replies reviewed before publication, the writer's rating and one follow-up, reminders and the
/// three-month inspection watch.
enum InteractionCapability {
    static let capability = Capability(
        name: "interaction",
        migrations: [M038CreateLetters(), M039CreateKnowledgeEntries(), M040CreateOpinionLedger(), M041CreateInterviews()],
        publicRoutes: { router, services in
            LetterPublicRoutes.register(router: router, services: services)
            KnowledgeRoutes.register(router: router, services: services)
            InterviewRoutes.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            LetterAdminRoutes.register(bo)
            KnowledgeRoutes.registerAdmin(bo)
            OpinionRoutes.register(bo)
            InterviewAdminRoutes.register(bo)
        },
        navigation: [.init(label: "政民互动", path: "/admin/letters", roles: LetterAdminRoutes.viewers, order: 56),
                     .init(label: "知识问答库", path: "/admin/knowledge", roles: KnowledgeRoutes.editors, order: 57),
                     .init(label: "在线访谈", path: "/admin/interviews", roles: InterviewAdminRoutes.editors, order: 58),
                     .init(label: "舆情回应台账", path: "/admin/opinions", roles: OpinionRoutes.viewers, order: 59)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        home: HomeContribution(order: 12) { services, _ in
            let letters = try await LetterQueries.publicLetters(services, limit: 5)
            return HomePart(actions: [HomeAction(label: "我要写信", href: "/hudong"), HomeAction(label: "在线访谈", href: "/hudong/interviews"),
                                      HomeAction(label: "知识问答", href: "/hudong/knowledge")],
                            blocks: letters.isEmpty ? [] : [HomeBlock(heading: "来信选登", links: letters.map { HomeLink(title: $0.subject, href: $0.href, note: $0.note) })])
        },
        jobs: [
            BackgroundJob(name: "letter-reminders") { job in
                let n = try await LetterReminderJob(services: job.services).run(today: job.today, leadDays: job.services.config.reminderLeadDays)
                return JobOutcome(count: n, summary: "来信期限提醒 \(n) 封")
            },
            BackgroundJob(name: "opinion-commitments") { job in
                let n = try await OpinionAlertJob(services: job.services).run(today: job.today)
                return JobOutcome(count: n, summary: "舆情承诺事项逾期提醒 \(n) 条")
            },
            BackgroundJob(name: "knowledge-check") { job in
                let n = try await KnowledgeDesk(services: job.services).flagOutdated(today: job.today)
                return JobOutcome(count: n, summary: "问答因政策失效暂停公开 \(n) 条")
            },
        ],
        demo: { demo in
            try await DemoLetters(services: demo.services).load(demo)
            try await DemoKnowledge(services: demo.services).load(demo)
            try await DemoOpinions(services: demo.services).load(demo)
            try await DemoInterviews(services: demo.services).load(demo)
        },
        openAPI: OpenAPIContribution {
            let k = KnowledgeRoutes.openAPI.build(), i = InterviewRoutes.openAPI.build()
            return (k.paths.merging(i.paths) { a, _ in a }, k.schemas.merging(i.schemas) { a, _ in a })
        },
        searchAlso: { services, query in
            // The published letters and interviews, read once per recorded change, matched in memory.
            let corpus = try await services.pageCache.value("search-also-interaction", db: services.db) { try await searchCorpus(services) }
            var found: [HomeLink] = []
            for c in corpus.letters where found.count < 10 && ParticipationSearch.matches(c, query) {
                found.append(HomeLink(title: c.title, href: c.href, note: c.note))
            }
            for c in corpus.interviews where found.count < 15 && ParticipationSearch.matches(c, query) {
                found.append(HomeLink(title: c.title, href: c.href, note: c.note))
            }
            var knowledge = 0
            for c in corpus.knowledge where found.count < 20 && knowledge < 10 && ParticipationSearch.matches(c, query) {
                found.append(HomeLink(title: c.title, href: c.href, note: c.note))
                knowledge += 1
            }
            return found.isEmpty ? nil : HomeBlock(heading: "政民互动中的相关答复", links: found)
        })

    /// Public letters (subject, body and reply) and interviews as search candidates.
    static func searchCorpus(_ services: AppServices) async throws
        -> (letters: [ParticipationSearch.Candidate], interviews: [ParticipationSearch.Candidate], knowledge: [ParticipationSearch.Candidate]) {
        var letters: [ParticipationSearch.Candidate] = []
        for r in try await LetterQueries.publicLetters(services, limit: 2000) {
            guard let l = try await LetterQueries.publicLetter(r.number, on: services.db) else { continue }
            letters.append(ParticipationSearch.Candidate(title: r.subject, text: l.subject + "\n" + l.body + "\n" + l.reply, href: r.href, note: "来信选登 · \(r.note)"))
        }
        let names = try await OrganisationQueries.activeNames(services)
        var interviews: [ParticipationSearch.Candidate] = []
        for i in try await Interview.query(on: services.db).filter(\.$state != InterviewState.draft.rawValue).sort(\.$startsAt, .descending).limit(500).all()
        where names[i.organisationID] != nil {
            interviews.append(ParticipationSearch.Candidate(title: i.title, text: i.guests + "\n" + i.description, href: "/hudong/interviews/\(i.id!.uuidString)",
                                                            note: "在线访谈 · \(SiteClock.timeText(i.startsAt).prefix(10))"))
        }
        let knowledge = try await KnowledgeEntry.query(on: services.db).filter(\.$publishedAt != nil).filter(\.$flag == "").limit(5000).all()
            .filter { names[$0.organisationID] != nil }
            .map { ParticipationSearch.Candidate(title: $0.question, text: $0.answer, href: "/hudong/knowledge#k-\($0.id!.uuidString.prefix(8))", note: "知识问答") }
        return (letters, interviews, knowledge)
    }

    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        var panel = try await letterPanel(services, auth)
        for part in [try await opinionPanel(services, auth), try await interviewPanel(services, auth)] {
            panel.tiles += part.tiles
            panel.warnings += part.warnings
        }
        return panel
    }

    /// Interviews whose open questions are past the follow-up day.
    static func interviewPanel(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        guard auth.staff.policy.holdsAny(of: InterviewAdminRoutes.editors) else { return DashboardPanel() }
        let ids = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: InterviewAdminRoutes.editors, on: services.db).compactMap(\.node.id)
        guard !ids.isEmpty else { return DashboardPanel() }
        let ended = try await Interview.query(on: services.db).filter(\.$organisationID ~~ ids).filter(\.$state == InterviewState.ended.rawValue).all()
        let overdue = try await InterviewAdminRoutes.overdueFollowUps(ended, today: services.clock.today(), on: services.db)
        guard !overdue.isEmpty else { return DashboardPanel() }
        return DashboardPanel(warnings: [DashboardWarning(text: "\(overdue.count)场在线访谈有网友问题超过会后答复期限未答复（共\(overdue.values.reduce(0, +))个）",
                                                          href: "/admin/interviews", linkText: "查看")])
    }

    /// The ledger's year so far: responses on time, and commitments past their day.
    static func opinionPanel(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        guard auth.staff.policy.holdsAny(of: OpinionRoutes.viewers) else { return DashboardPanel() }
        let ids = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: OpinionRoutes.viewers, on: services.db).compactMap(\.node.id)
        let today = services.clock.today()
        let entries = try await OpinionQueries.ledger(organisationIDs: ids, year: today.year, now: services.clock.now(),
                                                      limits: services.config.opinionLimits, on: services.db)
        guard !entries.isEmpty else { return DashboardPanel() }
        let f = OpinionQueries.figures(entries, today: today)
        var panel = DashboardPanel(tiles: [DashboardTile(label: "舆情按时回应", value: "\(f.onTime)/\(f.decided)", href: "/admin/opinions")])
        if f.overdue > 0 {
            panel.warnings.append(DashboardWarning(text: "\(f.overdue)项舆情回应承诺事项已逾期未办结", href: "/admin/opinions", linkText: "查看台账"))
        }
        return panel
    }

    static func letterPanel(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        let policy = auth.staff.policy
        guard policy.holdsAny(of: LetterAdminRoutes.viewers) else { return DashboardPanel() }
        let ids = try await OrganisationQueries.tree(visibleTo: policy, roles: LetterAdminRoutes.viewers, on: services.db).compactMap(\.node.id)
        guard !ids.isEmpty else { return DashboardPanel() }
        let today = services.clock.today()
        let open = try await Letter.query(on: services.db).group(.or) { $0.filter(\.$handlingID ~~ ids).filter(\.$mailboxID ~~ ids) }
            .filter(\.$state ~~ LetterFlow.State.allCases.filter(\.awaitsReply).map(\.rawValue)).all()
        var panel = DashboardPanel(tiles: [
            DashboardTile(label: "待答复的来信", value: String(open.count), href: "/admin/letters"),
            DashboardTile(label: "来信已超期", value: String(open.filter { today > $0.due }.count), href: "/admin/letters?show=late"),
        ])
        let calendar = try await CalendarStore(services: services).calendar()
        let month = try await LetterQueries.figures(organisationIDs: ids, year: today.year, month: today.month, today: today, calendar: calendar, on: services.db)
        panel.tiles.append(DashboardTile(label: "本月来信（按期答复）", value: "\(month.received)（\(month.repliedOnTime)）", href: "/admin/letters?show=all"))
        let watched = open.filter { LetterAdminRoutes.watchText($0, today: today) != nil }
        if !watched.isEmpty {
            panel.warnings.append(DashboardWarning(text: "\(watched.count)件来信临近或超过3个月未答复（网站检查单项否决：互动回应差）",
                                                   href: "/admin/letters?show=watch", linkText: "查看"))
        }
        return panel
    }
}
