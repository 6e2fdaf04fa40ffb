import XCTest
@testable import GongkaiDomain

final class DocumentTests: XCTestCase {
    /// Reads a stored-entry ZIP back through its central directory, checking every CRC.
    static func unzip(_ b: [UInt8]) throws -> [String: [UInt8]] {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        let eocd = b.count - 22
        XCTAssertEqual(u32(eocd), 0x0605_4b50)
        var p = u32(eocd + 16)
        var out: [String: [UInt8]] = [:]
        for _ in 0..<u16(eocd + 10) {
            XCTAssertEqual(u32(p), 0x0201_4b50)
            let crc = UInt32(u32(p + 16)), size = u32(p + 20), nameLen = u16(p + 28), offset = u32(p + 42)
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            let localName = u16(offset + 26), extra = u16(offset + 28)
            let start = offset + 30 + localName + extra
            let data = Array(b[start..<(start + size)])
            XCTAssertEqual(CRC32.checksum(data), crc, name)
            out[name] = data
            p += 46 + nameLen
        }
        return out
    }

    func testCRC32KnownVector() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
    }

    func testDocxPackageHoldsTheTextEscapedAndTheTable() throws {
        let doc = FormalDocument(title: "测试告知书", number: "登记编号：1-2026-00001", addressee: "王芳：",
                                 paragraphs: [.init("第一段 <含有> & “符号”"), .init("小标题", style: .heading)],
                                 table: [["项目", "数量"], ["申请", "3"]], issuer: "测试县民政局", date: "2026年11月21日")
        let files = try Self.unzip(DocxWriter.write(doc))
        XCTAssertEqual(Set(files.keys), ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"])
        let xml = String(decoding: files["word/document.xml"]!, as: UTF8.self)
        XCTAssertTrue(xml.contains("第一段 &lt;含有&gt; &amp; “符号”"))
        XCTAssertTrue(xml.contains("<w:tbl>"))
        XCTAssertTrue(xml.contains("w:w=\"11906\" w:h=\"16838\""), "A4")
        XCTAssertEqual(DocxWriter.write(doc), DocxWriter.write(doc), "reproducible output")
        XCTAssertTrue(doc.plainText.contains("申请\t3"))
    }

    func testRepliesFollowTheOutcome() {
        let c = ReplyLetters.Case(organisationName: "清溪县民政局", organisationShortName: "县民政局", registrationNumber: "16-2026-00001",
                                  applicantName: "王芳", isOrganisation: false, description: "2025年低保资金发放情况",
                                  receiptDate: CivilDate(iso: "2026-09-28"), submittedOn: CivilDate(iso: "2026-09-27")!, contact: "0832-5550216")
        let letters = ReplyLetters(c)
        let day = CivilDate(iso: "2026-10-20")!
        let secret = letters.reply(outcome: .withheldStateSecret, issuedOn: day, reason: "该信息经依法确定为国家秘密")
        XCTAssertTrue(secret.plainText.contains("2026年9月28日收到您提出的政府信息公开申请"))
        XCTAssertTrue(secret.plainText.contains("第十四条"))
        XCTAssertTrue(secret.plainText.contains("行政复议"))
        let other = letters.reply(outcome: .unavailableNotHeld, issuedOn: day, reason: "", notHeld: .notThisOrgan,
                                  responsibleOrgan: "清溪县财政局（0832-5550206）")
        XCTAssertTrue(other.plainText.contains("由清溪县财政局（0832-5550206）负责公开，您可向其咨询或申请"))
        XCTAssertTrue(other.plainText.contains("不属于本机关负责公开"))
        XCTAssertTrue(other.plainText.contains("第三十六条第（五）项"))
        XCTAssertFalse(other.plainText.contains("不存在"))
        let open = letters.reply(outcome: .disclosed, issuedOn: day, reason: "")
        XCTAssertFalse(open.plainText.contains("行政复议"))
        let ext = letters.extensionNotice(issuedOn: day, workingDays: 20, newDueDate: CivilDate(iso: "2026-11-27")!, reason: "需要调取档案")
        XCTAssertTrue(ext.plainText.contains("延长20个工作日，最迟于2026年11月27日前"))
        for outcome in ReplyOutcome.allCases {
            let d = letters.reply(outcome: outcome, issuedOn: day, reason: "理由")
            XCTAssertEqual(d.title, "政府信息公开申请答复告知书")
            XCTAssertGreaterThanOrEqual(d.paragraphs.count, 3, outcome.rawValue)
        }
    }
}
