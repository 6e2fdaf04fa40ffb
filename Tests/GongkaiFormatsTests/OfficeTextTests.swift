import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiFormats

final class OfficeTextTests: XCTestCase {
    func testOfficeTexts() throws {
        let docx = DocxWriter.write(FormalDocument(title: "低保名单", paragraphs: [.init("联系人李四，电话13912345678"), .init("第二段 & 结束")],
                                                   issuer: "测试县民政局", date: "2026年11月2日"))
        let text = try XCTUnwrap(OfficeText.docx(docx))
        XCTAssertTrue(text.contains("联系人李四，电话13912345678\n"), text)
        XCTAssertTrue(text.contains("第二段 & 结束\n"), text)
        XCTAssertNil(OfficeText.docx(Array("not a zip".utf8)))

        var xlsx = ZipWriter()
        xlsx.add("xl/workbook.xml", text: "<workbook/>")
        xlsx.add("xl/sharedStrings.xml", text: "<sst><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>王五</t></si><si><r><t>11010519491231</t></r><r><t>002X</t></r></si></sst>")
        xlsx.add("xl/worksheets/sheet1.xml", text: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c><c r=\"C2\"><v>13812345678</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>备注</t></is></c></row></sheetData></worksheet>")
        let sheet = try XCTUnwrap(OfficeText.xlsx(xlsx.finish()))
        XCTAssertEqual(sheet, "姓名\t身份证号\n王五\t11010519491231002X\t13812345678\t备注")
        let found = PersonalDataScanner().scan(sheet, source: "附件").map(\.kind)
        XCTAssertEqual(found, [.idNumber, .mobileNumber])
    }

    func testTheAnnualReportAsDocxKeepsItsText() throws {
        let format = AnnualReportFormat.forYear(2025)
        let blocks = format.blocks(overview: "2025年，本机关认真贯彻条例。\n第二段。", proactive: ProactiveTable(year: 2025, policies: [], entered: .init()),
                                   applications: ApplicationTable(year: 2025, cases: []), reviews: ReviewTable(year: 2025, records: []),
                                   problems: "问题与改进。", other: "本年度未收取信息处理费。")
        let docx = DocxWriter.write(title: "清溪县民政局2025年政府信息公开工作年度报告", blocks: blocks, issuer: "清溪县民政局", date: "2026年1月20日")
        let text = try XCTUnwrap(OfficeText.docx(docx))
        for h in AnnualReportFormat.sectionHeadings { XCTAssertTrue(text.contains(h), h) }
        XCTAssertTrue(text.contains("本年度未收取信息处理费。"))
    }

    func docx(_ body: String) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("word/document.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>")
        return zip.finish()
    }

    func testParagraphsTabsAndBreaks() {
        let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>姓名</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> 张三 </w:t></w:r>"
            + "<w:r><w:br/><w:t>第二行</w:t></w:r></w:p><w:p/><w:p><w:r><w:delText>删去</w:delText><w:instrText>PAGE</w:instrText><w:t>&#24207;&#x53F7;&amp;&lt;</w:t></w:r></w:p>"
        XCTAssertEqual(OfficeText.docx(docx(body)), "姓名\t 张三 \n第二行\n\n序号&<\n", "tab stops are no tabs; deleted text and field codes are left out")
        // Another prefix for the same namespace, or text in CDATA.
        var zip = ZipWriter()
        zip.add("word/document.xml", text: "<x:document xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><x:body><x:p><x:r><x:t><![CDATA[a<b]]></x:t></x:r></x:p></x:body></x:document>")
        XCTAssertEqual(OfficeText.docx(zip.finish()), "a<b\n")
    }

    func testMalformedXMLIsRefused() {
        XCTAssertNil(OfficeText.docx(docx("<w:p><w:r><w:t>未闭合</w:r></w:p>")))
        XCTAssertNil(OfficeText.docx(docx("<w:p><w:r><w:t>&nosuchentity;</w:t></w:r></w:p>")))
        var zip = ZipWriter()
        zip.add("xl/worksheets/sheet1.xml", text: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        XCTAssertNil(OfficeText.xlsx(zip.finish()))
        var shared = ZipWriter()
        shared.add("xl/sharedStrings.xml", text: "<sst><si><t>a</si></sst>")
        shared.add("xl/worksheets/sheet1.xml", text: "<worksheet/>")
        XCTAssertNil(OfficeText.xlsx(shared.finish()))
    }

    /// Nothing outside the part is read: an external entity is neither loaded nor left as text.
    func testNoExternalEntities() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-xxe-\(UUID().uuidString).txt")
        try "机密13812345678".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        var zip = ZipWriter()
        zip.add("word/document.xml", text: "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"\(secret.absoluteString)\">]>"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
        let text = OfficeText.docx(zip.finish())
        XCTAssertFalse(text?.contains("13812345678") ?? false)
        // Entities that expand to billions of characters are stopped by the parser.
        var lol = "<!DOCTYPE w:document [<!ENTITY l0 \"lollollollol\">"
        for i in 1...9 { lol += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        var bomb = ZipWriter()
        bomb.add("word/document.xml", text: lol + "]><w:document xmlns:w=\"urn:w\"><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:document>")
        let expanded = OfficeText.docx(bomb.finish())
        XCTAssertLessThan(expanded?.count ?? 0, 1_000_000)
    }

    /// openpyxl writes every CJK character as a numeric character reference (`&#24207;`); the
    /// XML parser decodes them, in inline strings, shared strings and values alike.
    func testCharacterReferencesAsOtherProgramsWriteThem() throws {
        var zip = ZipWriter()
        zip.add("xl/sharedStrings.xml", text: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&#24207;&#21495; &amp; &#x4E00;</t></si>"
            + "<si><r><t>&#22995;</t></r><r><t>&#21517;</t></r><rPh sb=\"0\" eb=\"1\"><t>XingMing</t></rPh></si></sst>")
        zip.add("xl/worksheets/sheet1.xml", text: "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
            + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>&#29579;&#20116;</t></is></c><c r=\"D1\" t=\"str\"><f>A1</f><v>&#24207;</v></c></row></sheetData></worksheet>")
        let bytes = zip.finish()
        XCTAssertEqual(OfficeText.xlsx(bytes), "序号 & 一\t姓名\t王五\t序")
        XCTAssertEqual(XlsxReader.read(bytes), [["序号 & 一", "姓名", "王五", "序"]])
    }

    /// Files written by python-docx and openpyxl (deflated parts, their own namespaces and
    /// character references), when python3 has them.
    func testFilesWrittenByPythonDocxAndOpenpyxl() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalogue = CatalogueSheet.xlsx(XlsxReaderTests.sample(), title: "社会救助")
        try Data(catalogue).write(to: folder.appendingPathComponent("ours.xlsx"))
        let script = """
            import sys, docx, openpyxl
            d = docx.Document()
            p = d.add_paragraph("联系人张三，电话13812345678")
            p.add_run().add_tab()
            p.add_run("续")
            p.add_run().add_break()
            p.add_run("第二行")
            d.add_paragraph("第二段 & <结束>")
            d.save(sys.argv[1] + "/python.docx")
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["序号", "姓名", "身份证号"])
            ws.append([1, "王五", "11010519491231002X"])
            ws["E3"] = 3.5
            ws["B4"] = "a & b"
            wb.create_sheet("第二页")["A1"] = "另一页"
            wb.save(sys.argv[1] + "/python.xlsx")
            book = openpyxl.load_workbook(sys.argv[1] + "/ours.xlsx")
            book.save(sys.argv[1] + "/resaved.xlsx")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw XCTSkip("python3 is not available") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("python-docx or openpyxl is not installed") }
        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

        let word = try read("python.docx")
        XCTAssertEqual(AttachmentType.detect(word), .docx)
        XCTAssertEqual(OfficeText.docx(word), "联系人张三，电话13812345678\t续\n第二行\n第二段 & <结束>\n")
        let excel = try read("python.xlsx")
        XCTAssertEqual(AttachmentType.detect(excel), .xlsx)
        XCTAssertEqual(OfficeText.xlsx(excel), "序号\t姓名\t身份证号\n1\t王五\t11010519491231002X\n3.5\na & b\n另一页")
        XCTAssertEqual(XlsxReader.read(excel), [["序号", "姓名", "身份证号"], ["1", "王五", "11010519491231002X"], ["", "", "", "", "3.5"], ["", "a & b"]])
        // Our export, opened and saved again by openpyxl, imports back unchanged.
        let resaved = try XCTUnwrap(XlsxReader.read(try read("resaved.xlsx")))
        let (rows, problems) = CatalogueSheet.parse(resaved, headerRows: 2)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows, XlsxReaderTests.sample())
    }
}
