import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// County-wide lists the automatic checks use: sensitive words, typos, leaders' titles, trusted hosts.
enum CheckListRoutes {
    struct ListView: Sendable {
        let chrome: PageChrome
        let lists: [ListEditor]
    }

    struct ListEditor: Sendable {
        let key: String
        let label: String
        let format: String
        let text: String
        let count: Int
        let error: String?
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = CheckTermStore(services: services)

        bo.get("/admin/check-lists", roles: Roles.administrators, target: .global) { request, context, _ in
            try await page(services, store, context, notice: AdminChrome.notice(request), errors: [:], submitted: [:])
        }

        bo.post("/admin/check-lists", roles: Roles.administrators, target: .global) { _, context, auth in
            guard let list = CheckTerm.List(rawValue: context.form["list"]) else { throw UserFacingError(status: .badRequest, message: "没有这个名单。") }
            let text = context.form.raw("text")
            do {
                try await store.replace(list, with: text, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/check-lists?notice=saved", type: .found)
            } catch CheckTermStore.Failure.badLines(let lines) {
                let message = "第\(lines.prefix(10).map(String.init).joined(separator: "、"))行格式不对（\(list.lineFormat)）"
                return try await page(services, store, context, notice: nil, errors: [list.rawValue: message],
                                      submitted: [list.rawValue: text], status: .badRequest)
            }
        }
    }

    static func page(_ services: AppServices, _ store: CheckTermStore, _ context: AppRequestContext, notice: String?,
                     errors: [String: String], submitted: [String: String], status: HTTPResponse.Status = .ok) async throws -> Response {
        var editors: [ListEditor] = []
        for l in CheckTerm.List.allCases {
            let stored = try await store.text(of: l)
            editors.append(ListEditor(key: l.rawValue, label: l.label, format: l.lineFormat, text: submitted[l.rawValue] ?? stored,
                                      count: stored.isEmpty ? 0 : stored.split(separator: "\n").count, error: errors[l.rawValue]))
        }
        let view = ListView(chrome: AdminChrome.make(services, context, title: "发布检查名单", path: "/admin/check-lists", notice: notice),
                            lists: editors)
        return services.templates.page("admin-check-lists", view, status: status)
    }
}
