import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The county's list of catalogue domains and their responsible units (county office only).
enum CatalogueDomainRoutes {
    struct DomainRow: Sendable {
        let id: String
        let name: String
        let responsibleName: String
        let organisations: [OptionItem]
        let active: Bool
        let action: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let domains: [DomainRow]
        let organisations: [OptionItem]
        let errors: [String: String]
        let values: [String: String]
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        let store = CatalogueDomainStore(services: services)

        bo.get("/admin/catalogue-domains", roles: Roles.administrators, target: .global) { request, context, _ in
            try await page(services, context, notice: AdminChrome.notice(request))
        }

        bo.post("/admin/catalogue-domains", roles: Roles.administrators, target: .global) { _, context, auth in
            let form = context.form
            do {
                try await store.add(name: form["name"], responsibleName: form["responsible_name"],
                                    responsibleOrganisationID: try form.optionalInteger("responsible_organisation_id", in: 1...Int(Int32.max), label: "牵头单位"),
                                    actor: auth.staff.actor(context))
            } catch CatalogueDomainStore.Failure.invalid(let e) {
                return try await page(services, context, errors: e, values: ["name": form["name"], "responsible_name": form["responsible_name"]],
                                      status: .badRequest)
            }
            return .redirect(to: "/admin/catalogue-domains?notice=created", type: .found)
        }

        bo.post("/admin/catalogue-domains/:did", roles: Roles.administrators, target: .global) { _, context, auth in
            guard let id = context.parameters.get("did", as: UUID.self), let d = try await CatalogueDomainRecord.find(id, on: services.db) else {
                throw HTTPError(.notFound)
            }
            let form = context.form
            do {
                try await store.update(d, responsibleName: form["responsible_name"],
                                       responsibleOrganisationID: try form.optionalInteger("responsible_organisation_id", in: 1...Int(Int32.max), label: "牵头单位"),
                                       active: form["active"] == "1", actor: auth.staff.actor(context))
            } catch CatalogueDomainStore.Failure.invalid(let e) {
                return try await page(services, context, errors: e, values: [:], status: .badRequest)
            }
            return .redirect(to: "/admin/catalogue-domains?notice=saved", type: .found)
        }
    }

    static func page(_ services: AppServices, _ context: AppRequestContext, notice: String? = nil, errors: [String: String] = [:],
                     values: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let organs = try await OrganisationQueries.tree(on: services.db, activeOnly: true).filter { $0.node.kind.isAdministrativeOrgan }
        func options(_ selected: Int?) -> [OptionItem] {
            [OptionItem(value: "", label: "（未关联）", selected: selected == nil)]
                + organs.map { OptionItem(value: String($0.node.id ?? 0), label: String(repeating: "　", count: $0.depth) + $0.node.name,
                                          selected: $0.node.id == selected) }
        }
        let view = View(
            chrome: AdminChrome.make(services, context, title: "目录领域", path: "/admin/catalogue", notice: notice),
            domains: try await CatalogueDomainStore(services: services).all().map {
                DomainRow(id: $0.id!.uuidString, name: $0.name, responsibleName: $0.responsibleName, organisations: options($0.responsibleOrganisationID),
                          active: $0.active, action: "/admin/catalogue-domains/\($0.id!.uuidString)")
            },
            organisations: options(nil), errors: errors, values: values)
        return services.templates.page("admin-catalogue-domains", view, status: status)
    }
}
