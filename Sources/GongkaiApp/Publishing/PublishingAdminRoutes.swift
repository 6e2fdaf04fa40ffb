import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The back office of government information: drafting, 先审后发 review with the automatic checks,
/// publication, correction, validity and withdrawal.
enum PublishingAdminRoutes {
    static let authors: Set<StaffRole> = [.informationOfficer, .disclosureOfficeAdministrator]
    static let reviewers: Set<StaffRole> = [.reviewer, .secrecyReviewer, .leader]
    static let viewers: Set<StaffRole> = authors.union(reviewers)
    static let withdrawers: Set<StaffRole> = [.disclosureOfficeAdministrator, .leader]
    static let correctors: Set<StaffRole> = [.disclosureOfficeAdministrator, .reviewer]

    static let owner = RecordOwner(kind: "item") { raw, db in
        guard let id = UUID(uuidString: raw), let item = try await InformationItem.find(id, on: db) else { return [] }
        return [item.organisationID]
    }

    static func loadItem(_ context: AppRequestContext, _ services: AppServices) async throws -> InformationItem {
        guard let id = context.parameters.get("item", as: UUID.self), let item = try await InformationItem.find(id, on: services.db) else {
            throw HTTPError(.notFound)
        }
        return item
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = PublishingDesk(services: services)
        let record = AccessTarget.record(param: "item", owner: owner)

        bo.get("/admin/items", roles: viewers, target: .anyScope) { request, context, auth in
            let db = services.db
            let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: viewers, on: db)
            let names = Dictionary(orgs.map { ($0.node.id ?? 0, $0.node) }, uniquingKeysWith: { a, _ in a })
            let filter = request.query.get("show")
            var q = InformationItem.query(on: db).filter(\.$organisationID ~~ Array(names.keys))
            if filter == "review" { q = q.filter(\.$status == "in_review") }
            if filter == "uninterpreted" {
                // Policies marked as needing an interpretation that has not been approved yet (三同步).
                let ready = try await InformationItem.query(on: db).filter(\.$interpretsID != nil)
                    .filter(\.$status ~~ ["approved", "published"]).all().compactMap(\.interpretsID)
                q = q.filter(\.$needsInterpretation == true).filter(\.$id !~ ready).filter(\.$status != "withdrawn")
            }
            if filter == "reevaluate" {
                // Art. 18: withheld and on-request information whose re-evaluation date has come.
                q = q.filter(\.$attribute != DisclosureAttribute.proactive.rawValue)
                    .filter(\.$reevaluateOn <= services.clock.today().description)
            }
            let items = try await q.sort(\.$updatedAt, .descending).limit(300).all()
            let calendar = try await CalendarStore(services: services).calendar()
            var flows: [Int: ReviewFlow] = [:]
            for id in Set(items.map(\.organisationID)) { flows[id] = try await desk.settings(for: id).flow }
            let rows = items.map { item -> PublishingViews.ListRow in
                let flow = flows[item.organisationID] ?? .standard
                var step: ReviewFlow.Step?
                if case .inReview(let i) = item.state, i < flow.steps.count { step = flow.steps[i] }
                let awaits: Bool = {
                    guard let step, item.authorID.uuidString != auth.staff.userID, let org = names[item.organisationID] else { return false }
                    return auth.staff.policy.allows([step.role], ancestry: org.ancestry.ids)
                }()
                return PublishingViews.ListRow(
                    href: "/admin/items/\(item.id?.uuidString ?? "")", title: item.title, indexNumber: item.indexNumber,
                    organisation: names[item.organisationID]?.shortName ?? "", kind: item.kindValue.label,
                    status: item.state.label + (step.map { "：\($0.name)" } ?? "") + (isLate(item, calendar) ? "（逾期发布）" : ""),
                    attribute: item.attributeValue.label, updated: SiteClock.timeText(item.updatedAt), awaitsMe: awaits)
            }
            let author = orgs.first { auth.staff.policy.allows(authors, ancestry: $0.node.ancestry.ids) }
            let view = PublishingViews.ListView(
                chrome: AdminChrome.make(services, context, title: "政府信息发布", path: "/admin/items", notice: AdminChrome.notice(request)),
                rows: filter == "mine" ? rows.filter(\.awaitsMe) : rows, isEmpty: rows.isEmpty, canCreate: author != nil,
                newHref: author.map { "/admin/items/new?org=\($0.node.id ?? 0)" }, filter: filter)
            return services.templates.page("admin-items", view)
        }

        bo.get("/admin/items/new", roles: authors, target: .organisationInput(field: "org")) { _, context, auth in
            let org = auth.organisation!
            let today = services.clock.today().description
            return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                chrome: AdminChrome.make(services, context, title: "起草信息", path: "/admin/items"), heading: "起草信息：\(org.name)",
                action: "/admin/items?organisation_id=\(org.id ?? 0)", org: org,
                values: ["written_on": today, "kind": InformationKind.workNews.rawValue, "attribute": "proactive", "topic": "综合政务"],
                checkedColumns: [], errors: [:], backHref: "/admin/items"))
        }

        bo.post("/admin/items", roles: authors, target: .organisationInput(field: "organisation_id")) { _, context, auth in
            let org = auth.organisation!
            let (input, errors) = parse(context.form, org: org, topics: try await CheckTermStore(services: services).topics())
            if !errors.isEmpty {
                return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                    chrome: AdminChrome.make(services, context, title: "起草信息", path: "/admin/items"), heading: "起草信息：\(org.name)",
                    action: "/admin/items?organisation_id=\(org.id ?? 0)", org: org, values: rawValues(context.form),
                    checkedColumns: context.form.all("columns"), errors: errors, backHref: "/admin/items"), status: .badRequest)
            }
            do {
                let item = try await desk.create(input, in: org, author: auth.staff.user, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=created", type: .found)
            } catch PublishingDesk.Failure.invalid(let e) {
                return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                    chrome: AdminChrome.make(services, context, title: "起草信息", path: "/admin/items"), heading: "起草信息：\(org.name)",
                    action: "/admin/items?organisation_id=\(org.id ?? 0)", org: org, values: rawValues(context.form),
                    checkedColumns: context.form.all("columns"), errors: e, backHref: "/admin/items"), status: .badRequest)
            }
        }

        bo.get("/admin/items/:item", roles: viewers, target: record) { request, context, auth in
            let item = try await loadItem(context, services)
            return try await detail(services, desk, context, auth, item, notice: AdminChrome.notice(request))
        }

        bo.get("/admin/items/:item/edit", roles: authors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            guard let org = try await Organisation.find(item.organisationID, on: services.db) else { throw HTTPError(.notFound) }
            var policyIndex: String?
            if let pid = item.interpretsID { policyIndex = try await InformationItem.find(pid, on: services.db)?.indexNumber }
            return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                chrome: AdminChrome.make(services, context, title: "修改信息", path: "/admin/items"), heading: "修改：\(item.title)",
                action: "/admin/items/\(item.id!.uuidString)/edit", org: org,
                values: PublishingViews.values(of: item, policyIndex: policyIndex),
                checkedColumns: item.columnKeys, errors: [:], backHref: "/admin/items/\(item.id!.uuidString)"))
        }

        bo.post("/admin/items/:item/edit", roles: authors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            guard let org = try await Organisation.find(item.organisationID, on: services.db) else { throw HTTPError(.notFound) }
            let (input, errors) = parse(context.form, org: org, topics: try await CheckTermStore(services: services).topics())
            let base = "/admin/items/\(item.id!.uuidString)"
            if !errors.isEmpty {
                return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                    chrome: AdminChrome.make(services, context, title: "修改信息", path: "/admin/items"), heading: "修改：\(item.title)",
                    action: base + "/edit", org: org, values: rawValues(context.form), checkedColumns: context.form.all("columns"),
                    errors: errors, backHref: base), status: .badRequest)
            }
            do {
                try await desk.update(item, with: input, actor: auth.staff.actor(context))
                return .redirect(to: base + "?notice=saved", type: .found)
            } catch PublishingDesk.Failure.invalid(let e) {
                return page(services, context, PublishingViews.form(topics: try await CheckTermStore(services: services).topics(),
                    chrome: AdminChrome.make(services, context, title: "修改信息", path: "/admin/items"), heading: "修改：\(item.title)",
                    action: base + "/edit", org: org, values: rawValues(context.form), checkedColumns: context.form.all("columns"),
                    errors: e, backHref: base), status: .badRequest)
            } catch PublishingDesk.Failure.refused(let m) {
                return try await detail(services, desk, context, auth, item, refusal: m, status: .badRequest)
            }
        }

        // The 先审后发 steps: each a route, the rules in ReviewFlow.
        let reviewSteps: [(String, Set<StaffRole>, @Sendable (FormData) -> ReviewFlow.Action)] = [
            ("submit", authors, { _ in .submit }),
            ("approve", reviewers, { _ in .approve }),
            ("return", reviewers, { .sendBack(reason: $0["reason"]) }),
            ("withdraw", withdrawers, { .withdraw(reason: $0["reason"]) }),
        ]
        for (suffix, stepRoles, action) in reviewSteps {
            bo.post("/admin/items/:item/\(suffix)", roles: stepRoles, target: record) { _, context, auth in
                let item = try await loadItem(context, services)
                return try await run(services, desk, context, auth, item) {
                    try await desk.perform(action(context.form), on: item, roles: roles(auth, item),
                                           actorUserID: auth.staff.user.id, actor: auth.staff.actor(context))
                }
            }
        }

        bo.post("/admin/items/:item/mask", roles: viewers, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) { _ = try await desk.maskPersonalData(item, actor: auth.staff.actor(context)) }
        }

        bo.post("/admin/items/:item/override", roles: [.secrecyReviewer], target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) {
                try await desk.overrideFindings(item, reason: context.form["reason"], actor: auth.staff.actor(context))
            }
        }

        // 更正 and 有效性变更 are proposed here and go live only after their review (ItemChangeRoutes).
        let changes = ItemChangeDesk(publishing: desk)
        bo.post("/admin/items/:item/correct", roles: correctors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) {
                _ = try await changes.proposeCorrection(item, title: context.form["title"], bodyHTML: context.form.raw("body"),
                                                        reason: context.form["reason"], proposerID: auth.staff.user.id,
                                                        actor: auth.staff.actor(context))
            }
        }
        ItemChangeRoutes.register(bo, changes: changes, record: record)

        bo.post("/admin/items/:item/attachments", roles: authors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) {
                guard item.state.isEditable else { throw PublishingDesk.Failure.refused("只有草稿或退回修改的信息可以增删附件") }
                guard !context.uploads.isEmpty else { throw PublishingDesk.Failure.invalid(["attachment": "请选择要上传的文件"]) }
                do {
                    for file in context.uploads { _ = try await AttachmentStore(services: services).add(file, to: item, actor: auth.staff.actor(context)) }
                } catch AttachmentStore.Failure.invalid(let m) {
                    throw PublishingDesk.Failure.invalid(["attachment": m])
                }
            }
        }

        bo.post("/admin/items/:item/attachments/:att/delete", roles: authors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) {
                guard item.state.isEditable else { throw PublishingDesk.Failure.refused("只有草稿或退回修改的信息可以增删附件") }
                guard let aid = context.parameters.get("att", as: UUID.self), let a = try await ItemAttachment.find(aid, on: services.db),
                      a.itemID == item.id else { throw PublishingDesk.Failure.refused("没有这个附件") }
                try await AttachmentStore(services: services).remove(a, from: item, actor: auth.staff.actor(context))
            }
        }

        bo.get("/admin/items/:item/attachments/:att", roles: viewers, target: record) { _, context, _ in
            let item = try await loadItem(context, services)
            guard let aid = context.parameters.get("att", as: UUID.self), let a = try await ItemAttachment.find(aid, on: services.db),
                  a.itemID == item.id else { throw HTTPError(.notFound) }
            return try await AttachmentStore(services: services).response(for: a)
        }

        bo.post("/admin/items/:item/validity", roles: authors, target: record) { _, context, auth in
            let item = try await loadItem(context, services)
            return try await run(services, desk, context, auth, item) {
                guard let v = Validity(rawValue: context.form["validity"]) else { throw PublishingDesk.Failure.invalid(["validity": "请选择有效性"]) }
                _ = try await changes.proposeValidity(item, to: v, successorIndex: context.form["successor"],
                                                      on: CivilDate(iso: context.form["date"]), proposerID: auth.staff.user.id,
                                                      actor: auth.staff.actor(context))
            }
        }
    }

    /// Art. 26: published more than 20 working days after the information was formed.
    static func isLate(_ item: InformationItem, _ calendar: WorkingCalendar) -> Bool {
        guard item.isPublic, let published = item.publishedAt, let formed = CivilDate(iso: item.formedOn) else { return false }
        return PublicationDeadline(formedOn: formed, calendar: calendar).isLate(publishedOn: SiteClock.day(of: published))
    }

    /// The roles the signed-in user holds for the item's organisation.
    static func roles(_ auth: Authorised, _ item: InformationItem) -> Set<StaffRole> {
        let ancestry = auth.organisation?.ancestry.ids ?? []
        return Set(StaffRole.allCases.filter { auth.staff.policy.allows([$0], ancestry: ancestry) })
    }

    static func parse(_ form: FormData, org: Organisation, topics: [TopicCategory]) -> (ItemInput, [String: String]) {
        ItemInput.parse({ form.raw($0) }, columns: form.all("columns"), allowedColumns: DisclosureColumn.columns(for: org.kind), topics: topics)
    }

    static func rawValues(_ form: FormData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: PublishingViews.formFields.map { ($0, form.raw($0)) })
    }

    static func page(_ services: AppServices, _ context: AppRequestContext, _ view: PublishingViews.ItemForm,
                     status: HTTPResponse.Status = .ok) -> Response {
        services.templates.page("admin-item-form", view, status: status)
    }

    /// Runs one step; a refusal or invalid input comes back on the item page with the message.
    static func run(_ services: AppServices, _ desk: PublishingDesk, _ context: AppRequestContext, _ auth: Authorised,
                    _ item: InformationItem, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return .redirect(to: "/admin/items/\(item.id!.uuidString)?notice=saved", type: .found)
        } catch PublishingDesk.Failure.refused(let message) {
            return try await detail(services, desk, context, auth, item, refusal: message, status: .badRequest)
        } catch PublishingDesk.Failure.invalid(let errors) {
            return try await detail(services, desk, context, auth, item, errors: errors, status: .badRequest)
        }
    }

    static func detail(_ services: AppServices, _ desk: PublishingDesk, _ context: AppRequestContext, _ auth: Authorised,
                       _ item: InformationItem, notice: String? = nil, refusal: String? = nil, errors: [String: String] = [:],
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = try await ItemReviewPage.load(item, desk: desk, policy: auth.staff.policy, viewerID: auth.staff.userID)
        let view = PublishingViews.Detail(page, chrome: AdminChrome.make(services, context, title: page.item.title, path: "/admin/items", notice: notice),
                                          errors: errors, refusal: refusal, maxUploadMB: services.config.uploadMaxBytes / 1024 / 1024)
        return services.templates.page("admin-item", view, status: status)
    }
}
