import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Editing an organisation's wording of the standard documents (登记回执, 告知书, 答复告知书 …).
enum LetterTemplateRoutes {
    struct SlotRow: Sendable {
        let label: String
        let href: String
        let source: String
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let orgHref: String
        let rows: [SlotRow]
    }

    struct EditView: Sendable {
        let chrome: PageChrome
        let organisation: String
        let label: String
        let action: String
        let listHref: String
        let text: String
        let fields: [String]
        let shippedText: String
        let source: String
        let isOwn: Bool
        let error: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = LetterTemplateStore(services: services)
        let target = AccessTarget.organisation(param: "org")

        bo.get("/admin/orgs/:org/letters", roles: Roles.administrators, target: target) { request, context, auth in
            let org = auth.organisation!
            let id = try org.requireID()
            let effective = try await store.effective(for: org)
            let names = try await names(of: effective, services)
            let rows = ReplyLetters.slots.map { slot in
                SlotRow(label: slot.label, href: "/admin/orgs/\(id)/letters/\(slot.key)",
                        source: describe(effective[slot.key]?.source ?? .shipped, names))
            }
            let view = ListView(chrome: AdminChrome.make(services, context, title: "文书模板", path: "/admin/orgs",
                                                         notice: AdminChrome.notice(request)),
                                organisation: org.name, orgHref: "/admin/orgs/\(id)", rows: rows)
            return services.templates.page("admin-letters", view)
        }

        bo.get("/admin/orgs/:org/letters/:slot", roles: Roles.administrators, target: target) { _, context, auth in
            let org = auth.organisation!
            let slot = try slotParameter(context)
            let effective = try await store.effective(for: org)[slot.key]
            return try await edit(services, context, org: org, slot: slot, text: effective?.text ?? slot.defaultText,
                                  effective: effective, error: nil)
        }

        bo.post("/admin/orgs/:org/letters/:slot", roles: Roles.administrators, target: target) { _, context, auth in
            let org = auth.organisation!
            let id = try org.requireID()
            let slot = try slotParameter(context)
            let actor = auth.staff.actor(context)
            if context.form["action"] == "reset" {
                try await store.reset(slot: slot, for: org, actor: actor)
                return .redirect(to: "/admin/orgs/\(id)/letters?notice=saved", type: .found)
            }
            let text = context.form.raw("body")
            do {
                try await store.save(text, slot: slot, for: org, actor: actor)
                return .redirect(to: "/admin/orgs/\(id)/letters?notice=saved", type: .found)
            } catch LetterTemplateStore.Failure.invalid(let message) {
                let effective = try await store.effective(for: org)[slot.key]
                return try await edit(services, context, org: org, slot: slot, text: text, effective: effective,
                                      error: message, status: .badRequest)
            }
        }
    }

    static func slotParameter(_ context: AppRequestContext) throws -> ReplyLetters.Slot {
        guard let slot = ReplyLetters.slot(context.parameters.get("slot") ?? "") else {
            throw UserFacingError(status: .notFound, message: "没有这种文书。")
        }
        return slot
    }

    static func names(of effective: [String: LetterTemplateStore.Effective], _ services: AppServices) async throws -> [Int: String] {
        let ids = Set(effective.values.compactMap { e -> Int? in
            if case .inherited(let id) = e.source { return id }
            return nil
        })
        guard !ids.isEmpty else { return [:] }
        let orgs = try await Organisation.query(on: services.db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(orgs.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func describe(_ source: LetterTemplateStore.Source, _ names: [Int: String]) -> String {
        switch source {
        case .shipped: return "系统默认"
        case .own: return "本机关自定义"
        case .inherited(let id): return "沿用\(names[id] ?? "上级机关")的文本"
        }
    }

    static func edit(_ services: AppServices, _ context: AppRequestContext, org: Organisation, slot: ReplyLetters.Slot,
                     text: String, effective: LetterTemplateStore.Effective?, error: String?,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try org.requireID()
        let names = try await names(of: effective.map { [slot.key: $0] } ?? [:], services)
        let view = EditView(
            chrome: AdminChrome.make(services, context, title: "文书模板：\(slot.label)", path: "/admin/orgs"),
            organisation: org.name, label: slot.label, action: "/admin/orgs/\(id)/letters/\(slot.key)",
            listHref: "/admin/orgs/\(id)/letters", text: text, fields: slot.fields.map { "{\($0)}" }, shippedText: slot.defaultText,
            source: describe(effective?.source ?? .shipped, names), isOwn: effective?.source == .own, error: error)
        return services.templates.page("admin-letter-edit", view, status: status)
    }
}
