import GongkaiDomain

/// The signed-in staff member for this request.
public struct StaffIdentity: Sendable {
    public let user: StaffUser
    public let session: StaffSession
    public let grants: [RoleGrant]

    public var policy: AccessPolicy { AccessPolicy(grants: grants) }
    public var userID: String { user.id?.uuidString ?? "" }

    func actor(_ context: AppRequestContext) -> AuditActor {
        AuditActor(id: userID, name: "\(user.displayName)（\(user.username)）", clientAddress: context.clientAddress)
    }
}
