import XCTest
@testable import GongkaiDomain

final class OrganisationRuleTests: XCTestCase {
    func testPlacementFollowsTheCountyTree() {
        XCTAssertNil(OrganisationKind.countyGovernment.placementProblem(parent: nil))
        XCTAssertNotNil(OrganisationKind.countyGovernment.placementProblem(parent: .countyGovernment))
        for k in [OrganisationKind.governmentOffice, .countyDepartment, .townshipGovernment, .subdistrictOffice] {
            XCTAssertNil(k.placementProblem(parent: .countyGovernment), "\(k)")
            XCTAssertNotNil(k.placementProblem(parent: nil))
            XCTAssertNotNil(k.placementProblem(parent: .townshipGovernment))
        }
        XCTAssertNil(OrganisationKind.villageCommittee.placementProblem(parent: .townshipGovernment))
        XCTAssertNil(OrganisationKind.residentsCommittee.placementProblem(parent: .subdistrictOffice))
        XCTAssertEqual(OrganisationKind.villageCommittee.placementProblem(parent: .countyDepartment),
                       "“村民委员会”的上级机构只能是：乡镇人民政府、街道办事处，不能是“县级部门”")
        XCTAssertFalse(OrganisationKind.villageCommittee.isAdministrativeOrgan)
    }

    func testPathsParseRebaseAndRefuseCycles() {
        let p = OrganisationPath("/1/5/12/")!
        XCTAssertEqual(p.ids, [1, 5, 12])
        XCTAssertEqual(p.description, "/1/5/12/")
        XCTAssertEqual(p.depth, 2)
        XCTAssertNil(OrganisationPath("1/5"))
        XCTAssertNil(OrganisationPath("/1/x/"))
        XCTAssertNil(OrganisationPath("//"))
        XCTAssertTrue(p.isWithin(OrganisationPath("/1/5/")!))
        XCTAssertFalse(OrganisationPath("/1/50/")!.isWithin(OrganisationPath("/1/5/")!), "prefix by id, not by text")
        XCTAssertEqual(p.rebased(from: OrganisationPath("/1/5/")!, to: OrganisationPath("/1/7/5/")!)?.description, "/1/7/5/12/")
        XCTAssertNil(p.rebased(from: OrganisationPath("/1/6/")!, to: OrganisationPath("/2/")!))
        XCTAssertNotNil(OrganisationPath.moveProblem(node: OrganisationPath("/1/5/")!, newParent: p))
        XCTAssertNotNil(OrganisationPath.moveProblem(node: p, newParent: p))
        XCTAssertNil(OrganisationPath.moveProblem(node: p, newParent: OrganisationPath("/1/6/")!))
    }

    func testTreeOrdersDepthFirstBySortOrderThenName() {
        struct N: Sendable { let path: String; let order: Int; let name: String }
        let nodes = [N(path: "/1/3/", order: 2, name: "乙"), N(path: "/1/", order: 0, name: "县"),
                     N(path: "/1/2/", order: 1, name: "甲"), N(path: "/1/2/4/", order: 0, name: "村"),
                     N(path: "/9/8/", order: 0, name: "孤儿")]
        let tree = OrganisationTree(nodes: nodes, path: { OrganisationPath($0.path)! }, sortKey: { ($0.order, $0.name) })
        XCTAssertEqual(tree.entries.map(\.node.name), ["县", "甲", "村", "乙", "孤儿"])
        XCTAssertEqual(tree.entries.map(\.depth), [0, 1, 2, 1, 0], "a node whose parent is out of view is shown as a root")
    }
}
