import FluentKit
import Foundation
import GongkaiDomain
@testable import GongkaiApp

/// A small county: a government with two departments and a township with a village, and staff:
/// a 系统管理员 for everything, a 公开办管理员 for each department, an 信息员 and a plain user.
struct Fixture {
    static let password = "Test@2026pw"

    let county: Organisation
    let deptA: Organisation
    let deptB: Organisation
    let township: Organisation
    let village: Organisation
    let root: StaffUser
    let adminA: StaffUser
    let adminB: StaffUser
    let officerA: StaffUser
    let userA: StaffUser
    let leaderA: StaffUser
    let handlerA: StaffUser
    let secrecyA: StaffUser

    static func seed(_ env: TestEnvironment) async throws -> Fixture {
        let orgs = OrganisationDirectory(services: env.services)
        let actor = AuditActor.commandLine("test")
        func org(_ name: String, _ short: String, _ kind: OrganisationKind, _ parent: Organisation?, code: String? = nil) async throws -> Organisation {
            var i = OrganisationInput()
            i.name = name
            i.shortName = short
            i.kind = kind
            i.creditCode = code
            i.officeName = "\(short)办公室"
            i.officePhone = "0832-1234567"
            return try await orgs.create(i, parent: parent, actor: actor)
        }
        let county = try await org("测试县人民政府", "县政府", .countyGovernment, nil, code: "11441700007280420Y")
        let deptA = try await org("测试县民政局", "县民政局", .countyDepartment, county)
        let deptB = try await org("测试县财政局", "县财政局", .countyDepartment, county)
        let township = try await org("测试县测试镇人民政府", "测试镇", .townshipGovernment, county)
        let village = try await org("测试镇桃花村民委员会", "桃花村", .villageCommittee, township)

        let staff = StaffDirectory(services: env.services)
        func user(_ name: String, _ org: Organisation, _ roles: [StaffRole], subtree: Bool = false, phone: String = "") async throws -> StaffUser {
            try await staff.create(.init(username: name, displayName: "测试\(name)", phone: phone, organisationID: org.id!,
                                         password: password, mustChangePassword: false),
                                   roles: roles.map { ($0, includesSubtree: subtree) }, actor: actor)
        }
        return Fixture(
            county: county, deptA: deptA, deptB: deptB, township: township, village: village,
            root: try await user("root", county, [.systemAdministrator], subtree: true),
            adminA: try await user("admina", deptA, [.disclosureOfficeAdministrator]),
            adminB: try await user("adminb", deptB, [.disclosureOfficeAdministrator]),
            officerA: try await user("officera", deptA, [.informationOfficer]),
            userA: try await user("usera", deptA, [.reviewer], phone: "13812345678"),
            leaderA: try await user("leadera", deptA, [.leader]),
            handlerA: try await user("handlera", deptA, [.applicationHandler]),
            secrecyA: try await user("secreta", deptA, [.secrecyReviewer]))
    }
}
