import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政民互动 in the back office: the letters the user's organisations received or handle, with their
/// clocks; one letter with its history and the steps its state allows.
enum LetterAdminRoutes {
    /// Who routes letters (the mailbox's office) and who handles them (the department's staff).
    static let routers: Set<StaffRole> = [.disclosureOfficeAdministrator]
    static let handlers: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer, .applicationHandler]
    /// Replies are published only after one of these approved them (先审后发 for replies).
    static let reviewers: Set<StaffRole> = [.reviewer, .disclosureOfficeAdministrator]
    static let viewers: Set<StaffRole> = handlers.union(reviewers).union([.systemAdministrator])

    static let owner = RecordOwner(kind: "letter") { raw, db in
        guard let id = UUID(uuidString: raw), let l = try await Letter.find(id, on: db) else { return [] }
        return [l.handlingID, l.mailboxID]
    }

    struct Row: Sendable {
        let number: String
        let href: String
        let subject: String
        let kind: String
        let mailbox: String
        let handler: String
        let state: String
        let due: String
        let late: Bool
        let watch: String?
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let filters: [OptionItem]
        let figures: [DecisionListPage.Link]
        let period: String
        let years: [OptionItem]
        let months: [OptionItem]
        let show: String
        let byOrganisation: [FigureRow]
        let hasByOrganisation: Bool
    }

    /// One organisation's letters in the period (those it handles).
    struct FigureRow: Sendable {
        let organisation: String
        let received: Int
        let replied: String
        let average: String
        let satisfaction: String
        let open: String
    }

    struct PageView: Sendable {
        let chrome: PageChrome
        let number: String
        let subject: String
        let kind: String
        let state: String
        let mailbox: String
        let handler: String
        let due: String
        let watch: String?
        let writer: String
        let phone: String
        let email: String
        let isPublic: Bool
        let privateReason: String?
        let flags: String?
        let body: [String]
        let followUp: [String]
        let reply: String
        let rating: String?
        let history: [DecisionListPage.Link]
        let canRoute: Bool
        let canHandle: Bool
        let canReview: Bool
        let canReply: Bool
        let inReview: Bool
        let organisations: [OptionItem]
        let error: String?
        let canAddToKnowledge: Bool
        let inKnowledge: Bool
        let topics: [OptionItem]
        let policy: DecisionListPage.Link?
        /// 谁起草谁解读: a 政策咨询 about a policy goes by default to its drafting department.
        let routingHint: String?
    }

    static func watchText(_ l: Letter, today: CivilDate) -> String? {
        guard l.stateValue.awaitsReply else { return nil }
        switch LetterPeriods.watch(receivedOn: l.received, today: today) {
        case .clear: return nil
        case .approaching(let left): return "距3个月检查期限还剩\(left)天"
        case .exceeded(let days): return "超过3个月未答复（已超\(days)天）"
        }
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = LetterDesk(services: services)

        bo.get("/admin/letters", roles: viewers, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: services.db).map(\.node)
            let ids = orgs.compactMap(\.id)
            let today = services.clock.today()
            let filter = request.query.get("show") ?? "open"
            guard ["open", "late", "watch", "all"].contains(filter) else { throw UserFacingError(status: .badRequest, message: "show 应为 open、late、watch 或 all") }
            var q = Letter.query(on: services.db).group(.or) { $0.filter(\.$handlingID ~~ ids).filter(\.$mailboxID ~~ ids) }
            if filter != "all" { q = q.filter(\.$state ~~ LetterFlow.State.allCases.filter(\.awaitsReply).map(\.rawValue)) }
            var letters = ids.isEmpty ? [] : try await q.sort(\.$dueOn).limit(500).all()
            if filter == "late" { letters = letters.filter { today > $0.due } }
            if filter == "watch" { letters = letters.filter { watchText($0, today: today) != nil } }
            let names = Dictionary(orgs.compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
            let calendar = try await CalendarStore(services: services).calendar()
            let year = try request.query.optionalInteger("year", in: 2000...2100, label: "year（年份）") ?? today.year
            let month = try request.query.optionalInteger("month", in: 1...12, label: "month（月份）")
            let inPeriod = try await LetterQueries.letters(organisationIDs: ids, year: year, month: month, on: services.db)
            let f = LetterQueries.figures(of: inPeriod, today: today, calendar: calendar)
            let byOrganisation = orgs.compactMap { o -> FigureRow? in
                let mine = inPeriod.filter { $0.handlingID == o.id }
                guard !mine.isEmpty else { return nil }
                let g = LetterQueries.figures(of: mine, today: today, calendar: calendar)
                return FigureRow(organisation: o.name, received: g.received, replied: "\(g.replied)（按期\(g.repliedOnTime)）", average: g.averageWorkingDays,
                                 satisfaction: g.rated == 0 ? "—" : "\(g.satisfied)/\(g.rated)",
                                 open: "\(g.open)（1个月内\(g.openWithinMonth)，1–3个月\(g.openOneToThreeMonths)，超3个月\(g.overThreeMonths)）")
            }
            let view = ListView(
                chrome: AdminChrome.make(services, context, title: "政民互动", path: "/admin/letters", notice: AdminChrome.notice(request)),
                rows: letters.map { l in
                    Row(number: l.number, href: "/admin/letters/\(l.id!.uuidString)", subject: l.subject, kind: l.kindValue.label,
                        mailbox: names[l.mailboxID].map(LetterQueries.mailboxName) ?? "", handler: names[l.handlingID]?.name ?? "",
                        state: l.stateValue.label, due: l.due.chinese(withYear: true), late: l.stateValue.awaitsReply && today > l.due,
                        watch: watchText(l, today: today))
                },
                hasRows: !letters.isEmpty,
                filters: [("open", "待答复"), ("late", "已超期"), ("watch", "临近或超过3个月"), ("all", "全部")].map {
                    OptionItem(value: $0.0, label: $0.1, selected: $0.0 == filter)
                },
                figures: [("收到来信", "\(f.received)件"), ("已答复", "\(f.replied)件，其中按期\(f.repliedOnTime)件"),
                          ("平均答复用时", "\(f.averageWorkingDays)个工作日"), ("满意度", f.rated == 0 ? "—" : "\(f.satisfied)/\(f.rated)（满意和基本满意）"),
                          ("待答复", "\(f.open)件：1个月内\(f.openWithinMonth)件，1–3个月\(f.openOneToThreeMonths)件，超过3个月\(f.overThreeMonths)件")]
                    .map { DecisionListPage.Link(title: $0.0, href: "", note: $0.1) },
                period: month.map { "\(year)年\($0)月" } ?? "\(year)年",
                years: DecisionListPage.yearOptions(thisYear: today.year, selected: year),
                months: [OptionItem(value: "", label: "全年", selected: month == nil)] + (1...12).map { OptionItem(value: String($0), label: "\($0)月", selected: $0 == month) },
                show: filter, byOrganisation: byOrganisation, hasByOrganisation: !byOrganisation.isEmpty)
            return services.templates.page("admin-letters-list", view)
        }

        let target = AccessTarget.record(param: "letter", owner: owner)
        bo.get("/admin/letters/:letter", roles: viewers, target: target) { request, context, auth in
            try await page(services, request, context, auth, error: nil, status: .ok)
        }

        bo.post("/admin/letters/:letter", roles: viewers, target: target) { request, context, auth in
            let l = try await letter(context, services)
            let form = context.form
            let policy = auth.staff.policy
            let orgs = try await Organisation.query(on: services.db).filter(\.$id ~~ [l.mailboxID, l.handlingID]).all()
            func holds(_ roles: Set<StaffRole>, over id: Int) -> Bool {
                orgs.first { $0.id == id }.map { policy.allows(roles, ancestry: $0.ancestry.ids) } ?? false
            }
            let chosen = Int(form["organisation"].prefix(12))
            let action: LetterFlow.Action
            let needed: (Set<StaffRole>, Int)
            switch form["action"] {
            case "assign": action = .assign(organisationID: chosen ?? 0); needed = (routers, l.mailboxID)
            case "accept": action = .accept; needed = (handlers, l.handlingID)
            case "return": action = .returnToOffice(reason: form["reason"]); needed = (handlers, l.handlingID)
            case "transfer": action = .transfer(organisationID: chosen ?? 0, reason: form["reason"]); needed = (handlers, l.handlingID)
            case "reply": action = .submitReply; needed = (handlers, l.handlingID)
            case "approve": action = .approveReply; needed = (reviewers, l.handlingID)
            case "send_back": action = .sendBackReply(reason: form["reason"]); needed = (reviewers, l.handlingID)
            case "knowledge":
                guard holds(handlers, over: l.handlingID) else { throw UserFacingError.forbidden() }
                do { _ = try await KnowledgeDesk(services: services).fromLetter(l, topic: form["topic"], actor: auth.staff.actor(context)) }
                catch let f as DeskFailure { return try await page(services, request, context, auth, error: f.message, status: .badRequest) }
                return .redirect(to: "/admin/letters/\(l.id!.uuidString)?notice=saved", type: .found)
            case "private":
                guard holds(handlers, over: l.handlingID) || holds(routers, over: l.mailboxID) else { throw UserFacingError.forbidden() }
                do { try await desk.makePrivate(l, reason: form["reason"], actor: auth.staff.actor(context)) }
                catch let f as DeskFailure { return try await page(services, request, context, auth, error: f.message, status: .badRequest) }
                return .redirect(to: "/admin/letters/\(l.id!.uuidString)?notice=saved", type: .found)
            default: throw UserFacingError(status: .badRequest, message: "未知操作")
            }
            // The target of a 交办 or 转办 must be within what the actor may route to.
            if case .assign = action, let t = chosen, !(try await within(t, of: l.mailboxID, services)) {
                return try await page(services, request, context, auth, error: "只能交办给本机关或其下属单位", status: .badRequest)
            }
            if case .transfer = action, let t = chosen, !(try await within(t, of: l.mailboxID, services)) {
                return try await page(services, request, context, auth, error: "只能转办给来信信箱所属机关或其下属单位", status: .badRequest)
            }
            guard holds(needed.0, over: needed.1) else { throw UserFacingError.forbidden() }
            do {
                try await desk.act(action, on: l, reply: form["reply"], actor: auth.staff.actor(context))
            } catch let f as DeskFailure {
                return try await page(services, request, context, auth, error: f.message, status: .badRequest)
            }
            return .redirect(to: "/admin/letters/\(l.id!.uuidString)?notice=saved", type: .found)
        }
    }

    static func within(_ id: Int, of root: Int, _ services: AppServices) async throws -> Bool {
        guard let o = try await Organisation.find(id, on: services.db) else { return false }
        return o.ancestry.ids.contains(root)
    }

    static func letter(_ context: AppRequestContext, _ services: AppServices) async throws -> Letter {
        guard let id = context.parameters.get("letter", as: UUID.self), let l = try await Letter.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return l
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     error: String?, status: HTTPResponse.Status) async throws -> Response {
        let l = try await letter(context, services)
        let db = services.db
        let orgs = try await Organisation.query(on: db).all()
        let byID = Dictionary(orgs.compactMap { o in o.id.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let policy = auth.staff.policy
        func holds(_ roles: Set<StaffRole>, over id: Int) -> Bool { byID[id].map { policy.allows(roles, ancestry: $0.ancestry.ids) } ?? false }
        let events = try await LetterEvent.query(on: db).filter(\.$letterID == l.requireID()).sort(\.$at).all()
        let today = services.clock.today()
        let subtree = orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan && $0.ancestry.ids.contains(l.mailboxID) }
        let state = l.stateValue
        let inKnowledge = try await KnowledgeEntry.query(on: db).filter(\.$source == "reply").filter(\.$sourceRef == l.number).first() != nil
        let asked = try await l.policyItemID.asyncFlatMap { try await InformationItem.find($0, on: db) }
        let drafterID = try await asked.asyncFlatMap { try await DecisionDesk(services: services).drafterID(of: $0) }
        let drafter = subtree.first { $0.id == drafterID }
        let view = PageView(
            chrome: AdminChrome.make(services, context, title: l.subject, path: "/admin/letters", notice: AdminChrome.notice(request)),
            number: l.number, subject: l.subject, kind: l.kindValue.label, state: state.label,
            mailbox: byID[l.mailboxID].map(LetterQueries.mailboxName) ?? "", handler: byID[l.handlingID]?.name ?? "",
            due: l.due.chinese(withYear: true), watch: watchText(l, today: today),
            writer: l.writerName, phone: l.writerPhone, email: l.writerEmail, isPublic: l.isPublic, privateReason: l.privateReason.nonEmpty,
            flags: l.flags.nonEmpty, body: EventPage.paragraphs(l.body), followUp: EventPage.paragraphs(l.followUpText), reply: l.reply,
            rating: l.ratingValue?.label,
            history: events.map { DecisionListPage.Link(title: $0.action + ($0.note.isEmpty ? "" : "：\($0.note)"), href: "",
                                                        note: "\(SiteClock.timeText($0.at)) · \($0.actorName)\($0.organisationID.flatMap { byID[$0]?.shortName }.map { " · \($0)" } ?? "")") },
            canRoute: state == .received && holds(routers, over: l.mailboxID),
            canHandle: [.assigned, .accepted].contains(state) && holds(handlers, over: l.handlingID),
            canReview: state == .replyInReview && holds(reviewers, over: l.handlingID),
            canReply: [.accepted, .followUp].contains(state) && holds(handlers, over: l.handlingID),
            inReview: state == .replyInReview,
            organisations: subtree.map { OptionItem(value: String($0.id!), label: $0.name, selected: $0.id == drafter?.id) }, error: error,
            canAddToKnowledge: l.repliedOn != nil && !inKnowledge && holds(handlers, over: l.handlingID), inKnowledge: inKnowledge,
            topics: try await CheckTermStore(services: services).topics().map { OptionItem(value: $0.name, label: $0.name, selected: false) },
            policy: asked.map { DecisionListPage.Link(title: $0.title, href: ParticipationQueries.itemHref($0), note: drafterID.flatMap { byID[$0]?.name } ?? "") },
            routingHint: drafter.map { "政策咨询按“谁起草谁解读”默认交办给政策起草单位：\($0.name)" })
        return services.templates.page("admin-letter-detail", view, status: status)
    }
}
