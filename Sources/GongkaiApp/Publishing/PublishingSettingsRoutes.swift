import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// An organisation's publishing settings: 索引号 pattern, review steps, 三同步 rule.
enum PublishingSettingsRoutes {
    struct View: Sendable {
        let chrome: PageChrome
        let organisation: String
        let action: String
        let orgHref: String
        let source: String
        let indexPattern: String
        let reviewSteps: String
        let rules: [OptionItem]
        let roles: String
        let example: String
        let errors: [String: String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = PublishingSettingsStore(services: services)
        let target = AccessTarget.organisation(param: "org")

        bo.get("/admin/orgs/:org/publishing", roles: Roles.administrators, target: target) { request, context, auth in
            let org = auth.organisation!
            let e = try await store.effective(for: org)
            return try await page(services, context, org: org, effective: e, pattern: e.settings.indexPattern.pattern,
                                  steps: PublishingSettings.stepsText(e.settings.flow), rule: e.settings.interpretationRule.rawValue,
                                  errors: [:], notice: AdminChrome.notice(request))
        }

        bo.post("/admin/orgs/:org/publishing", roles: Roles.administrators, target: target) { _, context, auth in
            let org = auth.organisation!
            let form = context.form
            do {
                try await store.save(for: org, pattern: form["index_pattern"], steps: form.raw("review_steps"),
                                     rule: form["interpretation_rule"], actor: auth.staff.actor(context))
                return .redirect(to: "/admin/orgs/\(org.id!)/publishing?notice=saved", type: .found)
            } catch PublishingSettingsStore.Failure.invalid(let errors) {
                let e = try await store.effective(for: org)
                return try await page(services, context, org: org, effective: e, pattern: form["index_pattern"], steps: form.raw("review_steps"),
                                      rule: form["interpretation_rule"], errors: errors, notice: nil, status: .badRequest)
            }
        }
    }

    static func page(_ services: AppServices, _ context: AppRequestContext, org: Organisation, effective: PublishingSettingsStore.Effective,
                     pattern: String, steps: String, rule: String, errors: [String: String], notice: String?,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        var source = "系统默认"
        if let from = effective.from {
            source = from == org.id ? "本机关设置" : "沿用\(try await Organisation.find(from, on: services.db)?.name ?? "上级机关")的设置"
        }
        let example = ((try? IndexNumberPattern(pattern)) ?? effective.settings.indexPattern)
            .format(creditCode: org.creditCode ?? "", organisationID: org.id ?? 0, year: services.clock.today().year, serial: 1)
        let view = View(
            chrome: AdminChrome.make(services, context, title: "信息发布设置", path: "/admin/orgs", notice: notice),
            organisation: org.name, action: "/admin/orgs/\(org.id!)/publishing", orgHref: "/admin/orgs/\(org.id!)", source: source,
            indexPattern: pattern, reviewSteps: steps,
            rules: PublishingSettings.InterpretationRule.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0.rawValue == rule) },
            roles: PublishingSettings.reviewRoles.map(\.label).joined(separator: "、"), example: example, errors: errors)
        return services.templates.page("admin-publishing-settings", view, status: status)
    }
}
