import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 公众参与: each government's 重大行政决策事项目录 with stages, materials and 预公开率; public
/// consultations on drafts with comments, moderation, classification and the 意见采纳情况反馈.
enum ParticipationCapability {
    static let capability = Capability(
        name: "participation",
        migrations: [M032CreateParticipation(), M033CreateParticipationEvents(), M034CreateInterpretationDays(), M035CreateSurveys(), M036CreateParticipationMatters(), M037AddEventCategorySeats()],
        publicRoutes: { router, services in
            ParticipationPublicRoutes.register(router: router, services: services)
            ParticipationAPI.register(router: router, services: services)
            ParticipationAPI.registerMore(router: router, services: services)
            EventPublicRoutes.register(router: router, services: services)
            InterpretationDayRoutes.register(router: router, services: services)
            SurveyRoutes.register(router: router, services: services)
        },
        backOfficeRoutes: { bo in
            DecisionAdminRoutes.register(bo)
            ConsultationAdminRoutes.register(bo)
            EventAdminRoutes.register(bo)
            InterpretationDayRoutes.registerAdmin(bo)
            SurveyRoutes.registerAdmin(bo)
        },
        navigation: [.init(label: "公众参与", path: "/admin/participation", roles: DecisionAdminRoutes.viewers, order: 55)],
        dashboard: { services, auth in try await dashboard(services, auth) },
        columnSections: [ColumnSection(key: "decisions", label: "重大行政决策", path: "/decisions", order: 45)],
        home: HomeContribution(order: 15) { services, home in
            let open = try await ParticipationQueries.overview(services, closedLimit: 0).open
            return HomePart(actions: [HomeAction(label: "公众参与", href: "/participation")],
                            blocks: open.isEmpty ? [] : [HomeBlock(heading: "正在征求意见", links: open.prefix(5).map {
                                HomeLink(title: $0.title, href: $0.href, note: [$0.organisation, $0.daysLeft ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))
                            })])
        },
        demo: { demo in try await DemoParticipation(services: demo.services).load(demo) },
        openAPI: ParticipationAPI.openAPI,
        searchAlso: { services, query in try await ParticipationSearch.find(services, query) })

    /// The user's own organisation: its 预公开率 this year (with the list behind it), comments
    /// waiting for moderation, and closed consultations without a feedback draft.
    static func dashboard(_ services: AppServices, _ auth: Authorised) async throws -> DashboardPanel {
        let policy = auth.staff.policy
        guard policy.holdsAny(of: DecisionAdminRoutes.viewers),
              let org = try await Organisation.find(auth.staff.user.organisationID, on: services.db),
              policy.allows(DecisionAdminRoutes.viewers, ancestry: org.ancestry.ids), org.kind.isAdministrativeOrgan else { return DashboardPanel() }
        let orgID = try org.requireID()
        let today = services.clock.today()
        var panel = DashboardPanel()
        let hasList = try await DecisionList.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$year == today.year).first() != nil
        if hasList {
            let rate = try await ParticipationQueries.prePublicationRate(organisationID: orgID, year: today.year, on: services.db)
            panel.tiles.append(DashboardTile(label: "\(today.year)年预公开率（\(rate.numerator)/\(rate.denominator)）", value: rate.text,
                                             href: "/admin/participation/\(orgID)/decisions?year=\(today.year)#rate"))
        }
        let meetings = try await EventQueries.meetingRate(organisationID: orgID, year: today.year, through: today, on: services.db)
        if meetings.denominator > 0 {
            panel.tiles.append(DashboardTile(label: "\(today.year)年会议公开率（\(meetings.numerator)/\(meetings.denominator)）", value: meetings.text,
                                             href: "/admin/participation/\(orgID)/events?year=\(today.year)#meeting-rate"))
        }
        let events = try await ParticipationEvent.query(on: services.db).filter(\.$organisationID == orgID).filter(\.$publishedAt != nil).all()
        for e in events where e.day >= today.adding(days: -30) {
            for w in EventChecks.warnings(kind: e.kindValue, startsOn: e.day, today: today, materialsDeliveredOn: e.materialsDelivered,
                                          participantsPublished: !e.participants.isEmpty, recordPublished: e.recordPublishedAt != nil) {
                panel.warnings.append(DashboardWarning(text: "\(e.title)：\(w)", href: "/admin/participation/events/\(e.id!.uuidString)", linkText: "去处理"))
            }
        }
        // At least one 政府开放日 a year: those already held are counted, one announced stops the warning.
        let openDays = events.filter { $0.kindValue == .openDay && $0.day.year == today.year }
        if hasList || !events.isEmpty {
            panel.tiles.append(DashboardTile(label: "\(today.year)年已举办政府开放日", value: "\(openDays.filter { $0.day <= today }.count)次",
                                             href: "/admin/participation/\(orgID)/events?year=\(today.year)"))
        }
        if today.month >= 10, openDays.isEmpty {
            panel.warnings.append(DashboardWarning(text: "\(today.year)年尚未举办政府开放日（每年至少一次）",
                                                   href: "/admin/participation/\(orgID)/events/new?kind=open_day", linkText: "安排开放日"))
        }
        // 政策解读日, once the organisation keeps plans: next month's is due by the end of this one.
        if try await InterpretationPlan.query(on: services.db).filter(\.$organisationID == orgID).first() != nil {
            let next = CivilDate(year: today.year, month: today.month, day: 28)!.adding(days: 5)
            let plan = try await InterpretationDayDesk(services: services).plan(of: orgID, year: next.year, month: next.month)
            if plan?.publishedAt == nil {
                panel.warnings.append(DashboardWarning(
                    text: "\(next.year)年\(next.month)月政策解读日计划须于\(InterpretationDay.planDeadline(year: next.year, month: next.month).chinese(withYear: true))前公布",
                    href: "/admin/participation/\(orgID)/interpretation-days?year=\(next.year)&month=\(next.month)", linkText: "制定计划"))
            }
            let pendingProposals = try await InterpretationProposal.query(on: services.db).filter(\.$organisationID == orgID)
                .filter(\.$moderation == CommentModeration.pending.rawValue).count()
            if pendingProposals > 0 {
                panel.tiles.append(DashboardTile(label: "待审核的解读点菜", value: String(pendingProposals),
                                                 href: "/admin/participation/\(orgID)/interpretation-days"))
            }
        }
        let consultations = try await Consultation.query(on: services.db).filter(\.$organisationID == orgID).all()
        let ids = consultations.compactMap(\.id)
        if !ids.isEmpty {
            let pending = try await ConsultationComment.query(on: services.db).filter(\.$consultationID ~~ ids)
                .filter(\.$moderation == CommentModeration.pending.rawValue).count()
            panel.tiles.append(DashboardTile(label: "待审核的征求意见留言", value: String(pending), href: "/admin/participation"))
            for c in consultations where c.phase(on: today) == .closed && c.feedbackItemID == nil {
                panel.warnings.append(DashboardWarning(text: "《\(c.title)》征求意见已于\(c.closes.chinese(withYear: true))结束，尚未起草意见采纳情况反馈",
                                                       href: "/admin/participation/consultations/\(c.id!.uuidString)", linkText: "去处理"))
            }
        }
        return panel
    }
}
