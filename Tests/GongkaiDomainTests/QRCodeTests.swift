import Foundation
import XCTest
@testable import GongkaiDomain

/// Our QR encoder against a real decoder: every version from 1 to 10 (including 7+, which carry
/// version information) is written as an image and read back by zbarimg (zbar-tools).
final class QRCodeTests: XCTestCase {
    static var zbarimg: String? {
        ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The matrix as a plain PBM image, 4 pixels a module, with the quiet zone.
    func pbm(_ q: QRCode) -> Data {
        let scale = 4, full = (q.size + 8) * scale
        var text = "P1\n\(full) \(full)\n"
        for py in 0..<full {
            var row: [String] = []
            for px in 0..<full {
                let x = px / scale - 4, y = py / scale - 4
                row.append((0..<q.size).contains(x) && (0..<q.size).contains(y) && q.modules[y][x] ? "1" : "0")
            }
            text += row.joined(separator: " ") + "\n"
        }
        return Data(text.utf8)
    }

    func decode(_ q: QRCode) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        try pbm(q).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.zbarimg!)
        p.arguments = ["--raw", "-q", "-Sbinary", url.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var s = String(decoding: data, as: UTF8.self)
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    func testEveryVersionDecodesWithARealReader() throws {
        guard Self.zbarimg != nil else {
            if ProcessInfo.processInfo.environment["GONGKAI_TEST_REQUIRE_ZBAR"] != nil { return XCTFail("zbarimg (zbar-tools) is required here") }
            throw XCTSkip("zbarimg not installed")
        }
        // The most bytes each version holds at level M: the text fills it exactly, one byte more needs the next.
        let capacities = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789/-?=&")
        for (n, capacity) in capacities.enumerated() {
            let text = String((0..<capacity).map { alphabet[($0 * 7 + n) % alphabet.count] })
            let q = try XCTUnwrap(QRCode(text: text))
            XCTAssertEqual(q.version, n + 1)
            XCTAssertEqual(try decode(q), text, "version \(q.version), mask \(q.mask)")
            if n < 9 { XCTAssertEqual(QRCode(text: text + "x")?.version, n + 2) }
        }
        let chinese = "清溪县政务服务中心：一次告知单"
        XCTAssertEqual(try decode(try XCTUnwrap(QRCode(text: chinese))), chinese, "UTF-8 bytes")
    }

    func testCapacityAndStructure() throws {
        XCTAssertNil(QRCode(bytes: [UInt8](repeating: 65, count: 214)), "more than version 10-M holds")
        XCTAssertEqual(QRCode(bytes: [UInt8](repeating: 65, count: 14))?.version, 1, "version 1-M holds 14 bytes")
        XCTAssertEqual(QRCode(bytes: [UInt8](repeating: 65, count: 15))?.version, 2)
        let q = try XCTUnwrap(QRCode(text: "https://gk.example.gov.cn/"))
        XCTAssertEqual(q.size, 17 + 4 * q.version)
        XCTAssertEqual((0..<7).map { q.modules[0][$0] }, [true, true, true, true, true, true, true], "finder pattern")
        XCTAssertEqual(q.modules[q.size - 8][8], true, "the dark module")
        // Reed–Solomon: the remainder of a message with its own check bytes appended is zero.
        let message: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ec = QRCode.ReedSolomon.remainder(message, degree: 10)
        XCTAssertEqual(ec, [196, 35, 39, 119, 235, 215, 231, 226, 93, 23], "the standard's worked example (version 1-M, \"01234567\")")
        XCTAssertTrue(q.svg(label: "<页面>").contains("aria-label=\"&lt;页面&gt;\""))
    }
}
