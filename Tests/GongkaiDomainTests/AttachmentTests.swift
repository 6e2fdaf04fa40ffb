import XCTest
@testable import GongkaiDomain

final class AttachmentTests: XCTestCase {
    func testTypesAreRecognisedByContent() {
        let docx = DocxWriter.write(FormalDocument(title: "标题", paragraphs: [.init("正文")], issuer: "机关", date: "2026年11月2日"))
        XCTAssertEqual(AttachmentType.detect(docx), .docx)
        var xlsx = ZipWriter()
        xlsx.add("[Content_Types].xml", text: "<Types/>")
        xlsx.add("xl/workbook.xml", text: "<workbook/>")
        XCTAssertEqual(AttachmentType.detect(xlsx.finish()), .xlsx)
        var other = ZipWriter()
        other.add("evil.exe", text: "MZ")
        XCTAssertNil(AttachmentType.detect(other.finish()), "a zip that is neither DOCX nor XLSX")
        XCTAssertEqual(AttachmentType.detect(Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)), .pdf)
        // HTML behind a PDF header, a header alone, or no trailer: refused.
        XCTAssertNil(AttachmentType.detect(Array("%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF".utf8)))
        XCTAssertNil(AttachmentType.detect(Array("%PDF-1.7\n<svg onload=alert(1)>\n%%EOF".utf8)))
        XCTAssertNil(AttachmentType.detect(Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".utf8)))
        XCTAssertNil(AttachmentType.detect(Array("%PDF-x.7\n1 0 obj\n%%EOF".utf8)))
        XCTAssertEqual(AttachmentType.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), .png)
        XCTAssertEqual(AttachmentType.detect([0xFF, 0xD8, 0xFF, 0xE0]), .jpeg)
        XCTAssertEqual(AttachmentType.detect(Array("GIF89a".utf8)), .gif)
        XCTAssertNil(AttachmentType.detect(Array("<html><script>alert(1)</script>".utf8)), "HTML named .pdf is refused")
        XCTAssertNil(AttachmentType.detect([0x4D, 0x5A, 0x90, 0x00]), "executables")
        XCTAssertNil(AttachmentType.detect([0xD0, 0xCF, 0x11, 0xE0]), "old binary .doc")
        XCTAssertNil(AttachmentType.detect([]))
    }

    func testSafeDownloadNames() {
        XCTAssertEqual(AttachmentType.safeName("关于低保的通知.PDF", type: .pdf), "关于低保的通知.pdf")
        XCTAssertEqual(AttachmentType.safeName("../../etc/passwd", type: .pdf), "passwd.pdf")
        XCTAssertEqual(AttachmentType.safeName("C:\\Users\\x\\名单.xlsx", type: .xlsx), "名单.xlsx")
        XCTAssertEqual(AttachmentType.safeName("a\"b;c\r\n.docx", type: .docx), "abc.docx")
        XCTAssertEqual(AttachmentType.safeName("报告.exe", type: .pdf), "报告.pdf", "the extension follows the content")
        XCTAssertEqual(AttachmentType.safeName("", type: .png), "附件.png")
        XCTAssertEqual(AttachmentType.safeName(String(repeating: "长", count: 200) + ".pdf", type: .pdf).count, 84)
    }

    // Multipart bodies: GongkaiFormatsTests (MultipartFormTests).
}
