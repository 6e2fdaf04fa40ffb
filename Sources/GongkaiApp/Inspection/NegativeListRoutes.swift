import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// The 负面清单 in the back office (entries, yearly review, citations) and in each organisation's
/// public column (不予公开事项清单).
enum NegativeListRoutes {
    static let owner = RecordOwner(kind: "negative-list-entry") { raw, db in
        guard let id = UUID(uuidString: raw), let e = try await NegativeListEntry.find(id, on: db) else { return [] }
        return [e.organisationID]
    }

    struct EntryRow: Sendable {
        let matter: String
        let ground: String
        let basis: String
        let scope: String
        let reviewedOn: String
        let due: Bool
        let published: Bool
        let citations: Int
        let editHref: String
        let reviewAction: String
        let canEdit: Bool
    }

    struct OrgBlock: Sendable {
        let name: String
        let entries: [EntryRow]
    }

    struct UncitedRow: Sendable {
        let organisation: String
        let label: String
        let ground: String
        let kind: String
        let id: String
        let organisationID: Int
        let entries: [OptionItem]
        let hasEntries: Bool
    }

    struct FormView: Sendable {
        let action: String
        let isNew: Bool
        let organisations: [OptionItem]
        let grounds: [OptionItem]
        let matter: String
        let basis: String
        let scope: String
        let reviewedOn: String
        let published: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct ListView: Sendable {
        let chrome: PageChrome
        let blocks: [OrgBlock]
        let hasBlocks: Bool
        let neverCited: [String]
        let hasNeverCited: Bool
        let uncited: [UncitedRow]
        let hasUncited: Bool
        let form: FormView
        let canEdit: Bool
    }

    struct EditView: Sendable {
        let chrome: PageChrome
        let form: FormView
    }

    static func register(_ bo: BackOffice) {
        let services = bo.services
        bo.get("/admin/fmqd", roles: NegativeListDesk.viewers, target: .anyScope) { request, context, auth in
            try await list(services, request, context, auth, input: NegativeListDesk.Input(), errors: [:], status: .ok)
        }
        bo.post("/admin/fmqd", roles: NegativeListDesk.editors, target: .organisationInput(field: "organisation")) { request, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择单位") }
            let input = NegativeListDesk.Input.parse(context.form)
            do {
                try await NegativeListDesk(services: services).save(input, entry: nil, organisationID: org.id!, actor: auth.staff.actor(context))
            } catch NegativeListDesk.Failure.invalid(let errors) {
                return try await list(services, request, context, auth, input: input, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/fmqd?notice=saved", type: .found)
        }
        bo.post("/admin/fmqd/cite", roles: NegativeListDesk.editors, target: .organisationInput(field: "organisation")) { _, context, auth in
            guard let org = auth.organisation else { throw UserFacingError(status: .badRequest, message: "请选择单位") }
            let form = context.form
            guard let id = UUID(uuidString: form["entry"]), let e = try await NegativeListEntry.find(id, on: services.db), e.organisationID == org.id else {
                throw UserFacingError(status: .badRequest, message: "请选择本单位负面清单中的事项")
            }
            do {
                try await NegativeListDesk(services: services).cite(e, targetKind: form["target_kind"], targetID: form["target_id"], actor: auth.staff.actor(context))
            } catch NegativeListDesk.Failure.invalid(let errors) {
                throw UserFacingError(status: .badRequest, message: errors.values.joined(separator: "；"))
            }
            return .redirect(to: "/admin/fmqd?notice=saved", type: .found)
        }
        bo.get("/admin/fmqd/:clause", roles: NegativeListDesk.editors, target: .record(param: "clause", owner: owner)) { request, context, _ in
            guard let e = try await NegativeListEntry.find(context.parameters.get("clause", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let input = NegativeListDesk.Input(matter: e.matter, ground: e.ground, basis: e.basis, scope: e.scope, reviewedOn: e.reviewedOn, published: e.published)
            return edit(services, request, context, entry: e, input: input, errors: [:], status: .ok)
        }
        bo.post("/admin/fmqd/:clause", roles: NegativeListDesk.editors, target: .record(param: "clause", owner: owner)) { request, context, auth in
            guard let e = try await NegativeListEntry.find(context.parameters.get("clause", as: UUID.self), on: services.db) else { throw HTTPError(.notFound) }
            let desk = NegativeListDesk(services: services)
            if context.form["action"] == "review" {
                try await desk.markReviewed(e, actor: auth.staff.actor(context))
                return .redirect(to: "/admin/fmqd?notice=saved", type: .found)
            }
            let input = NegativeListDesk.Input.parse(context.form)
            do {
                try await desk.save(input, entry: e, organisationID: e.organisationID, actor: auth.staff.actor(context))
            } catch NegativeListDesk.Failure.invalid(let errors) {
                return edit(services, request, context, entry: e, input: input, errors: errors, status: .badRequest)
            }
            return .redirect(to: "/admin/fmqd?notice=saved", type: .found)
        }
    }

    static func formView(action: String, input: NegativeListDesk.Input, isNew: Bool, organisations: [Organisation], errors: [String: String]) -> FormView {
        FormView(action: action, isNew: isNew, organisations: organisations.map { OptionItem(value: String($0.id!), label: $0.name, selected: false) },
                 grounds: NegativeListReview.grounds.map { OptionItem(value: $0.rawValue, label: $0.label, selected: input.ground == $0.rawValue) },
                 matter: input.matter, basis: input.basis, scope: input.scope, reviewedOn: input.reviewedOn, published: input.published,
                 errors: errors, hasErrors: !errors.isEmpty, errorList: errors.keys.sorted().compactMap { errors[$0] })
    }

    static func list(_ services: AppServices, _ request: Request, _ context: AppRequestContext, _ auth: Authorised,
                     input: NegativeListDesk.Input, errors: [String: String], status: HTTPResponse.Status) async throws -> Response {
        let visible = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: NegativeListDesk.viewers, on: services.db).map(\.node).filter(\.isActive)
        let editable = try await OrganisationQueries.tree(visibleTo: auth.staff.policy, roles: NegativeListDesk.editors, on: services.db).map(\.node)
            .filter { $0.isActive && $0.kind.isAdministrativeOrgan }
        let editableIDs = Set(editable.compactMap(\.id))
        let ids = visible.compactMap(\.id)
        let entries = try await NegativeListEntry.query(on: services.db).filter(\.$organisationID ~~ ids).sort(\.$matter).all()
        let citations = entries.isEmpty ? [] : try await NegativeListCitation.query(on: services.db).filter(\.$entryID ~~ entries.compactMap(\.id)).all()
        let today = services.clock.today()
        let desk = NegativeListDesk(services: services)
        let blocks = visible.compactMap { org -> OrgBlock? in
            let mine = entries.filter { $0.organisationID == org.id }
            guard !mine.isEmpty else { return nil }
            return OrgBlock(name: org.name, entries: mine.map { e in
                let reviewed = CivilDate(iso: e.reviewedOn)
                return EntryRow(matter: e.matter, ground: e.groundValue?.label ?? e.ground, basis: e.basis, scope: e.scope, reviewedOn: e.reviewedOn,
                                due: reviewed.map { NegativeListReview.isDue(lastReviewed: $0, today: today) } ?? true, published: e.published,
                                citations: citations.filter { $0.entryID == e.id }.count, editHref: "/admin/fmqd/\(e.id!.uuidString)",
                                reviewAction: "/admin/fmqd/\(e.id!.uuidString)", canEdit: editableIDs.contains(e.organisationID))
            })
        }
        let names = try await OrganisationQueries.activeNames(services)
        let citedIDs = Set(citations.map(\.entryID))
        let neverCited = entries.filter { !citedIDs.contains($0.id!) }.map { "\(names[$0.organisationID] ?? "")：\($0.matter)" }
        let uncited = try await desk.uncited(organisationIDs: ids).map { w in
            let options = entries.filter { $0.organisationID == w.organisationID }.map { OptionItem(value: $0.id!.uuidString, label: $0.matter, selected: false) }
            return UncitedRow(organisation: names[w.organisationID] ?? "", label: w.label, ground: w.ground, kind: w.kind, id: w.id,
                              organisationID: w.organisationID, entries: options, hasEntries: !options.isEmpty && editableIDs.contains(w.organisationID))
        }
        return services.templates.page("admin-fmqd", ListView(
            chrome: AdminChrome.make(services, context, title: "负面清单", path: "/admin/fmqd", notice: AdminChrome.notice(request)),
            blocks: blocks, hasBlocks: !blocks.isEmpty, neverCited: neverCited, hasNeverCited: !neverCited.isEmpty,
            uncited: uncited, hasUncited: !uncited.isEmpty,
            form: formView(action: "/admin/fmqd", input: input, isNew: true, organisations: editable, errors: errors), canEdit: !editable.isEmpty), status: status)
    }

    static func edit(_ services: AppServices, _ request: Request, _ context: AppRequestContext, entry e: NegativeListEntry,
                     input: NegativeListDesk.Input, errors: [String: String], status: HTTPResponse.Status) -> Response {
        services.templates.page("admin-fmqd-edit", EditView(
            chrome: AdminChrome.make(services, context, title: "修改负面清单事项", path: "/admin/fmqd", notice: AdminChrome.notice(request)),
            form: formView(action: "/admin/fmqd/\(e.id!.uuidString)", input: input, isNew: false, organisations: [], errors: errors)), status: status)
    }

    // MARK: public

    struct PublicRow: Sendable {
        let matter: String
        let ground: String
        let basis: String
        let scope: String
        let reviewedOn: String
    }

    struct PublicSection: Sendable {
        let rows: [PublicRow]
        let hasRows: Bool
    }

    static func registerPublic(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/xxgk/:org/fmqd") { request, context -> Response in
            let org = try await OrganisationQueries.publicOrganisation(services, context)
            guard org.kind.isAdministrativeOrgan else { throw HTTPError(.notFound) }
            var view = try await PortalRoutes.orgPageModel(services, org: org, sectionKey: "fmqd", request: request, context: context)
            let rows = try await published(org.id!, services)
            view.sectionBody = PublicSection(rows: rows, hasRows: !rows.isEmpty)
            return services.templates.page("portal-fmqd", view)
        }
    }

    static func published(_ organisationID: Int, _ services: AppServices) async throws -> [PublicRow] {
        try await NegativeListEntry.query(on: services.db).filter(\.$organisationID == organisationID).filter(\.$published == true).sort(\.$matter).all()
            .map { PublicRow(matter: $0.matter, ground: $0.groundValue?.label ?? "", basis: $0.basis, scope: $0.scope, reviewedOn: $0.reviewedOn) }
    }
}
