import Foundation
import XCTest
@testable import GongkaiFormats

final class MultipartFormTests: XCTestCase {
    func testBoundaryFromTheContentType() {
        let boundary = "----gk1234"
        XCTAssertEqual(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\(boundary)"), boundary)
        XCTAssertEqual(MultipartForm.boundary(fromContentType: "multipart/form-data; charset=utf-8; boundary=\"\(boundary)\""), boundary)
        XCTAssertNil(MultipartForm.boundary(fromContentType: "application/x-www-form-urlencoded"))
        XCTAssertNil(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)))
        XCTAssertNil(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary="))
    }

    func testFieldsAndFiles() throws {
        let boundary = "----gk1234"
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
        XCTAssertEqual(form.files[0].field, "file")
        XCTAssertEqual(form.files[0].filename, "低保\"名单.pdf")
        XCTAssertEqual(form.files[0].contentType, "application/pdf")
        XCTAssertEqual(form.files[0].data, [0x25, 0x50, 0x44, 0x46, 0x0D, 0x0A, 0x2D, 0x2D, 0x00, 0xFF])
        XCTAssertNil(MultipartForm(body: Array("garbage".utf8), boundary: boundary))
        XCTAssertNil(MultipartForm(body: Array("--\(boundary)\r\nno headers end".utf8), boundary: boundary))
    }

    func testRepeatedFieldsAndAnEmptyForm() throws {
        let body = Array("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--B--\r\n".utf8)
        XCTAssertEqual(MultipartForm(body: body, boundary: "B")?.fields["a"], ["1", "2"])
        let empty = try XCTUnwrap(MultipartForm(body: Array("--B--\r\n".utf8), boundary: "B"))
        XCTAssertEqual(empty.fields, [:])
        XCTAssertEqual(empty.files, [])
    }

    /// A file larger than the pieces the body is parsed in, full of near-delimiters.
    func testLargeFileAcrossChunks() throws {
        var data: [UInt8] = []
        for i in 0..<(3 * MultipartForm.chunkSize) {
            data.append(UInt8(truncatingIfNeeded: i &* 31))
            if i % 997 == 0 { data += Array("\r\n--By\r\n-\r".utf8) }
        }
        var body = Array("--Bx\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n".utf8)
        body += data
        body += Array("\r\n--Bx--\r\n".utf8)
        let form = try XCTUnwrap(MultipartForm(body: body, boundary: "Bx"))
        XCTAssertEqual(form.files.first?.data, data)
    }

    func testBodiesThatEndBeforeTheClosingDelimiter() {
        let part = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"
        XCTAssertNotNil(MultipartForm(body: Array((part + "\r\n--B--").utf8), boundary: "B"))
        for truncated in [part, part + "\r\n", part + "\r\n--B", part + "\r\n--B\r\n", part + "\r\n--B-",
                          part + "\r\n--B\r\nContent-Disposition: form-data; name=\"b\"\r\n",
                          "--B\r\nContent-Disposition: form-data; name=\"a\"", "--B\r\n", "--B"] {
            XCTAssertNil(MultipartForm(body: Array(truncated.utf8), boundary: "B"), truncated)
        }
        // One dash is not a closing delimiter.
        XCTAssertNil(MultipartForm(body: Array((part + "\r\n--B-x\r\n").utf8), boundary: "B"))
        // A part without a name.
        XCTAssertNil(MultipartForm(body: Array("--B\r\nContent-Type: text/plain\r\n\r\n1\r\n--B--".utf8), boundary: "B"))
    }

    /// Found by the fuzzer (fuzz/corpus/multipart/crash-header-name-byte): multipart-kit 4.7.1
    /// traps on a byte of 0x80 or above where it reads a header name.
    func testBytesAbove0x7FWhereAHeaderNameIsRead() {
        let finding = Array(Data(base64Encoded: "LS0tbnRlbnQtRGlzcG9zaXRpb246IGZvcm0KLS1naw0K9ENvbnRlbnQtRGlzcG9zaXRpb246IGZvcm0KLS0tFi0tbWd1aw0KQxJ0aQ==")!)
        let body = Array(finding[(finding.firstIndex(of: 0x0A)! + 1)...])
        XCTAssertNil(MultipartForm(body: body, boundary: "gk"))
        XCTAssertNil(MultipartForm(body: Array("--B\r\n".utf8) + [0xE5, 0x90, 0x8D] + Array(": x\r\n\r\n1\r\n--B--".utf8), boundary: "B"))
        XCTAssertNil(MultipartForm(body: Array("--B\r\nContent-Disposition: form-data; name=\"a\"\r\nX\u{80}: 1\r\n\r\n1\r\n--B--".utf8), boundary: "B"))
        // In header values (a Chinese file name), in bodies and in the preamble they are data.
        let fine = Array("前言\r\n--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"名单.pdf\"\r\n\r\n".utf8) + [0xFF, 0x80, 0x0D, 0x0A, 0xC3]
            + Array("\r\n--B--\r\n".utf8)
        let form = MultipartForm(body: fine, boundary: "B")
        XCTAssertEqual(form?.files.first?.filename, "名单.pdf")
        XCTAssertEqual(form?.files.first?.data, [0xFF, 0x80, 0x0D, 0x0A, 0xC3])
        // A boundary outside RFC 2046's characters is refused before any parsing.
        XCTAssertNil(MultipartForm(body: Array("--名\r\n".utf8), boundary: "名"))
        XCTAssertNil(MultipartForm(body: Array("--a\"b--".utf8), boundary: "a\"b"))
    }

    // MARK: Hostile bodies (issue 12, item 2)

    func testHeaderParametersInOnePass() {
        let line = "Content-Disposition: form-data; name=\"attachment\"; filename=\"a;b\\\"c.pdf\""
        XCTAssertEqual(MultipartForm.parameter("name", in: line), "attachment")
        XCTAssertEqual(MultipartForm.parameter("filename", in: line), "a;b\"c.pdf")
        XCTAssertEqual(MultipartForm.parameter("name", in: "Content-Disposition: form-data; NAME=x"), "x")
        XCTAssertNil(MultipartForm.parameter("name", in: "Content-Disposition: form-data; filename=\"a\""))
        // 32,000 separators took minutes with the old per-';' copying; one pass finds the name.
        let hostile = "Content-Disposition: form-data" + String(repeating: ";", count: 32_000) + "; name=\"x\""
        XCTAssertEqual(MultipartForm.parameter("name", in: hostile), "x")
    }

    func testHostileMultipartBodiesAreRefused() {
        let b = "B"
        func body(_ parts: [String]) -> [UInt8] { Array((parts.map { "--\(b)\r\n\($0)\r\n" }.joined() + "--\(b)--\r\n").utf8) }
        let ok = body(["Content-Disposition: form-data; name=\"a\"\r\n\r\n1"])
        XCTAssertEqual(MultipartForm(body: ok, boundary: b)?.fields["a"], ["1"])
        // A header block beyond the limit.
        let longHeader = body(["Content-Disposition: form-data; name=\"a\"" + String(repeating: ";", count: MultipartForm.maxHeaderBytes) + "\r\n\r\n1"])
        XCTAssertNil(MultipartForm(body: longHeader, boundary: b))
        let manyHeaders = body([String(repeating: "X-A: b\r\n", count: MultipartForm.maxHeaderBytes / 8) + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1"])
        XCTAssertNil(MultipartForm(body: manyHeaders, boundary: b))
        // Too many parts; as many as allowed are fine.
        let many = body((0...MultipartForm.maxParts).map { "Content-Disposition: form-data; name=\"f\($0)\"\r\n\r\nx" })
        XCTAssertNil(MultipartForm(body: many, boundary: b))
        let most = body((1...MultipartForm.maxParts).map { "Content-Disposition: form-data; name=\"f\($0)\"\r\n\r\nx" })
        XCTAssertEqual(MultipartForm(body: most, boundary: b)?.fields.count, MultipartForm.maxParts)
        // A text field over its limit; a file of that size is fine.
        let big = body(["Content-Disposition: form-data; name=\"a\"\r\n\r\n" + String(repeating: "x", count: MultipartForm.maxFieldBytes + 1)])
        XCTAssertNil(MultipartForm(body: big, boundary: b))
        let justFits = body(["Content-Disposition: form-data; name=\"a\"\r\n\r\n" + String(repeating: "x", count: MultipartForm.maxFieldBytes)])
        XCTAssertEqual(MultipartForm(body: justFits, boundary: b)?.fields["a"]?.first?.count, MultipartForm.maxFieldBytes)
        let bigFile = body(["Content-Disposition: form-data; name=\"a\"; filename=\"a.txt\"\r\n\r\n" + String(repeating: "x", count: MultipartForm.maxFieldBytes + 1)])
        XCTAssertEqual(MultipartForm(body: bigFile, boundary: b)?.files.first?.data.count, MultipartForm.maxFieldBytes + 1)
    }
}
