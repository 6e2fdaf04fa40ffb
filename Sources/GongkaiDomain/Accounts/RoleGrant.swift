/// One role held by a user for one organisation, optionally covering everything below it.
public struct RoleGrant: Hashable, Sendable {
    public let role: StaffRole
    public let organisationID: Int
    public let includesSubtree: Bool

    public init(role: StaffRole, organisationID: Int, includesSubtree: Bool) {
        self.role = role
        self.organisationID = organisationID
        self.includesSubtree = includesSubtree
    }

    /// Whether this grant reaches an organisation whose ancestry (root first, itself last) is given.
    public func covers(ancestry: [Int]) -> Bool {
        guard let target = ancestry.last else { return false }
        if target == organisationID { return true }
        return includesSubtree && ancestry.dropLast().contains(organisationID)
    }
}

/// Decides what a set of grants allows. Pure: callers supply organisation ancestries.
public struct AccessPolicy: Sendable {
    public let grants: [RoleGrant]

    public init(grants: [RoleGrant]) { self.grants = grants }

    public func holdsAny(of roles: Set<StaffRole>) -> Bool {
        grants.contains { roles.contains($0.role) }
    }

    /// True when one of `roles` is granted for the organisation whose ancestry is given.
    public func allows(_ roles: Set<StaffRole>, ancestry: [Int]) -> Bool {
        grants.contains { roles.contains($0.role) && $0.covers(ancestry: ancestry) }
    }

    /// Global actions (creating a new top-level organisation) need the role on a root with its subtree.
    public func allowsGlobally(_ roles: Set<StaffRole>, rootIDs: Set<Int>) -> Bool {
        grants.contains { roles.contains($0.role) && $0.includesSubtree && rootIDs.contains($0.organisationID) }
    }

    /// Roles that may be handed out by this user for the organisation with the given ancestry:
    /// a 系统管理员 may grant any role; a 公开办管理员 any role except 系统管理员.
    public func grantableRoles(ancestry: [Int]) -> [StaffRole] {
        if allows([.systemAdministrator], ancestry: ancestry) { return StaffRole.allCases }
        if allows([.disclosureOfficeAdministrator], ancestry: ancestry) {
            return StaffRole.allCases.filter { $0 != .systemAdministrator }
        }
        return []
    }

    /// Whether this user may manage an account (reset its password, lock, unlock, deactivate, end
    /// its sessions, change its roles): only someone who could grant every role the account holds,
    /// where it holds it, so that no administrator can take over a more powerful account.
    /// `targetGrants` pairs each of the account's roles with its organisation's ancestry.
    public func mayManage(accountHolding targetGrants: [(role: StaffRole, ancestry: [Int])]) -> Bool {
        targetGrants.allSatisfy { grantableRoles(ancestry: $0.ancestry).contains($0.role) }
    }
}
