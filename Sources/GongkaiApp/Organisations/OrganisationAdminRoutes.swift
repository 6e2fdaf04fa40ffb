import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office pages for the organisation tree.
enum OrganisationAdminRoutes {
    static func register(_ bo: BackOffice) {
        let services = bo.services
        let directory = OrganisationDirectory(services: services)

        bo.get("/admin/orgs", roles: Roles.administrators, target: .anyScope) { request, context, auth in
            let entries = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: services.db)
            let roots = try await OrganisationQueries.rootIDs(on: services.db)
            let view = OrganisationListView(
                chrome: AdminChrome.make(services, context, title: "机构管理", path: "/admin/orgs", notice: AdminChrome.notice(request)),
                rows: entries.map { OrganisationRow($0.node, depth: $0.depth) },
                canCreateRoot: auth.staff.policy.allowsGlobally([.systemAdministrator], rootIDs: roots) || roots.isEmpty,
                isEmpty: entries.isEmpty)
            return services.templates.page("admin-orgs", view)
        }

        bo.get("/admin/orgs/new", roles: Roles.administrators, target: .organisationInput(field: "parent")) { request, context, auth in
            var input = OrganisationInput()
            input.kind = auth.organisation.map(defaultChildKind) ?? .countyGovernment
            return try await form(services, context, auth: auth, input: input, errors: [:], existing: nil, parent: auth.organisation)
        }

        bo.post("/admin/orgs", roles: Roles.administrators, target: .organisationInput(field: "parent")) { request, context, auth in
            let (input, errors) = OrganisationInput.parse(context.form)
            if !errors.isEmpty {
                return try await form(services, context, auth: auth, input: input, errors: errors, existing: nil, parent: auth.organisation, status: .badRequest)
            }
            do {
                let o = try await directory.create(input, parent: auth.organisation, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/orgs/\(o.id ?? 0)?notice=created", type: .found)
            } catch OrganisationDirectory.Failure.invalid(let e) {
                return try await form(services, context, auth: auth, input: input, errors: e, existing: nil, parent: auth.organisation, status: .badRequest)
            }
        }

        bo.get("/admin/orgs/:org", roles: Roles.administrators, target: .organisation(param: "org")) { request, context, auth in
            let o = auth.organisation!
            return try await form(services, context, auth: auth, input: OrganisationInput(from: o), errors: [:], existing: o,
                                  parent: nil, notice: AdminChrome.notice(request))
        }

        bo.post("/admin/orgs/:org", roles: Roles.administrators, target: .organisation(param: "org")) { request, context, auth in
            let o = auth.organisation!
            let (input, errors) = OrganisationInput.parse(context.form)
            if !errors.isEmpty {
                return try await form(services, context, auth: auth, input: input, errors: errors, existing: o, parent: nil, status: .badRequest)
            }
            do {
                try await directory.update(o, with: input, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/orgs/\(o.id ?? 0)?notice=saved", type: .found)
            } catch OrganisationDirectory.Failure.invalid(let e) {
                return try await form(services, context, auth: auth, input: input, errors: e, existing: o, parent: nil, status: .badRequest)
            }
        }

        bo.post("/admin/orgs/:org/move", roles: Roles.administrators, target: .organisation(param: "org")) { request, context, auth in
            let o = auth.organisation!
            let input = OrganisationInput(from: o)
            guard let newID = Int(context.form["parent_id"]), let newParent = try await Organisation.find(newID, on: services.db) else {
                return try await form(services, context, auth: auth, input: input, errors: ["parent_id": "请选择新的上级机构"], existing: o, parent: nil, status: .badRequest)
            }
            // Moving needs the right over the destination too.
            guard auth.staff.policy.allows(Roles.administrators, ancestry: newParent.ancestry.ids) else {
                throw UserFacingError.forbidden("您没有管理目标上级机构的权限。")
            }
            do {
                try await directory.move(o, under: newParent, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/orgs/\(o.id ?? 0)?notice=moved", type: .found)
            } catch OrganisationDirectory.Failure.invalid(let e) {
                return try await form(services, context, auth: auth, input: input, errors: e, existing: o, parent: nil, status: .badRequest)
            }
        }

        for (suffix, active) in [("deactivate", false), ("activate", true)] {
            bo.post("/admin/orgs/:org/\(suffix)", roles: Roles.administrators, target: .organisation(param: "org")) { request, context, auth in
                let o = auth.organisation!
                do {
                    try await directory.setActive(o, active, actor: auth.staff.actor(context))
                    return .redirect(to: "/admin/orgs/\(o.id ?? 0)?notice=\(active ? "activated" : "deactivated")", type: .found)
                } catch OrganisationDirectory.Failure.invalid(let e) {
                    return try await form(services, context, auth: auth, input: OrganisationInput(from: o), errors: e, existing: o, parent: nil, status: .badRequest)
                }
            }
        }
    }

    static func defaultChildKind(_ parent: Organisation) -> OrganisationKind {
        switch parent.kind {
        case .countyGovernment: return .countyDepartment
        case .townshipGovernment, .subdistrictOffice: return .villageCommittee
        default: return .countyDepartment
        }
    }

    static func form(_ services: AppServices, _ context: AppRequestContext, auth: Authorised, input: OrganisationInput,
                     errors: [String: String], existing: Organisation?, parent: Organisation?,
                     status: HTTPResponse.Status = .ok, notice: String? = nil) async throws -> Response {
        let isNew = existing == nil
        let (basic, office, profile) = OrganisationFormView.fields(input, errors)
        var parentOptions: [OptionItem] = []
        if let o = existing {
            // Possible new parents: organisations the user administers, outside the moved subtree.
            let entries = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: Roles.administrators, on: services.db)
            parentOptions = entries.filter { !$0.node.ancestry.isWithin(o.ancestry) && o.kind.allowedParents.contains($0.node.kind) }
                .map { OptionItem(value: String($0.node.id ?? 0), label: String(repeating: "　", count: $0.depth) + $0.node.name,
                                  selected: $0.node.id == o.parentID) }
        }
        let title = isNew ? "新建机构" : "编辑机构：\(existing!.name)"
        let view = OrganisationFormView(
            chrome: AdminChrome.make(services, context, title: title, path: "/admin/orgs", notice: notice),
            heading: title,
            action: isNew ? "/admin/orgs" : "/admin/orgs/\(existing!.id ?? 0)",
            isNew: isNew,
            organisationID: existing?.id,
            kindOptions: OrganisationFormView.kindOptions(selected: input.kind),
            kindError: errors["kind"],
            parentOptions: parentOptions,
            parentError: errors["parent_id"],
            parentName: parent?.name,
            basicFields: basic, officeFields: office, profileFields: profile,
            hasErrors: !errors.isEmpty,
            errorSummary: errors.sorted { $0.key < $1.key }.map(\.value),
            isActive: existing?.isActive ?? true,
            activeError: errors["active"],
            publicHref: existing.map { "/xxgk/\($0.id ?? 0)" },
            lettersHref: existing.map { "/admin/orgs/\($0.id ?? 0)/letters" },
            publishingHref: existing.map { "/admin/orgs/\($0.id ?? 0)/publishing" },
            parentID: parent?.id)
        var response = services.templates.page("admin-org-form", view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

