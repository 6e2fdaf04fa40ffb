import XCTest
@testable import GongkaiDomain

final class CatalogueTests: XCTestCase {
    func testTimeLimitWordingIsStructuredWherePossible() {
        XCTAssertEqual(PublicationTimeLimit("信息形成或者变更之日起20个工作日内").rule, .workingDays(20))
        XCTAssertEqual(PublicationTimeLimit("制定或获取信息之日起10个工作日内").rule, .workingDays(10))
        XCTAssertEqual(PublicationTimeLimit("20工作日").rule, .workingDays(20))
        XCTAssertEqual(PublicationTimeLimit("信息形成之日起十个工作日内").rule, .workingDays(10))
        XCTAssertEqual(PublicationTimeLimit("二十个工作日内").rule, .workingDays(20))
        XCTAssertEqual(PublicationTimeLimit("收到后7日内").rule, .days(7))
        XCTAssertEqual(PublicationTimeLimit("每季度公开").rule, .quarterly)
        XCTAssertEqual(PublicationTimeLimit("按月更新").rule, .monthly)
        XCTAssertEqual(PublicationTimeLimit("每年3月底前").rule, .yearly)
        XCTAssertEqual(PublicationTimeLimit("实时公开").rule, .realTime)
        XCTAssertEqual(PublicationTimeLimit("及时公开").rule, .timely)
        XCTAssertEqual(PublicationTimeLimit("视情况而定").rule, .unstructured)
        XCTAssertEqual(PublicationTimeLimit("视情况而定").original, "视情况而定")
    }

    func testCoverage() {
        let d = { CivilDate(iso: $0)! }
        let quarterly = PublicationTimeLimit("每季度公开")
        XCTAssertEqual(CoverageStatus.assess(quarterly, publications: [], today: d("2026-11-21")).status, .never)
        let ok = CoverageStatus.assess(quarterly, publications: [(d("2026-10-10"), false)], today: d("2026-11-21"))
        XCTAssertEqual(ok.status, .ok)
        XCTAssertEqual(ok.nextDue, d("2027-01-10"))
        XCTAssertEqual(CoverageStatus.assess(quarterly, publications: [(d("2026-08-20"), false)], today: d("2026-11-16")).status, .dueSoon)
        XCTAssertEqual(CoverageStatus.assess(quarterly, publications: [(d("2026-06-01"), false), (d("2026-03-01"), false)], today: d("2026-11-21")).status, .overdue)
        let event = CoverageStatus.assess(PublicationTimeLimit("信息形成或者变更之日起20个工作日内"),
                                          publications: [(d("2025-01-05"), true), (d("2026-02-01"), false)], today: d("2026-11-21"))
        XCTAssertEqual(event.status, .ok)
        XCTAssertEqual(event.latePublications, 1)
        XCTAssertNil(event.nextDue)
        XCTAssertEqual(d("2026-01-31").addingMonths(1), d("2026-02-28"))
        XCTAssertEqual(d("2026-11-30").addingMonths(3), d("2027-02-28"))
    }

    func testShippedDomains() {
        XCTAssertEqual(CatalogDomain.standard.count, 30)
        XCTAssertEqual(Set(CatalogDomain.standard.map(\.name)).count, 30)
        for name in ["社会救助", "涉农补贴", "重大建设项目"] { XCTAssertTrue(CatalogDomain.standard.contains { $0.name == name }, name) }
        XCTAssertEqual(CatalogChannel.standard.count, 13)
    }
}
