import XCTest
@testable import GongkaiDomain

final class AnnualReportLayoutTests: XCTestCase {
    let format = AnnualReportFormat.forYear(2025)

    func testTablesHaveTheNationalShape() throws {
        let apps = ApplicationTable(year: 2025, cases: [
            .init(applicantKind: .naturalPerson, received: CivilDate(iso: "2025-03-01")!, decided: CivilDate(iso: "2025-03-20")!, outcome: .withheldStateSecret),
            .init(applicantKind: .legalServiceOrganisation, received: CivilDate(iso: "2025-12-30")!, decided: nil, outcome: nil),
        ])
        let grid3 = format.applicationGrid(apps)
        XCTAssertEqual(grid3.width, 10)
        let laid3 = try XCTUnwrap(grid3.layout(), "every row fits the 10 columns exactly")
        XCTAssertEqual(laid3.count, 28, "3 header rows, 一, 二, 22 rows of 三, 四")
        XCTAssertEqual(grid3.rows[5][0].text, "三、本年度办理结果")
        XCTAssertEqual(grid3.rows[5][0].rowspan, 22)
        // The 国家秘密 row: natural person 1, total 1.
        let secretRow = try XCTUnwrap(laid3.first { $0.contains { $0.cell.text == "1.属于国家秘密" } })
        XCTAssertEqual(secretRow[3].cell.text, "1")
        XCTAssertEqual(secretRow[9].cell.text, "1")
        XCTAssertEqual(laid3.last![0].cell.text, "四、结转下年度继续办理")
        XCTAssertEqual(laid3.last![7].cell.text, "1", "法律服务机构 column carries one case forward")

        let grid2 = format.proactiveGrid(ProactiveTable(year: 2025, policies: [], entered: .init(feesYuan: 15_000)))
        XCTAssertNotNil(grid2.layout())
        XCTAssertEqual(grid2.rows.last?.last?.text, "1.5")
        let grid4 = format.reviewGrid(ReviewTable(year: 2025, records: []))
        XCTAssertEqual(grid4.width, 15)
        XCTAssertEqual(try XCTUnwrap(grid4.layout()).last?.count, 15)
    }

    func testMisshapenGridsAreDetected() {
        XCTAssertNil(ReportGrid(rows: [[.init("a"), .init("b")], [.init("c", colspan: 3)]]).layout())
        XCTAssertNil(ReportGrid(rows: [[.init("a", rowspan: 3), .init("b")], [.init("c")]]).layout())
    }

    func testTheReportAsDocxKeepsTextAndMergedCells() throws {
        let blocks = format.blocks(overview: "2025年，本机关认真贯彻条例。\n第二段。", proactive: ProactiveTable(year: 2025, policies: [], entered: .init()),
                                   applications: ApplicationTable(year: 2025, cases: []), reviews: ReviewTable(year: 2025, records: []),
                                   problems: "问题与改进。", other: "本年度未收取信息处理费。")
        let docx = DocxWriter.write(title: "清溪县民政局2025年政府信息公开工作年度报告", blocks: blocks, issuer: "清溪县民政局", date: "2026年1月20日")
        // Its text read back: GongkaiFormatsTests (OfficeTextTests).
        let xml = DocxWriter.reportXML(title: "t", blocks: blocks, issuer: "i", date: "d")
        XCTAssertTrue(xml.contains("<w:gridSpan w:val=\"7\"/>"))
        XCTAssertTrue(xml.contains("<w:vMerge w:val=\"restart\"/>"))
        XCTAssertEqual(AttachmentType.detect(docx), .docx)
    }
}
