import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiFormats

final class XlsxReaderTests: XCTestCase {
    static func sample() -> [CatalogueRow] {
        var a = CatalogueRow()
        a.level1 = "最低生活保障"; a.level2 = "审批信息"; a.content = "低保对象名单及相关信息"; a.basis = "《社会救助暂行办法》"
        a.timeLimit = "10个工作日内"; a.subject = "县民政局、乡镇人民政府（街道办事处）"; a.channels = ["社区/企事业单位/村公示栏（电子屏）", "政府网站"]
        a.levels = ["县级", "乡级"]
        var b = CatalogueRow()
        b.level1 = "综合业务"; b.content = "投诉举报电话，\"地址\""; b.subject = "县民政局"; b.channels = ["政府网站"]
        return [a, b]
    }

    func testXlsxRoundTrip() throws {
        let bytes = CatalogueSheet.xlsx(Self.sample(), title: "社会救助")
        XCTAssertEqual(AttachmentType.detect(bytes), .xlsx)
        let table = try XCTUnwrap(XlsxReader.read(bytes))
        XCTAssertEqual(table[0][1], "公开事项")
        XCTAssertEqual(table[1][2], "二级事项")
        let (rows, problems) = CatalogueSheet.parse(table, headerRows: 2)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows, Self.sample())
    }

    func workbook(_ sheets: [String: String], shared: [String] = []) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("xl/workbook.xml", text: "<workbook/>")
        if !shared.isEmpty {
            zip.add("xl/sharedStrings.xml", text: "<sst>" + shared.map { "<si><t>\(XMLText.escape($0))</t></si>" }.joined() + "</sst>")
        }
        for (name, cells) in sheets.sorted(by: { $0.key < $1.key }) {
            zip.add("xl/worksheets/\(name).xml", text: "<worksheet><sheetData>\(cells)</sheetData></worksheet>")
        }
        return zip.finish()
    }

    func testCellsAtTheirPlaces() {
        let cells = "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"D2\"><v>3.25</v></c><c r=\"E2\" s=\"1\"/></row>"
            + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>内联</t></is></c><c t=\"b\"><v>1</v></c><c><v>next</v></c></row>"
            + "<row><c r=\"C5\" t=\"s\"><v>99</v></c></row>"
        let bytes = workbook(["sheet1": cells, "sheet2": "<row r=\"1\"><c r=\"A1\"><v>第二页</v></c></row>"], shared: ["甲", "乙"])
        XCTAssertEqual(XlsxReader.read(bytes), [[], ["", "乙", "", "3.25"], [], ["内联", "1", "next"], ["", "", "99"]],
                       "the first sheet; a cell without a value adds nothing; one without a reference follows the previous")
        XCTAssertEqual(OfficeText.xlsx(bytes), "乙\t3.25\n内联\t1\tnext\n99\n第二页")
        XCTAssertEqual(XlsxReader.read(workbook(["sheet1": ""])), [])
        XCTAssertNil(XlsxReader.read(workbook([:])), "a workbook without sheets")
        XCTAssertNil(XlsxReader.read(Array("PK not a zip".utf8)))
    }

    /// `sheet10.xml` sorts before `sheet2.xml`; `sheet1.xml` is first either way.
    func testTheFirstSheetByPartName() {
        let bytes = workbook(["sheet2": "<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>", "sheet10": "<row r=\"1\"><c r=\"A1\"><v>10</v></c></row>",
                              "sheet1": "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"])
        XCTAssertEqual(XlsxReader.read(bytes), [["1"]])
    }

    func testReferencesBeyondExcelAndSparseGiantsAreRefused() {
        XCTAssertEqual(XlsxReader.read(workbook(["sheet1": "<row r=\"1\"><c r=\"XFD1\"><v>x</v></c></row>"]))?.first?.count, 16_384)
        for bad in ["XFE1", "A0", "A1048577", "ZZZZZZZZZZZZZZ1", "1A", "A", "Ａ1"] {
            XCTAssertNil(XlsxReader.read(workbook(["sheet1": "<row r=\"1\"><c r=\"\(bad)\"><v>x</v></c></row>"])), bad)
        }
        XCTAssertNil(XlsxReader.read(workbook(["sheet1": "<row r=\"0\"><c><v>x</v></c></row>"])))
        // A few cells far apart would be a table of billions of empty strings.
        let sparse = (1...100).map { "<row r=\"\($0 * 10_000)\"><c r=\"XFD\($0 * 10_000)\"><v>x</v></c></row>" }.joined()
        XCTAssertNil(XlsxReader.read(workbook(["sheet1": sparse])))
        XCTAssertNotNil(OfficeText.xlsx(workbook(["sheet1": sparse])), "the text of the same sheet is just its values")
    }
}
