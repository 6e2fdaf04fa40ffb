import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// Publishing from a phone, for village and township operators: one short form (the matter, title,
/// text, and for 财务公开 the table), saved as a draft at once; then the photo of the 公开栏 (its
/// location and time removed) and the content checks; then off to the township's review. Works
/// without script at 360 px; the text is saved before the photo is sent, so a failed or too large
/// upload loses nothing.
enum PhonePublishRoutes {
    struct FormView: Sendable {
        let chrome: PageChrome
        let heading: String
        let action: String
        let villages: [OptionItem]
        let hasVillageChoice: Bool
        let columns: [OptionItem]
        let title: String
        let text: String
        let period: [OptionItem]
        let opening: String
        let income: String
        let expense: String
        let closing: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
        let isFinance: Bool
    }

    struct ItemView: Sendable {
        let chrome: PageChrome
        let title: String
        let village: String
        let state: String
        let bodyHTML: String
        let findings: [String]
        let hasFindings: Bool
        let photos: [String]
        let hasPhotos: Bool
        let action: String
        let editHref: String
        let canEdit: Bool
        let photoRequired: Bool
        let errors: [String: String]
        let maxMB: Int
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let desk = VillageDesk(services: services)

        bo.get("/admin/m/publish", roles: VillageDesk.operators, target: .anyScope) { request, context, auth in
            try await form(services, request, context, auth, item: nil, input: nil, errors: [:], status: .ok)
        }

        bo.post("/admin/m/publish", roles: VillageDesk.operators, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let village = auth.organisation, village.kind.isVillage else { throw UserFacingError(status: .badRequest, message: "请选择村（社区）") }
            let (input, errors) = VillageDesk.parse(context.form)
            guard errors.isEmpty else { return try await form(services, request, context, auth, item: nil, input: input, errors: errors, status: .badRequest) }
            let item = try await desk.saveDraft(input, in: village, item: nil, author: auth.staff.user, actor: auth.staff.actor(context))
            return .redirect(to: "/admin/m/items/\(item.id!.uuidString)", type: .found)
        }

        let target = AccessTarget.record(param: "item", owner: PublishingAdminRoutes.owner)
        bo.get("/admin/m/items/:item", roles: VillageDesk.operators, target: target) { request, context, auth in
            let item = try await villageItem(context, services)
            // Not a village's item: the ordinary item page does for it.
            guard try await isVillageItem(item, services) else { return .redirect(to: "/admin/items/\(item.id!.uuidString)", type: .found) }
            if request.query["edit"] == "1" { return try await form(services, request, context, auth, item: item, input: nil, errors: [:], status: .ok) }
            return try await itemPage(services, context, auth, item, errors: [:], status: .ok)
        }

        bo.post("/admin/m/items/:item", roles: VillageDesk.operators, target: target) { request, context, auth in
            let item = try await villageItem(context, services)
            guard let village = try await Organisation.find(item.organisationID, on: services.db), village.kind.isVillage else {
                throw UserFacingError(status: .badRequest, message: "这条信息不是村（社区）的信息，请在信息管理中处理")
            }
            let actor = auth.staff.actor(context)
            do {
                switch context.form["action"] {
                case "edit":
                    let (input, errors) = VillageDesk.parse(context.form)
                    guard errors.isEmpty else { return try await form(services, request, context, auth, item: item, input: input, errors: errors, status: .badRequest) }
                    _ = try await desk.saveDraft(input, in: village, item: item, author: auth.staff.user, actor: actor)
                case "photo":
                    guard item.state.isEditable else { throw DeskFailure.refused("已提交审核，不能再添加照片") }
                    guard let file = context.uploads.first(where: { $0.field == "photo" }) else { throw DeskFailure.invalid(["photo": "请选择照片"]) }
                    try await desk.attachPhoto(file, to: item, actor: actor)
                case "submit":
                    try await desk.submit(item, village: village, roles: PublishingAdminRoutes.roles(auth, item), userID: auth.staff.user.id, actor: actor)
                default:
                    throw UserFacingError(status: .badRequest, message: "未知操作")
                }
            } catch let f as DeskFailure {
                return try await itemPage(services, context, auth, item, errors: f.fieldErrors(refusalAt: "photo"), status: .badRequest)
            }
            return .redirect(to: "/admin/m/items/\(item.id!.uuidString)", type: .found)
        }
    }

    static func villageItem(_ context: AppRequestContext, _ services: AppServices) async throws -> InformationItem {
        guard let id = context.parameters.get("item", as: UUID.self), let item = try await InformationItem.find(id, on: services.db) else { throw HTTPError(.notFound) }
        return item
    }

    static func isVillageItem(_ item: InformationItem, _ services: AppServices) async throws -> Bool {
        try await Organisation.find(item.organisationID, on: services.db)?.kind.isVillage ?? false
    }

    static func periods(today: CivilDate, selected: String) -> [OptionItem] {
        var keys: [(String, String)] = []
        let q = (today.month - 1) / 3 + 1
        for back in 0..<4 {
            var y = today.year, qq = q - back
            while qq < 1 { qq += 4; y -= 1 }
            let p = FinanceTable.Period.quarter(year: y, quarter: qq)
            keys.append((p.key, p.label))
        }
        for back in 0..<6 {
            var y = today.year, m = today.month - back
            while m < 1 { m += 12; y -= 1 }
            let p = FinanceTable.Period.month(year: y, month: m)
            keys.append((p.key, p.label))
        }
        let chosen = selected.isEmpty ? FinanceTable.Period.quarter(year: today.year, quarter: q).key : selected
        return keys.map { OptionItem(value: $0.0, label: $0.1, selected: $0.0 == chosen) }
    }

    static func form(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised, item: InformationItem?,
                     input: VillageDesk.PhoneInput?, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let villages = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: VillageDesk.operators, on: services.db)
            .map(\.node).filter { $0.isActive && $0.kind.isVillage }
        let form = context.form
        var v: [String: String] = [:]
        if let input {
            v = ["column": input.column, "title": input.title, "text": input.text]
            for k in ["period", "opening", "income", "expense", "closing"] { v[k] = form[k] }
        } else if let item {
            v = ["column": item.columnKeys.first ?? "", "title": item.title,
                 "text": HTMLSanitizer.plainText(item.bodyHTML.components(separatedBy: "<table>").first ?? "")]
            if let f = try await VillageFinance.query(on: services.db).filter(\.$itemID == item.requireID()).first() {
                v["period"] = f.periodKey; v["opening"] = Money(fen: f.openingFen).description; v["closing"] = Money(fen: f.closingFen).description
                v["income"] = f.income; v["expense"] = f.expense
            }
        } else {
            v["column"] = request.query["column"]
        }
        let chosenVillage = item?.organisationID ?? Int(request.query["org"].prefix(12))
        return services.templates.page("admin-m-publish", FormView(
            chrome: AdminChrome.make(services, context, title: "手机发布村（居）务公开", path: "/admin/villages", notice: nil),
            heading: item == nil ? "发布村（居）务公开" : "修改：\(item!.title)",
            action: item.map { "/admin/m/items/\($0.id!.uuidString)" } ?? "/admin/m/publish",
            villages: villages.map { OptionItem(value: String($0.id!), label: $0.name, selected: $0.id == chosenVillage) },
            hasVillageChoice: item == nil,
            columns: DisclosureColumn.village.map { OptionItem(value: $0.key, label: $0.label, selected: $0.key == v["column"]) },
            title: v["title"] ?? "", text: v["text"] ?? "", period: periods(today: services.clock.today(), selected: v["period"] ?? ""),
            opening: v["opening"] ?? "", income: v["income"] ?? "", expense: v["expense"] ?? "", closing: v["closing"] ?? "",
            errors: errors, hasErrors: !errors.isEmpty,
            errorList: ["organisation", "column", "title", "text", "period", "opening", "income", "expense", "closing"].compactMap { errors[$0] },
            isFinance: v["column"] == "cwgk"), status: status)
    }

    static func itemPage(_ services: AppServices, _ context: AppRequestContext, _ auth: Authorised, _ item: InformationItem,
                         errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let desk = VillageDesk(services: services)
        let village = try await Organisation.find(item.organisationID, on: services.db)
        let findings = try await PublishingDesk(services: services).findings(for: item)
        let photos = try await desk.photos(of: item)
        var required = false
        if let village, !VillageDesk.periodicColumns.isDisjoint(with: item.columnKeys), let t = try await desk.township(of: village) {
            required = try await desk.profile(t.requireID())?.requireBoardPhoto == true
        }
        return services.templates.page("admin-m-item", ItemView(
            chrome: AdminChrome.make(services, context, title: item.title, path: "/admin/villages", notice: nil),
            title: item.title, village: village?.name ?? "", state: item.state.label, bodyHTML: item.bodyHTML,
            findings: findings.map { "\($0.source)：\($0.message)" }, hasFindings: !findings.isEmpty,
            photos: photos.map { "/admin/items/\(item.id!.uuidString)/attachments/\($0.id!.uuidString)" }, hasPhotos: !photos.isEmpty,
            action: "/admin/m/items/\(item.id!.uuidString)", editHref: "/admin/m/items/\(item.id!.uuidString)?edit=1",
            canEdit: item.state.isEditable, photoRequired: required, errors: errors,
            maxMB: services.config.uploadMaxBytes / 1024 / 1024), status: status)
    }
}
