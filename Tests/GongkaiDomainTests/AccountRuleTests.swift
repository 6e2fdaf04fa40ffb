import XCTest
@testable import GongkaiDomain

final class AccountRuleTests: XCTestCase {
    let policy = PasswordPolicy()

    func testPasswordPolicy() {
        XCTAssertEqual(policy.problems(password: "Hqz@1234", username: "zhang"), [])
        XCTAssertFalse(policy.problems(password: "Abc@1234", username: "zhang").isEmpty, "a well-known password")
        XCTAssertEqual(policy.problems(password: "hqzt1234", username: "zhang"), ["密码需包含大写字母、小写字母、数字、符号中的至少3类"])
        XCTAssertTrue(policy.problems(password: "Ab@1", username: "zhang").contains("密码至少需要8个字符"))
        XCTAssertTrue(policy.problems(password: "Zhang@2026", username: "zhang").contains("密码不能包含用户名"))
        XCTAssertEqual(policy.problems(password: "密码Hqz12345", username: "x"), [], "non-ASCII counts as a symbol class")
        XCTAssertEqual(policy.problems(password: "ABCD@efgh", username: "x"), [])
    }

    func testGrantsCoverTheirOrganisationAndOptionallyTheSubtree() {
        let exact = RoleGrant(role: .reviewer, organisationID: 5, includesSubtree: false)
        let subtree = RoleGrant(role: .reviewer, organisationID: 5, includesSubtree: true)
        XCTAssertTrue(exact.covers(ancestry: [1, 5]))
        XCTAssertFalse(exact.covers(ancestry: [1, 5, 9]))
        XCTAssertTrue(subtree.covers(ancestry: [1, 5, 9]))
        XCTAssertFalse(subtree.covers(ancestry: [1, 6, 9]))
        XCTAssertFalse(subtree.covers(ancestry: [1]), "a grant never reaches upwards")
        XCTAssertFalse(subtree.covers(ancestry: []))
    }

    func testAccessPolicyNeedsRightRoleInRightPlace() {
        let p = AccessPolicy(grants: [
            RoleGrant(role: .disclosureOfficeAdministrator, organisationID: 2, includesSubtree: true),
            RoleGrant(role: .informationOfficer, organisationID: 7, includesSubtree: false),
        ])
        XCTAssertTrue(p.allows([.disclosureOfficeAdministrator], ancestry: [1, 2, 3]))
        XCTAssertFalse(p.allows([.disclosureOfficeAdministrator], ancestry: [1, 7]))
        XCTAssertFalse(p.allows([.reviewer], ancestry: [1, 2, 3]))
        XCTAssertTrue(p.allows([.informationOfficer, .reviewer], ancestry: [1, 7]))
        XCTAssertTrue(p.holdsAny(of: [.informationOfficer]))
        XCTAssertFalse(p.holdsAny(of: [.leader]))
        XCTAssertFalse(p.allowsGlobally([.disclosureOfficeAdministrator], rootIDs: [1]))
        XCTAssertTrue(AccessPolicy(grants: [RoleGrant(role: .systemAdministrator, organisationID: 1, includesSubtree: true)])
            .allowsGlobally([.systemAdministrator], rootIDs: [1]))
    }

    func testWhoMayGrantWhat() {
        let sys = AccessPolicy(grants: [RoleGrant(role: .systemAdministrator, organisationID: 1, includesSubtree: true)])
        let office = AccessPolicy(grants: [RoleGrant(role: .disclosureOfficeAdministrator, organisationID: 1, includesSubtree: true)])
        let officer = AccessPolicy(grants: [RoleGrant(role: .informationOfficer, organisationID: 1, includesSubtree: true)])
        XCTAssertEqual(sys.grantableRoles(ancestry: [1, 4]), StaffRole.allCases)
        XCTAssertFalse(office.grantableRoles(ancestry: [1, 4]).contains(.systemAdministrator))
        XCTAssertTrue(office.grantableRoles(ancestry: [1, 4]).contains(.leader))
        XCTAssertEqual(officer.grantableRoles(ancestry: [1, 4]), [])
        XCTAssertEqual(office.grantableRoles(ancestry: [9]), [])
    }

    func testThrottleRules() {
        let t = LoginThrottle()
        XCTAssertNil(t.lockDuration(afterFailuresInARow: 4))
        XCTAssertEqual(t.lockDuration(afterFailuresInARow: 5), 60)
        XCTAssertFalse(t.addressBlocked(recentFailures: 19))
        XCTAssertTrue(t.addressBlocked(recentFailures: 20))
    }

    func testRoleLabelsAreTheOfficialTerms() {
        XCTAssertEqual(StaffRole.allCases.map(\.label), ["系统管理员", "公开办管理员", "信息员", "审核员", "保密审查员", "依申请经办人", "领导"])
        XCTAssertEqual(StaffRole.allCases.filter(\.isPrivileged), [.systemAdministrator, .disclosureOfficeAdministrator])
    }

    func testMasking() {
        XCTAssertEqual(Masking.phone("13812345678"), "138****5678")
        XCTAssertEqual(Masking.phone("0832-5550100"), "083*******00")
        XCTAssertEqual(Masking.phone("123"), "***")
        XCTAssertEqual(Masking.email("zhang@example.cn"), "z***@example.cn")
    }
}

final class TextSimilarityTests: XCTestCase {
    func testBigramJaccard() {
        XCTAssertEqual(TextSimilarity.jaccard("低保资金发放情况", "低保资金发放情况"), 1)
        XCTAssertEqual(TextSimilarity.jaccard("低保资金", "道路规划"), 0)
        let near = TextSimilarity.jaccard("2025年城乡低保资金发放情况", "2025年低保资金发放名单和情况")
        let far = TextSimilarity.jaccard("2025年城乡低保资金发放情况", "2024年道路建设项目招标文件")
        XCTAssertGreaterThan(near, 0.4)
        XCTAssertLessThan(far, 0.15)
        XCTAssertEqual(TextSimilarity.jaccard("低保， 资金", "低保资金"), 1, "punctuation and spaces are ignored")
        XCTAssertEqual(TextSimilarity.jaccard("AB12", "ab12"), 1)
        XCTAssertEqual(TextSimilarity.jaccard("", ""), 0)
    }
}
