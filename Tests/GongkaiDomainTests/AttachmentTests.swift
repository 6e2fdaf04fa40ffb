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

    func testMultipartBodies() throws {
        let boundary = "----gk1234"
        XCTAssertEqual(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\(boundary)"), boundary)
        XCTAssertEqual(MultipartForm.boundary(fromContentType: "multipart/form-data; charset=utf-8; boundary=\"\(boundary)\""), boundary)
        XCTAssertNil(MultipartForm.boundary(fromContentType: "application/x-www-form-urlencoded"))
        var body: [UInt8] = []
        func add(_ s: String) { body += Array(s.utf8) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n名单\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"低保\\\"名单.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
        body += [0x25, 0x50, 0x44, 0x46, 0x0D, 0x0A, 0x2D, 0x2D, 0x00, 0xFF]  // binary, with CRLF and dashes inside
        add("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n")
        add("--\(boundary)--\r\n")
        let form = try XCTUnwrap(MultipartForm(body: body, boundary: boundary))
        XCTAssertEqual(form.fields["_csrf"], ["tok"])
        XCTAssertEqual(form.fields["title"], ["名单"])
        XCTAssertEqual(form.files.count, 1, "an empty file input is no file")
        XCTAssertEqual(form.files[0].filename, "低保\"名单.pdf")
        XCTAssertEqual(form.files[0].data, [0x25, 0x50, 0x44, 0x46, 0x0D, 0x0A, 0x2D, 0x2D, 0x00, 0xFF])
        XCTAssertNil(MultipartForm(body: Array("garbage".utf8), boundary: boundary))
        XCTAssertNil(MultipartForm(body: Array("--\(boundary)\r\nno headers end".utf8), boundary: boundary))
    }
}
