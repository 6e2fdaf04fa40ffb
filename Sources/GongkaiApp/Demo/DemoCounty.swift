import FluentKit
import Foundation
import GongkaiDomain

/// Loads the demo county (organisations, one account per role) from `Resources/demo/county.json`,
/// then every capability's demo data (`Capability.demo`).
public struct DemoCounty: Sendable {
    struct Data: Decodable {
        struct Org: Decodable {
            let key: String
            let parent: String?
            let kind: String
            let name: String
            let shortName: String
            let divisionCode: String
            let creditPrefix: String?
            let headName: String
            let functions: String
            let structure: String
            let guide: String
            /// The 政府信息公开制度 column's text (optional).
            let rules: String?
            let officeName: String
            let officeAddress: String
            let officeHours: String
            let officePhone: String
            let officeFax: String
            let officeEmail: String
            let officeWeb: String
        }

        struct User: Decodable {
            let username: String
            let displayName: String
            let org: String
            let roles: [String]
            let subtree: Bool
            let grantOrg: String?
            let grantSubtree: Bool?
        }

        let county: String
        let password: String
        let organisations: [Org]
        let users: [User]
    }

    public struct Login: Sendable {
        public let username: String
        public let password: String
        public let roleLabel: String
        public let organisation: String
    }

    let services: AppServices

    public init(services: AppServices) { self.services = services }

    static func data() throws -> Data {
        try ResourceFiles.demo("county.json", as: Data.self)
    }

    /// The demo logins, as printed at start.
    public static func logins() throws -> [Login] {
        let d = try data()
        return d.users.map { u in
            Login(username: u.username, password: d.password,
                  roleLabel: u.roles.compactMap { StaffRole(rawValue: $0)?.label }.joined(separator: "、"),
                  organisation: d.organisations.first { $0.key == (u.grantOrg ?? u.org) }?.name ?? "")
        }
    }

    /// Loads the county unless the database already has organisations. Returns whether it loaded.
    @discardableResult
    public func loadIfEmpty() async throws -> Bool {
        guard try await Organisation.query(on: services.db).count() == 0 else { return false }
        let d = try Self.data()
        let actor = AuditActor.commandLine("gongkai demo")
        let directory = OrganisationDirectory(services: services)
        var byKey: [String: Organisation] = [:]
        for o in d.organisations {
            var input = OrganisationInput()
            input.name = o.name
            input.shortName = o.shortName
            input.kind = OrganisationKind(rawValue: o.kind) ?? .countyDepartment
            input.sortOrder = byKey.count
            input.divisionCode = o.divisionCode.isEmpty ? nil : o.divisionCode
            input.creditCode = o.creditPrefix.flatMap { UnifiedSocialCreditCode.completing($0)?.value }
            input.officeName = o.officeName
            input.officeAddress = o.officeAddress
            input.officeHours = o.officeHours
            input.officePhone = o.officePhone
            input.officeFax = o.officeFax
            input.officeEmail = o.officeEmail
            input.officeWeb = o.officeWeb
            input.functionsText = o.functions
            input.structureText = o.structure
            input.headName = o.headName
            input.guideText = o.guide
            input.rulesText = o.rules ?? ""
            // Remedy clause of reply letters: a county department is reviewed by the county government
            // and sued before the county court; the county government itself by the city government and
            // the intermediate court (行政诉讼法 Art. 15). The city is fictional, like the county.
            if let root = byKey.values.first(where: { $0.parentID == nil }), o.parent != nil {
                input.reviewOrgan = root.name
                input.court = root.name.replacingOccurrences(of: "人民政府", with: "人民法院")
            } else {
                input.reviewOrgan = "清江市人民政府"
                input.court = "清江市中级人民法院"
            }
            byKey[o.key] = try await directory.create(input, parent: o.parent.flatMap { byKey[$0] }, actor: actor)
        }
        let staff = StaffDirectory(services: services)
        var accounts: [(user: StaffUser, roles: [StaffRole])] = []
        for u in d.users {
            guard let home = byKey[u.org] else { continue }
            let roles = u.roles.compactMap(StaffRole.init(rawValue:))
            let user = try await staff.create(
                .init(username: u.username, displayName: u.displayName, organisationID: home.id ?? 0,
                      password: d.password, mustChangePassword: false),
                roles: u.grantOrg == nil ? roles.map { ($0, includesSubtree: u.subtree) } : [], actor: actor)
            if let g = u.grantOrg, let org = byKey[g] {
                for r in roles {
                    try await staff.grant(r, organisationID: org.id ?? 0, includesSubtree: u.grantSubtree ?? false, to: user, actor: actor)
                }
            }
            accounts.append((user, roles))
        }
        // Then each capability's part, in the capabilities' order.
        let context = DemoContext(services: services, organisations: byKey, accounts: accounts)
        for load in services.capabilities.compactMap(\.demo) { try await load(context) }
        return true
    }
}
