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
        XCTAssertEqual(CatalogChannel.standard.count, 13)
    }
}

final class CatalogueSheetTests: XCTestCase {
    func sample() -> [CatalogueRow] {
        var a = CatalogueRow()
        a.level1 = "最低生活保障"; a.level2 = "审批信息"; a.content = "低保对象名单及相关信息"; a.basis = "《社会救助暂行办法》"
        a.timeLimit = "10个工作日内"; a.subject = "县民政局、乡镇人民政府（街道办事处）"; a.channels = ["社区/企事业单位/村公示栏（电子屏）", "政府网站"]
        a.levels = ["县级", "乡级"]
        var b = CatalogueRow()
        b.level1 = "综合业务"; b.content = "投诉举报电话，\"地址\""; b.subject = "县民政局"; b.channels = ["政府网站"]
        return [a, b]
    }

    func testCSVRoundTripAndProblemsByRowAndColumn() {
        let csv = CatalogueSheet.csv(sample())
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}序号,一级事项"))
        let (rows, problems) = CatalogueSheet.parse(CatalogueSheet.readCSV(csv), headerRows: 1)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows, sample())
        let bad = "序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
            + "1,,,内容,,,县民政局,政府网站,所有人,主动,县级\n" + ",,,,,,,,,,\n" + "3,事项,,内容,,20个工作日内,主体,政府网站,全社会,依申请公开,省级\n"
        let (_, found) = CatalogueSheet.parse(CatalogueSheet.readCSV(bad), headerRows: 1)
        XCTAssertEqual(found.map(\.description), [
            "第2行“一级事项”：请填写一级事项", "第2行“公开时限”：请填写公开时限", "第2行“公开对象”：公开对象应为“全社会”或“特定群体”",
            "第4行“公开层级”：公开层级应为“县级”“乡级”之一或两者",
        ])
        let (_, header) = CatalogueSheet.parse([["序号", "名称"]], headerRows: 1)
        XCTAssertTrue(header.first?.message.contains("表头缺少") ?? false)
    }

    func testColumnNames() {
        XCTAssertEqual(XlsxSheet.columnName(0), "A")
        XCTAssertEqual(XlsxSheet.columnName(26), "AA")
        XCTAssertEqual(XlsxSheet.columnIndex("AB"), 27)
        XCTAssertNil(XlsxSheet.columnIndex("a1"))
    }
}
