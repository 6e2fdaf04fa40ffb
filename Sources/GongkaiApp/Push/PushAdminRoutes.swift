import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// 政策服务直通车 in the back office: the audience of published and pending items and of guides
/// (suggested, saved by the officer, confirmed by a reviewer), with each item's reach; the
/// subscription figures (counts only: addresses are never shown).
enum PushAdminRoutes {
    struct Row: Sendable {
        let title: String
        let href: String
        let organisation: String
        let state: String
        let audience: String
        let reach: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let rows: [Row]
        let hasRows: Bool
        let guides: [Row]
        let hasGuides: Bool
        let rows2: [Row]
        let hasRows2: Bool
        let figures: [HomeLink]
    }

    struct TagView: Sendable {
        let chrome: PageChrome
        let title: String
        let kind: String
        let publicHref: String?
        let state: String
        let suggested: String
        let audience: AudienceForm
        let action: String
        let canConfirm: Bool
        let reach: String?
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services

        bo.get("/admin/push", roles: AudienceDesk.editors, target: .anyScope) { request, context, auth in
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: AudienceDesk.editors, on: services.db).map(\.node)
            let ids = orgs.compactMap(\.id)
            let names = try await OrganisationQueries.activeNames(services)
            // Read once for the whole page: the region names every audience is described with.
            let regionNames = try await PushQueries.matcher(services).names
            func row(_ title: String, _ href: String, _ organisationID: Int, _ tag: AudienceTag?, reach: String = "") -> Row {
                Row(title: title, href: href, organisation: names[organisationID] ?? "", state: state(tag),
                    audience: describe(tag?.audience, regionNames: regionNames), reach: reach)
            }
            let items = ids.isEmpty ? [] : try await InformationItem.query(on: services.db).filter(\.$organisationID ~~ ids)
                .filter(\.$status ~~ ["published", "in_review"]).sort(\.$updatedAt, .descending).limit(60).all()
            let tags = try await AudienceTag.query(on: services.db).filter(\.$targetKind == AudienceTag.Target.item.rawValue)
                .filter(\.$targetID ~~ items.compactMap { $0.id?.uuidString }).all()
            var rows: [Row] = []
            for i in items {
                let tag = tags.first { $0.targetID == i.id!.uuidString }
                let reach = try await PushQueries.reach(ofItem: i.id!, on: services.db)
                rows.append(row(i.title, "/admin/push/items/\(i.id!.uuidString)", i.organisationID, tag,
                                reach: "匹配\(reach.matched)人，已发\(reach.sent)封，接口\(reach.webhooks)次"))
            }
            let guides = try await ServiceGuideQueries.published(services).filter { ids.contains($0.guide.organisationID) }.prefix(60)
            let guideTags = try await AudienceTag.query(on: services.db).filter(\.$targetKind == AudienceTag.Target.guide.rawValue).all()
            var guideRows: [Row] = []
            for g in guides {
                let tag = guideTags.first { $0.targetID == g.guide.id!.uuidString }
                guideRows.append(row(g.content.name, "/admin/push/guides/\(g.guide.id!.uuidString)", g.guide.organisationID, tag))
            }
            // 标准目录 rows (their audience is suggested to the items filed under them).
            let catalogue = ids.isEmpty ? [] : try await CatalogueItem.query(on: services.db).filter(\.$organisationID ~~ ids).filter(\.$active == true)
                .sort(\.$organisationID).sort(\.$domain).sort(\.$position).limit(100).all()
            let rowTags = try await AudienceTag.query(on: services.db).filter(\.$targetKind == AudienceTag.Target.catalogueRow.rawValue)
                .filter(\.$targetID ~~ catalogue.compactMap { $0.id?.uuidString }).all()
            var catalogueRows: [Row] = []
            for c in catalogue {
                let tag = rowTags.first { $0.targetID == c.id!.uuidString }
                catalogueRows.append(row("\(c.domain) · \(c.row.level1) · \(c.row.level2)", "/admin/push/rows/\(c.id!.uuidString)", c.organisationID, tag))
            }
            let confirmed = try await PushSubscriber.query(on: services.db).filter(\.$confirmedAt != nil).count()
            let pending = try await PushSubscriber.query(on: services.db).filter(\.$confirmedAt == nil).count()
            let monthStart = SiteClock.instant(CivilDate(year: services.clock.today().year, month: services.clock.today().month, day: 1)!, hour: 0, minute: 0)
            let sent = try await PushDelivery.query(on: services.db).filter(\.$sentAt >= monthStart).count()
            let subscriberFeeds = try await PushQueries.fetches("subscribers", on: services.db)
            return services.templates.page("admin-push", ListView(
                chrome: AdminChrome.make(services, context, title: "政策服务直通车", path: "/admin/push", notice: AdminChrome.notice(request)),
                rows: rows, hasRows: !rows.isEmpty, guides: guideRows, hasGuides: !guideRows.isEmpty,
                rows2: catalogueRows, hasRows2: !catalogueRows.isEmpty,
                figures: [HomeLink(title: "已确认的订阅", href: "", note: "\(confirmed)人"), HomeLink(title: "待确认的订阅", href: "", note: "\(pending)人"),
                          HomeLink(title: "本月推送的政策条目", href: "", note: "\(sent)条次"), HomeLink(title: "个人订阅源被读取", href: "", note: "\(subscriberFeeds)次")]))
        }

        let itemTarget = AccessTarget.record(param: "item", owner: PublishingAdminRoutes.owner)
        bo.get("/admin/push/items/:item", roles: AudienceDesk.editors, target: itemTarget) { request, context, auth in
            try await itemPage(services, request, context, auth, chosen: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/push/items/:item", roles: AudienceDesk.editors, target: itemTarget) { request, context, auth in
            guard let id = context.parameters.get("item", as: UUID.self), let item = try await InformationItem.find(id, on: services.db) else { throw HTTPError(.notFound) }
            let (audience, errors, confirm) = try await parse(services, context, auth, organisationID: item.organisationID)
            guard errors.isEmpty else { return try await itemPage(services, request, context, auth, chosen: audience, errors: errors, status: .badRequest) }
            try await AudienceDesk(services: services).save(audience, for: .item, id: id.uuidString, organisationID: item.organisationID,
                                                            confirm: confirm, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/push/items/\(id.uuidString)?notice=saved", type: .found)
        }

        let rowTarget = AccessTarget.record(param: "row", owner: rowOwner)
        bo.get("/admin/push/rows/:row", roles: AudienceDesk.editors, target: rowTarget) { request, context, auth in
            try await rowPage(services, request, context, auth, chosen: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/push/rows/:row", roles: AudienceDesk.editors, target: rowTarget) { request, context, auth in
            guard let id = context.parameters.get("row", as: UUID.self), let r = try await CatalogueItem.find(id, on: services.db) else { throw HTTPError(.notFound) }
            let (audience, errors, confirm) = try await parse(services, context, auth, organisationID: r.organisationID)
            guard errors.isEmpty else { return try await rowPage(services, request, context, auth, chosen: audience, errors: errors, status: .badRequest) }
            try await AudienceDesk(services: services).save(audience, for: .catalogueRow, id: id.uuidString, organisationID: r.organisationID,
                                                            confirm: confirm, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/push/rows/\(id.uuidString)?notice=saved", type: .found)
        }

        let guideTarget = AccessTarget.record(param: "guide", owner: ServiceGuideAdminRoutes.owner)
        bo.get("/admin/push/guides/:guide", roles: AudienceDesk.editors, target: guideTarget) { request, context, auth in
            try await guidePage(services, request, context, auth, chosen: nil, errors: [:], status: .ok)
        }
        bo.post("/admin/push/guides/:guide", roles: AudienceDesk.editors, target: guideTarget) { request, context, auth in
            guard let id = context.parameters.get("guide", as: UUID.self), let g = try await ServiceGuide.find(id, on: services.db) else { throw HTTPError(.notFound) }
            let (audience, errors, confirm) = try await parse(services, context, auth, organisationID: g.organisationID)
            guard errors.isEmpty else { return try await guidePage(services, request, context, auth, chosen: audience, errors: errors, status: .badRequest) }
            try await AudienceDesk(services: services).save(audience, for: .guide, id: id.uuidString, organisationID: g.organisationID,
                                                            confirm: confirm, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/push/guides/\(id.uuidString)?notice=saved", type: .found)
        }
    }

    /// A 标准目录 row belongs to the organisation whose catalogue it is in.
    static let rowOwner = RecordOwner(kind: "catalogue-row-audience") { raw, db in
        guard let id = UUID(uuidString: raw), let r = try await CatalogueItem.find(id, on: db) else { return [] }
        return [r.organisationID]
    }

    static func rowPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                        chosen: Audience?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        guard let id = context.parameters.get("row", as: UUID.self), let r = try await CatalogueItem.find(id, on: services.db) else { throw HTTPError(.notFound) }
        let row = r.row
        let tag = try await AudienceDesk(services: services).tag(.catalogueRow, id.uuidString)
        let suggestion = AudienceSuggester(vocabulary: services.config.audienceVocabulary)
            .suggest(text: [r.domain, row.level1, row.level2, row.content, row.audience].joined(separator: "\n"), region: nil)
        return try await tagPage(services, request, context, auth, title: "\(r.domain) · \(row.level1) · \(row.level2)", kind: "政务公开事项标准目录",
                                 publicHref: nil, tag: tag, suggestion: suggestion, chosen: chosen, organisationID: r.organisationID,
                                 action: "/admin/push/rows/\(id.uuidString)", reach: nil, errors: errors, status: status)
    }

    static func describe(_ a: Audience?, regionNames: [Int: String]) -> String {
        guard let a, !a.isEmpty else { return "—" }
        return PushFeedRoutes.title(a, regionNames: regionNames)
    }

    static func state(_ tag: AudienceTag?) -> String {
        tag.map { $0.isConfirmed ? "已确认" : "待审核确认" } ?? "未标注"
    }

    /// The form's audience; "confirm" only for a reviewer or the office.
    static func parse(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, organisationID: Int) async throws
        -> (Audience, [String: String], Bool) {
        let form = context.form
        let regions = Set(try await PushQueries.regions(services).map(\.id))
        var errors: [String: String] = [:]
        let raw = form.all("region").compactMap { Int($0.prefix(12)) }
        if raw.contains(where: { !regions.contains($0) }) { errors["region"] = "请从列表中选择乡镇（村、社区）" }
        let audience = Audience(regions: raw, groups: form.all("group"), lifeEvents: form.all("life_event"), industries: form.all("industry"),
                                sizes: form.all("size"), parks: form.all("park")).normalised(services.config.audienceVocabulary)
        let confirm = form["action"] == "confirm"
        if confirm {
            let org = try await Organisation.find(organisationID, on: services.db)
            guard auth.staff.policy.allows(AudienceDesk.confirmers, ancestry: org?.ancestry.ids ?? []) else {
                throw UserFacingError(status: .forbidden, message: "只有审核人或公开办可以确认受众")
            }
        }
        return (audience, errors, confirm)
    }

    static func itemPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                         chosen: Audience?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        guard let id = context.parameters.get("item", as: UUID.self), let item = try await InformationItem.find(id, on: services.db) else { throw HTTPError(.notFound) }
        let desk = AudienceDesk(services: services)
        let tag = try await desk.tag(.item, id.uuidString)
        let suggestion = try await desk.suggestion(for: item)
        let reach = try await PushQueries.reach(ofItem: id, on: services.db)
        return try await tagPage(services, request, context, auth, title: item.title, kind: "政府信息", publicHref: item.isPublic ? ParticipationQueries.itemHref(item) : nil,
                                 tag: tag, suggestion: suggestion, chosen: chosen, organisationID: item.organisationID, action: "/admin/push/items/\(id.uuidString)",
                                 reach: "订阅者匹配\(reach.matched)人，邮件已发\(reach.sent)封，推送接口送达\(reach.webhooks)次", errors: errors, status: status)
    }

    static func guidePage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                          chosen: Audience?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        guard let id = context.parameters.get("guide", as: UUID.self), let g = try await ServiceGuide.find(id, on: services.db) else { throw HTTPError(.notFound) }
        let desk = AudienceDesk(services: services)
        let tag = try await desk.tag(.guide, id.uuidString)
        let text = [g.name, g.published?.conditions ?? ""].joined(separator: "\n")
        let suggestion = AudienceSuggester(vocabulary: services.config.audienceVocabulary).suggest(text: text, region: nil)
        return try await tagPage(services, request, context, auth, title: g.name, kind: "办事指南", publicHref: g.isPublic ? ServiceGuideQueries.href(g) : nil,
                                 tag: tag, suggestion: suggestion, chosen: chosen, organisationID: g.organisationID, action: "/admin/push/guides/\(id.uuidString)",
                                 reach: nil, errors: errors, status: status)
    }

    static func tagPage(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, title: String, kind: String, publicHref: String?,
                        tag: AudienceTag?, suggestion: Audience, chosen: Audience?, organisationID: Int, action: String, reach: String?,
                        errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let org = try await Organisation.find(organisationID, on: services.db)
        let shown = chosen ?? tag?.audience ?? suggestion
        let state: String
        if let tag { state = tag.isConfirmed ? "已确认（\(tag.confirmedBy ?? "")），用于精准推送" : "已标注，待审核人确认后用于推送" } else { state = "尚未标注：下面是系统根据标题、正文、栏目和发布机构给出的建议" }
        return services.templates.page("admin-push-audience", TagView(
            chrome: AdminChrome.make(services, context, title: "受众标注：\(title)", path: "/admin/push", notice: AdminChrome.notice(request)),
            title: title, kind: kind, publicHref: publicHref, state: state, suggested: describe(suggestion, regionNames: try await PushQueries.matcher(services).names),
            audience: AudienceForm.make(vocabulary: services.config.audienceVocabulary, regions: try await PushQueries.regions(services), chosen: shown, errors: errors, prefix: "a"),
            action: action, canConfirm: auth.staff.policy.allows(AudienceDesk.confirmers, ancestry: org?.ancestry.ids ?? []), reach: reach,
            errors: errors, hasErrors: !errors.isEmpty, errorList: errors.values.sorted()), status: status)
    }
}
