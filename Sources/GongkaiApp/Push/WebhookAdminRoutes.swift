import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The county's webhooks (短信/微信网关, 融媒体): added with a generated secret shown to the office,
/// switched off and on, and their delivery log with a retry of what was given up.
enum WebhookAdminRoutes {
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator]

    static let owner = RecordOwner(kind: "webhook") { raw, db in
        guard let id = UUID(uuidString: raw), let h = try await PushWebhook.find(id, on: db) else { return [] }
        return [h.organisationID]
    }

    struct Hook: Sendable {
        let name: String
        let url: String
        let secret: String
        let organisation: String
        let active: Bool
        let action: String
    }

    struct LogRow: Sendable {
        let title: String
        let hook: String
        let state: String
        let attempts: Int
        let result: String
        let at: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let hooks: [Hook]
        let hasHooks: Bool
        let log: [LogRow]
        let hasLog: Bool
        let organisations: [OptionItem]
        let name: String
        let url: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/push/webhooks", roles: editors, target: .anyScope) { request, context, auth in
            try await page(services, request, context, auth, values: [:], errors: [:], status: .ok)
        }
        bo.post("/admin/push/webhooks", roles: editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation, org.kind.isAdministrativeOrgan else { throw UserFacingError(status: .badRequest, message: "请选择接收哪个机关的推送") }
            let form = context.form
            let name = form["name"].trimmingSpaces(), url = form["url"].trimmingSpaces()
            var errors: [String: String] = [:]
            if name.isEmpty || name.count > 40 { errors["name"] = "请填写接口名称（40字以内），如“县融媒体中心”" }
            if url.count > 300 || !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URLComponents(string: url)?.host?.isEmpty != false {
                errors["url"] = "请填写以 https:// 开头的接收地址"
            }
            guard errors.isEmpty else { return try await page(services, request, context, auth, values: ["name": name, "url": url], errors: errors, status: .badRequest) }
            let h = PushWebhook()
            h.id = UUID(); h.organisationID = org.id!; h.name = name; h.url = url; h.active = true; h.createdAt = services.clock.now()
            h.secret = String(Tokens.random().prefix(40))
            try await services.db.transaction { tx in
                try await h.create(on: tx)
                try await services.audit.record(on: tx, actor: auth.staff.actor(context), organisationID: h.organisationID, entity: .pushWebhook,
                                                entityID: h.name, action: "添加推送接口", changes: [.init(field: "url", before: nil, after: url)])
            }
            return .redirect(to: "/admin/push/webhooks?notice=saved", type: .found)
        }
        bo.post("/admin/push/webhooks/:hook", roles: editors, target: .record(param: "hook", owner: owner)) { _, context, auth in
            guard let id = context.parameters.get("hook", as: UUID.self), let h = try await PushWebhook.find(id, on: services.db) else { throw HTTPError(.notFound) }
            let action = context.form["action"]
            let now = services.clock.now()
            try await services.db.transaction { tx in
                switch action {
                case "disable", "enable":
                    h.active = action == "enable"
                    try await h.update(on: tx)
                case "retry":
                    try await WebhookDelivery.query(on: tx).filter(\.$webhookID == id).filter(\.$failedAt != nil)
                        .set(\.$failedAt, to: nil).set(\.$attempts, to: 0).set(\.$nextAttemptAt, to: now).update()
                default:
                    throw UserFacingError(status: .badRequest, message: "未知操作")
                }
                try await services.audit.record(on: tx, actor: auth.staff.actor(context), organisationID: h.organisationID, entity: .pushWebhook, entityID: h.name,
                                                action: ["disable": "停用推送接口", "enable": "启用推送接口", "retry": "重试推送"][action] ?? action)
            }
            return .redirect(to: "/admin/push/webhooks?notice=saved", type: .found)
        }
    }

    static func page(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     values: [String: String], errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let orgs = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: editors, on: services.db).map(\.node)
        let ids = orgs.compactMap(\.id)
        let names = try await OrganisationQueries.activeNames(services)
        let hooks = ids.isEmpty ? [] : try await PushWebhook.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$createdAt).all()
        let log = hooks.isEmpty ? [] : try await WebhookDelivery.query(on: services.db).filter(\.$webhookID ~~ hooks.compactMap(\.id))
            .sort(\.$createdAt, .descending).limit(50).all()
        let notices = try await PushNotice.query(on: services.db).filter(\.$id ~~ log.map(\.noticeID)).all()
        return services.templates.page("admin-push-webhooks", View(
            chrome: AdminChrome.make(services, context, title: "推送接口", path: "/admin/push", notice: AdminChrome.notice(request)),
            hooks: hooks.map { Hook(name: $0.name, url: $0.url, secret: $0.secret, organisation: names[$0.organisationID] ?? "", active: $0.active,
                                    action: "/admin/push/webhooks/\($0.id!.uuidString)") },
            hasHooks: !hooks.isEmpty,
            log: log.map { d in
                let n = notices.first { $0.id == d.noticeID }
                return LogRow(title: n.map { PushNoticeKind.line(kind: $0.kindValue, title: $0.title, successorTitle: $0.successorTitle) } ?? "",
                              hook: hooks.first { $0.id == d.webhookID }?.name ?? "", state: d.stateLabel, attempts: d.attempts, result: d.lastResult,
                              at: SiteClock.timeText(d.deliveredAt ?? d.createdAt))
            }, hasLog: !log.isEmpty,
            organisations: orgs.filter { $0.isActive && $0.kind.isAdministrativeOrgan }.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
            name: values["name"] ?? "", url: values["url"] ?? "", errors: errors, hasErrors: !errors.isEmpty,
            errorList: ["name", "url"].compactMap { errors[$0] }), status: status)
    }
}
