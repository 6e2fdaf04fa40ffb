import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import NIOConcurrencyHelpers

/// What a back-office route acts on: decides which organisation the required role must cover.
public enum AccessTarget: Sendable, Equatable {
    /// Any signed-in staff member (own account, dashboard).
    case signedIn
    /// Holding one of the roles anywhere; the handler shows only what the grants cover.
    case anyScope
    /// The organisation whose id is the named path parameter.
    case organisation(param: String)
    /// The organisation named by a form field or query parameter; empty means a new top-level one.
    case organisationInput(field: String)
    /// The organisation of the staff account whose id is the named path parameter.
    case user(param: String)
    /// Nation- or county-wide settings (the holiday calendar): the role on a root with its subtree.
    case global
    /// A record (an application, later a document…) whose owning organisation `owner` looks up.
    case record(param: String, owner: RecordOwner)
}

/// Finds the organisations that own a record (e.g. the organ applied to and the department handling
/// it), from the record's id in the path. A role over any of them opens the record.
public struct RecordOwner: Sendable, Equatable {
    public let kind: String
    let lookup: @Sendable (String, any Database) async throws -> [Int]

    public init(kind: String, lookup: @escaping @Sendable (String, any Database) async throws -> [Int]) {
        self.kind = kind
        self.lookup = lookup
    }

    public static func == (a: RecordOwner, b: RecordOwner) -> Bool { a.kind == b.kind }
}

/// One registered back-office route; the access test walks all of them.
public struct BackOfficeRouteSpec: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let roles: Set<StaffRole>
    public let target: AccessTarget
}

/// Collects the specs of every back-office route as they are registered.
public final class RouteCatalog: Sendable {
    private let storage = NIOLockedValueBox<[BackOfficeRouteSpec]>([])
    public var specs: [BackOfficeRouteSpec] { storage.withLockedValue { $0 } }
    func add(_ s: BackOfficeRouteSpec) { storage.withLockedValue { $0.append(s) } }
}

/// What a handler receives once access is granted.
struct Authorised: Sendable {
    let staff: StaffIdentity
    /// The organisation the check was made against, when the target names one.
    let organisation: Organisation?
    let targetUser: StaffUser?
}

/// Registers back-office routes so that none can exist without its access rule.
struct BackOffice {
    typealias Handler = @Sendable (Request, AppRequestContext, Authorised) async throws -> Response
    let router: Router<AppRequestContext>
    let services: AppServices
    let catalog: RouteCatalog

    func get(_ path: String, roles: Set<StaffRole> = [], target: AccessTarget, _ handler: @escaping Handler) {
        add(.get, path, roles: roles, target: target, handler)
    }

    func post(_ path: String, roles: Set<StaffRole> = [], target: AccessTarget, _ handler: @escaping Handler) {
        add(.post, path, roles: roles, target: target, handler)
    }

    private func add(_ method: HTTPRequest.Method, _ path: String, roles: Set<StaffRole>, target: AccessTarget,
                     _ handler: @escaping Handler) {
        precondition(path.hasPrefix("/admin"), "back-office routes live under /admin")
        precondition(target == .signedIn || !roles.isEmpty, "a role-checked route needs roles: \(path)")
        catalog.add(BackOfficeRouteSpec(method: method, path: path, roles: roles, target: target))
        let services = self.services
        router.on(RouterPath(path), method: method) { request, context in
            let auth = try await Self.authorise(request: request, context: context, roles: roles,
                                                target: target, services: services)
            return try await handler(request, context, auth)
        }
    }

    static func authorise(request: Request, context: AppRequestContext, roles: Set<StaffRole>,
                          target: AccessTarget, services: AppServices) async throws -> Authorised {
        guard let staff = context.staff else {
            throw UserFacingError(status: .unauthorized, message: "请先登录。")
        }
        let policy = staff.policy
        let db = services.db
        switch target {
        case .signedIn:
            return Authorised(staff: staff, organisation: nil, targetUser: nil)
        case .anyScope:
            guard policy.holdsAny(of: roles) else { throw UserFacingError.forbidden() }
            return Authorised(staff: staff, organisation: nil, targetUser: nil)
        case .organisation(let param):
            guard let id = context.parameters.get(param, as: Int.self),
                  let org = try await Organisation.find(id, on: db) else { throw HTTPError(.notFound) }
            guard policy.allows(roles, ancestry: org.ancestry.ids) else { throw UserFacingError.forbidden() }
            return Authorised(staff: staff, organisation: org, targetUser: nil)
        case .organisationInput(let field):
            let raw = context.form.has(field) ? context.form[field]
                : (request.query.get(field) ?? "")
            if raw.isEmpty {
                let roots = try await OrganisationQueries.rootIDs(on: db)
                guard policy.allowsGlobally(roles, rootIDs: roots) else { throw UserFacingError.forbidden() }
                return Authorised(staff: staff, organisation: nil, targetUser: nil)
            }
            guard let id = Int(raw), let org = try await Organisation.find(id, on: db) else {
                throw UserFacingError(status: .badRequest, message: "所选机构不存在，请重新选择。")
            }
            guard policy.allows(roles, ancestry: org.ancestry.ids) else { throw UserFacingError.forbidden() }
            return Authorised(staff: staff, organisation: org, targetUser: nil)
        case .global:
            let roots = try await OrganisationQueries.rootIDs(on: db)
            guard policy.allowsGlobally(roles, rootIDs: roots) else { throw UserFacingError.forbidden() }
            return Authorised(staff: staff, organisation: nil, targetUser: nil)
        case .record(let param, let owner):
            guard let raw = context.parameters.get(param) else { throw HTTPError(.notFound) }
            let ids = try await owner.lookup(raw, db)
            guard !ids.isEmpty else { throw HTTPError(.notFound) }
            let orgs = try await Organisation.query(on: db).filter(\.$id ~~ ids).all()
            guard let org = ids.lazy.compactMap({ id in orgs.first { $0.id == id } })
                .first(where: { policy.allows(roles, ancestry: $0.ancestry.ids) }) else { throw UserFacingError.forbidden() }
            return Authorised(staff: staff, organisation: org, targetUser: nil)
        case .user(let param):
            guard let id = context.parameters.get(param, as: UUID.self),
                  let user = try await StaffUser.find(id, on: db),
                  let org = try await Organisation.find(user.organisationID, on: db) else { throw HTTPError(.notFound) }
            guard policy.allows(roles, ancestry: org.ancestry.ids) else { throw UserFacingError.forbidden() }
            // The account's own roles count too: managing it needs the right to grant each of them.
            let assignments = try await RoleAssignment.query(on: db).filter(\.$userID == id).all()
            let grantOrgs = try await Organisation.query(on: db).filter(\.$id ~~ assignments.map(\.organisationID)).all()
            let held: [(role: StaffRole, ancestry: [Int])] = assignments.compactMap { a in
                guard let role = StaffRole(rawValue: a.roleRaw) else { return nil }
                return (role, grantOrgs.first { $0.id == a.organisationID }?.ancestry.ids ?? [a.organisationID])
            }
            guard policy.mayManage(accountHolding: held) else {
                throw UserFacingError.forbidden("此账户拥有您无权授予的角色（如系统管理员），只能由有相应权限的管理员管理。")
            }
            return Authorised(staff: staff, organisation: org, targetUser: user)
        }
    }
}

/// Role sets used by the platform's own back-office pages.
enum Roles {
    static let administrators: Set<StaffRole> = [.systemAdministrator, .disclosureOfficeAdministrator]
}
