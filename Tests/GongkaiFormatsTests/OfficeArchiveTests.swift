import Foundation
import GongkaiDomain
import XCTest
@testable import GongkaiFormats

/// Reading the parts of an office file (ZIPFoundation behind our checks): the budget, the
/// refusals, and what ZIPFoundation on its own would crash or hang on.
final class OfficeArchiveTests: XCTestCase {
    /// Raw DEFLATE streams made by zlib (wbits -15) at levels 0 and 9, and a longer one that zlib
    /// codes with dynamic Huffman tables.
    static let stored = "AREA7v/nlLXor50xMzgxMjM0NTY3OA=="
    static let fixed = "ez5l64v1cw2NLQyNjE1MzcwtAA=="
    static let dynamic = "7ZhJbkPNeUXnWY1/20nsnWQ5r+/7jr0kkuo7iqIovv4tJt9BPPMWIu8iATQtFM6gUBcX98gQybTh0PzjuCUJCct/9kv6G6ndf/bBP9oX6YZ/HFTiyx9//OmPP/37H3//69//+PNf/vjTn/78Xz8X/qc4/+Ow+eMvf/s5++u//8d//u2/Fe3f5Jf5y/xl/jJ/mb/MX+Yv85f5y/xl/jL/PzJrRWpb6kjqUuq11Hupn6U+Sl1LPUljSRNKU0izkmYnzZM0H9JcpBmlNaUNpM2lXUq7lfZR2oO039IO0hnS+dJl0i2ku5HuQbp36c7S9dLr0nvSp9LPpb+W/l76N+m/pO9k0GRwZUhkmMlwJcOdDK8ynGRoZVRldGSMZaxk3Mh4K+OLjJ8yNjIpMtky/bxMKdNapr1MzzIdZaplmlAslBClQFmh7FCeUD5QLigjqokaoOaoS9Qt6iPqAfUbdUAz0Hy0DG2BdoP2gPaOdkbr0XV0Dz1Fn6Nfo9+jv6F/oXcYGoaLkWDMMK4w7jBeMU4YLaaK6WDGmBXmBvMW8wXzE7PBUrBsrAirxFpj7bGesY5YNdaEbWGH2AX2CnuH/YT9gX3BHnFMnAAnx1nibHEecQ443zgDroHr42a4C9wb3Afcd9wzbo+n43l4Kd4c7xrvHu8N7wuvw9fwXfwEf4Z/hX+H/4p/wm8JVAKHICaoCDYEtwQvBJ8EDaFCaBNGP7+RcE24J3wmPBLWhBORRRQSFUQroh3RE9EH0YVoJDaJA+KceEm8JX4kPhB/Ew8kBolPkpEsSG5IHkjeSc4kPalO6pGmpHPSa9J70jfSL9KOTCNzyRKyGdkV2R3ZK9mJrCVXyR3ymLwi35Dfkr+Qf5I3FAqFTRFRlBRrij3FM8WRoqaYKC3KkLKgXFHuKJ8oPygvlCOVSRVQ5VRLqi3VI9WB6ptqYGYw86XWfoIpdSL1TOorqe+kfpX6JHUrjSqNI00sTSXNRppbaV6k+ZSmkVaR1pY2kraUdi3tXtpnaY/S1tJO0lnShdIV0q2k20n3JN2HdBfpRulN6QPpc+mX0m+lf5T+IP239IMMhgy+DJkMCxluZHiQ4V2Gswy9jLqMnoypjHMZr2W8l/FNxi8ZO5k0mVyZEplmMl3JdCfTq0wnmVoUFcVBiVEqlA3KLcoLyidKg6qg2qgRaom6Rt2jPqMeUWvUCc1CC9EKtBXaDu0J7QPtgjaim+gBeo6+RN+iP6If0L/RBwwDw8fIMBYYNxgPGO8YZ4weU8f0MFPMOeY15j3mG+YXZoelYblYCdYM6wrrDusV64TVYqvYDnaMXWFvsG+xX7A/sRscBcfGiXBKnDXOHucZ54hT40y4Fm6IW+CucHe4T7gfuBfcEc/EC/ByvCXeFu8R74D3jTfgG/g+foa/wL/Bf8B/xz/j9wQ6gUeQEswJrgnuCd4Ivgg6Qo3QJUwIZ4RXhHeEr4QnwpZIJXKIYqKKaEN0S/RC9EnUECvENnFEXBKviffEz8RH4pp4IrH+VRxJQbIi2ZE8kXyQXEhGUpM0IM1Jl6Rb0kfSA+k36UBmkPlkGdmC7Ibsgeyd7EzWk+vkHnlKPie/Jr8nfyP/Iu8oNAqXIqGYUVxR3FG8UpwoWkqV0qGMKSvKDeUt5QvlJ2VDpVDZVBFVSbWm2lM9Ux2paqqJmcUslNqQ+idfmdQLqX/q70Hqd6nPUvfS6NJ40qTSzKW5luZemjdpvqTppNWkdaVNpJ1JeyXtnbSv0p6kbaVTpXOki6WrpNtIdyvdT5l+StdIr0hvSx9JX0q/ln4v/bP0R+lr6ScZLBlCGQoZVjLsZHiS4UOGiwyjjKaMgYy5jEsZtzI+yniQ8VvGQSZDJl+mTKaFTDcyPcj0LtNZph5FR/FQUpQ5yjXKPcobyhdKh6qhuqgJ6gz1CvUO9RX1hNqiqWgOWoxWoW3QbtFe0D7RGnQF3UaP0Ev0Nfoe/Rn9iF6jTxgWRohRYKwwdhhPGB8YF4wR08QMMHPMJeYW8xHzgPmNOWAZWD5WhrXAusF6wHrHOmP12Dq2h51iz7Gvse+x37C/sDscDcfFSXBmOFc4dzivOCecFlfFdXBj3Ap3g3uL+4L7idvgKXg2XoRX4q3x9njPeEe8Gm/Ct/BD/AJ/hb/Df8L/wL/gjwQmQUCQEywJtgSPBAeCb4KB0CD0CTPCBeEN4QPhO+GZsCfSiTyilGhOdE10T/RG9EXUEWvELnFCPCO+Ir4jfiU+EbckKolDEpNUJBuSW5IXkk+ShlQhtUkj0pJ0TbonfSY9ktakE5lFFpIVZCuyHdkT2QfZhWwkN8kD8px8Sb4lfyQ/kH+TDxQGhU+RUSwobigeKN4pzhQ9pU7pUaaUc8prynvKN8ovyo5Ko3KpEqoZ1RXVHdUr1YmqZaYyc5jFUltS/+SrkHol9U7qJ6k/pL5IPUpjShNIk0uzlGYrzaM0B2m+pRmkNaT1pc2kXUh7I+2DtO/SnqXtpdOl86RLpZtLdy3dvXRv0n1J10mvSe9Kn0g/k/5K+jvpX6U/Sd/KoMrgyBDLUMmwkeFWhhcZPmVoZFRktGWMZCxlXMu4l/FZxqOMtYyTTJZMoUyFTCuZdjI9yfQh00WmEcVECVBylCXKFuUR5YDyjTKgGqg+aoa6QL1BfUB9Rz2j9mg6moeWos3RrtHu0d7QvtA6dA3dRU/QZ+hX6Hfor+gn9BZDxXAwYowKY4Nxi/GC8YnRYCqYNmaEWWKuMfeYz5hHzBpzwrKwQqwCa4W1w3rC+sC6YI3YJnaAnWMvsbfYj9gH7G/sAcfA8XEynAXODc4DzjvOGafH1XE93BR3jnuNe4/7hvuF2+FpeC5egjfDu8K7w3vFO+G1+Cq+gx/jV/gb/Fv8F/xP/IZAIbAJIoKSYE2wJ3gmOBLUBBOhRfgzTArCFeGO8Inwg/BCOBKZRAFRTrQk2hI9Eh2IvokGYoPYJ86IF8Q3xA/E78Rn4p5EJ/FIUpI5yTXJPckbyRdJR6qRuqQJ6Yz0ivSO9JX0RNqSqWQOWUxWkW3IbsleyD7JGnKF3CaPyEvyNfme/Jn8SF6TTxQWRUhRUKwodhRPFB8UF4qR0qQMKHPKJeWW8pHyQPlNOVAZVD5VRrWguqF6oHqnOlP1zHRmntSq1I7UP/mqpN5IfSv1i9SfUjfSKNLY0kTSlNKspdlL8yzNUZpamklaS9pQ2kLalbQ7aZ+k/ZD2Iu0onSldIF0u3VK6rXSP0h2k+/7ZgNIb0vvSZ9Iv5Gce9g/Sv0t/lr6XQZfBkyGVYS7DtQz3MrzJ8CVDJ6MmoytjIuNMxisZ72R8lfEkYyuTKpMjUyxT9bNAZbqV6UWmT5kaFAXFRolQSpQ1yh7lGeWIUqNMqBZqiFqgrlB3qE+oH6gX1BHNRAvQcrQl2hbtEe2A9o02oBvoPnqGvkC/QX9Af0c/o/cYOoaHkWLMMa4x7jHeML4wOkwN08VMMGeYV5h3mK+YJ8wWS8VysGKsCmuDdYv1gvWJ1WAr2DZ2hF1ir7H32M/YR+wae8KxcEKcAmeFs8N5wvnAueCMuCZugJvjLnG3uI+4B9xv3AHPwPPxMrwF3g3eA9473hmvx9fxPfwUf45/jX+P/4b/hd8RaAQuQUIwI7giuCN4JTgRtIQqoUMYE1aEG8JbwhfCT8KGSCGyiSKikmhNtCd6JjoS1UQTsUUcEhfEK+Id8RPxB/GFeCQxSQKSnGRJsiV5JDmQfJMMpAapT5qRLkhvSB9I30nPpD2ZTuaRpWRzsmuye7I3si+yjlwjd8kT8hn5Ffkd+Sv5ibylUCkcipiiothQ3FK8UHxSNJQKpU0ZUZaUa8o95TPlkbKmnKgsqpCqoFpR7aieqD6oLlQjM5NZILUu9U++UqnnUl9LfS/1m9RfUnfSaNK40iTSzKS5kuZOmldpTtK00qrSOtLG0lbSbqS9lfZF2k9pG+kU6WzpIulK6dbS7aV7lu4oXS3dJL0lfSh9If1K+p30T9J/SH+RfpTBlCGQIZdhKcNWhkcZDjJ8yzDIaMjoy5jJuJDxRsYHGd9lPMvYy6TL5MmUyjSX6Vqme5neZPqSqUPRUFyUBGWGcoVyh/KKckJpUVVUBzVGrVA3qLeoL6ifqA2agmajRWgl2hptj/aMdkSr0SZ0Cz1EL9BX6Dv0J/QP9Av6iGFiBBg5xhJji/GIccD4xhgwDUwfM8NcYN5gPmC+Y54xeywdy8NKseZY11j3WG9YX1gdtobtYifYM+wr7DvsV+wTdouj4jg4MU6Fs8G5xXnB+cRpcBVcGzfCLXHXuHvcZ9wjbo074Vl4IV6Bt8Lb4T3hfeBd8EZ8Ez/Az/GX+Fv8R/wD/jf+QGAQ+AQZwYLghuCB4J3gTNAT6oQeYUo4J7wmvCd8I/wi7Ig0IpcoIZoRXRHdEb0SnYhaYpXYIY6JK+IN8S3xC/EncUOikNgkEUlJsibZkzyTHElqkonUIg1JC9IV6Y70ifSD9EI6kplkAVlOtiTbkj2SHci+yQZyg9wnz8gX5DfkD+Tv5GfynkKn8ChSijnFNcU9xRvFF0VHqVG6lAnljPKK8o7ylfJE2VKpVA5VTFVRbahuqV6oPqkaZgozm1kktSn1T75yqZdSb6V+lPog9bfUgzSGNL40mTQLaW6keZDmXZqzNL20urSetKm0c2mvpb2X9k3aL2k76TTpXOkS6WbSXUl3J92rdCfpWulV6R3pY+kr6TfS30r/Iv2n9I0Migz2v8znUMqwlmEvw7MMRxlqGSYZLRlDGQsZVzLuZHyS8UPGi4yjTKZMgUy5TEuZtjI9ynSQ6VumAcVA8VEylAXKDcoDyjvKGaVH1VE91BR1jnqNeo/6hvqF2qFpaC5agjZDu0K7Q3tFO6G16Cq6gx6jV+gb9Fv0F/RP9AZDwbAxIowSY42xx3jGOGLUGBOmhRliFpgrzB3mE+YH5gVzxDKxAqwca4m1xXrEOmB9Yw3YBraPnWEvsG+wH7Dfsc/YPY6O4+GkOHOca5x7nDecL5wOV8N1cRPcGe4V7h3uK+4Jt8VT8Ry8GK/C2+Dd4r3gfeI1+Aq+jR/hl/hr/D3+M/4Rv8afCCyCkKAgWBHsCJ4IPgguBCOhSRgQ5oRLwi3hI+GB8JtwIDKIfKKMaEF0Q/RA9E50JuqJdWKPOCWeE18T3xO/EX8RdyQaiUuSkMxIrkjuSF5JTiQtqUrqkMakFemG9Jb0hfSTtCFTyGyyiKwkW5PtyZ7JjmQ12URukYfkBfmKfEf+RP5BfiEfKUyKgCKnWFJsKR4pDhTfFAOlQelTZpQLyhvKB8p3yjNlT6VTeVQp1Zzqmuqe6o3qi6pjpjFzf337r2//9e2/vv3Xt//69l/f/uvbf337r2//9e3/9337/wI="

    static var bigText: String {
        String(repeating: "低保对象名单：张三，身份证号11010519491231002X，电话13812345678。\n", count: 40)
            + String((0..<3000).map { Character(Unicode.Scalar(0x4E00 + ($0 * 7) % 2000)!) })
    }

    func bytes(_ b64: String) -> [UInt8] { Array(Data(base64Encoded: b64)!) }

    func entry(_ part: TestZip.Part, budget: Int = OfficeText.decompressionBudget) -> [UInt8]? {
        OfficeText.zipEntries(TestZip.build([("word/document.xml", part)]), budget: budget, wanted: { _ in true })?["word/document.xml"]
    }

    /// The DEFLATE streams our own inflater was tested with, now through zlib.
    func testStoredFixedAndDynamicBlocks() throws {
        let short = Array("电话13812345678".utf8)
        XCTAssertEqual(entry(TestZip.deflated(bytes(Self.stored), of: short)), short)
        XCTAssertEqual(entry(TestZip.deflated(bytes(Self.fixed), of: short)), short)
        let big = Array(Self.bigText.utf8)
        XCTAssertEqual(entry(TestZip.deflated(bytes(Self.dynamic), of: big)), big)
        XCTAssertEqual(entry(TestZip.stored(big)), big)
    }

    func testDamagedAndOversizedStreamsFail() {
        let d = bytes(Self.dynamic)
        let big = Array(Self.bigText.utf8)
        XCTAssertNil(entry(TestZip.deflated(Array(d.prefix(d.count / 2)), of: big)), "a truncated stream")
        XCTAssertNil(entry(TestZip.deflated([0xFF, 0xFF, 0xFF], of: big)), "not DEFLATE at all")
        XCTAssertNil(entry(TestZip.deflated(d, of: big), budget: 1000), "past the budget")
        XCTAssertNotNil(entry(TestZip.deflated(d, of: big), budget: big.count))
        var wrongChecksum = TestZip.deflated(d, of: big)
        wrongChecksum.crc ^= 1
        XCTAssertNil(entry(wrongChecksum), "the checksum must match")
        var storedWrongChecksum = TestZip.stored(big)
        storedWrongChecksum.crc ^= 1
        XCTAssertNil(entry(storedWrongChecksum))
    }

    /// A stream that has not ended when its bytes do: ZIPFoundation's own extraction keeps reading
    /// past the entry and, at the end of the file, loops forever (weichsel/ZIPFoundation#389).
    func testAStreamThatWantsMoreThanItsBytesEnds() {
        // A stored block announcing 65,535 bytes, with two of them present.
        let stream: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00, 0x41, 0x42]
        XCTAssertNil(entry(TestZip.deflated(stream, of: [0x41, 0x42])))
        // The same as the last entry, followed only by the central directory.
        let zip = TestZip.build([("a.xml", TestZip.stored("<a/>")), ("word/document.xml", TestZip.deflated(stream, of: [0x41, 0x42]))])
        XCTAssertNil(OfficeText.docx(zip))
        XCTAssertNil(entry(TestZip.deflated([], of: [])), "a deflated entry without bytes")
    }

    /// Offsets ZIPFoundation would follow past the end of the data, where its in-memory archive
    /// traps (weichsel/ZIPFoundation#394): refused before it sees them.
    func testOffsetsOutsideTheFileAreRefusedNotFollowed() {
        var outside = TestZip.stored("<a/>")
        outside.localHeaderOffset = 1_000_000
        XCTAssertNil(entry(outside))
        // A stored entry with a data descriptor, whose uncompressed size (by which ZIPFoundation
        // finds the descriptor) is far larger than its data.
        var descriptor = TestZip.stored("<a/>")
        descriptor.flags = 8
        descriptor.centralSize = 0x7FFF_FFFF
        XCTAssertNil(entry(descriptor))
        XCTAssertNil(OfficeText.docx(TestZip.build([("word/document.xml", TestZip.stored("<a/>")), ("x.bin", descriptor)])),
                     "whichever entry it is")
        // A ZIP64 end record would replace the offsets we checked.
        let plain = TestZip.build([("word/document.xml", TestZip.stored("<a/>"))])
        XCTAssertNotNil(OfficeText.zipEntries(plain, wanted: { _ in true }))
        let end = ZipDirectory.endRecordOffset(plain)!
        let locator = TestZip.le32(0x07064B50) + TestZip.le32(0) + TestZip.le32(0) + TestZip.le32(0) + TestZip.le32(1)
        XCTAssertNil(OfficeText.zipEntries(Array(plain[..<end]) + locator + Array(plain[end...]), wanted: { _ in true }))
    }

    func testDataDescriptorsAreRead() throws {
        let big = Array(Self.bigText.utf8)
        var streamed = TestZip.deflated(bytes(Self.dynamic), of: big)
        streamed.flags = 8
        let zip = TestZip.build([("word/document.xml", streamed), ("xl/x.xml", TestZip.stored("<x/>"))])
        XCTAssertEqual(OfficeText.zipEntries(zip, wanted: { _ in true })?["word/document.xml"], big)
    }

    /// The local header says stored, the directory says deflated (HardeningTests in the app
    /// uploads such a file): refused rather than read either way.
    func testLocalHeaderAndDirectoryMustAgree() {
        var mismatch = TestZip.stored("<w:document/>")
        mismatch.centralMethod = 8
        XCTAssertNil(entry(mismatch))
        var unknown = TestZip.stored("<w:document/>")
        unknown.method = 12
        unknown.centralMethod = 12
        XCTAssertNil(entry(unknown), "bzip2 and other methods are not read")
    }

    func testTooManyEntriesAndDuplicateNames() {
        let many = TestZip.build((0...OfficeText.maxEntries).map { ("e\($0)", TestZip.stored([])) })
        XCTAssertNil(OfficeText.zipEntries(many, wanted: { _ in false }))
        let enough = TestZip.build((1...OfficeText.maxEntries).map { ("e\($0)", TestZip.stored([])) })
        XCTAssertEqual(OfficeText.zipEntries(enough, wanted: { $0 == "e7" })?.keys.sorted(), ["e7"])
        let twice = TestZip.build([("word/document.xml", TestZip.stored("<a/>")), ("word/document.xml", TestZip.stored("<b/>"))])
        XCTAssertNil(OfficeText.docx(twice))
        XCTAssertNil(OfficeText.docx(Array("not a zip".utf8)))
        XCTAssertNil(OfficeText.docx([]))
    }

    // MARK: ZIP bombs (issue 12, item 3)

    func testOverlappingEntriesAreRefused() throws {
        // One compressed sheet, and fifty directory entries pointing at the same bytes: each would
        // inflate the same megabyte again.
        let sheet = Array(("<worksheet><sheetData>" + String(repeating: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>", count: 10)
            + "</sheetData></worksheet>").utf8)
        let honest = TestZip.build([("xl/worksheets/sheet1.xml", TestZip.stored(sheet))])
        XCTAssertNotNil(OfficeText.xlsx(honest))
        XCTAssertNotNil(XlsxReader.read(honest))
        let names = (1...50).map { "xl/worksheets/sheet\($0).xml" }
        let overlapping = TestZip.build([("xl/worksheets/sheet1.xml", TestZip.stored(sheet))], extraNamesForFirst: Array(names.dropFirst()))
        XCTAssertEqual(ZipDirectory.entries(overlapping)?.count, 50)
        XCTAssertTrue(ZipDirectory.hasOverlappingEntries(ZipDirectory.entries(overlapping)!, in: overlapping))
        XCTAssertNil(OfficeText.xlsx(overlapping))
        XCTAssertNil(XlsxReader.read(overlapping))
    }

    func testTotalDecompressionBudget() throws {
        // Three sheets of 12 MB zeros each: every entry is under any per-entry limit, together
        // they are past the 32 MB budget.
        let twelveMB = TestZip.deflatedZeros(12 * 1024 * 1024)
        XCTAssertLessThan(twelveMB.data.count, 100_000)
        let bomb = TestZip.build((1...3).map { ("xl/worksheets/sheet\($0).xml", twelveMB) })
        XCTAssertNil(OfficeText.xlsx(bomb))
        XCTAssertNil(OfficeText.zipEntries(bomb, wanted: { _ in true }))
        // Two of them fit.
        let two = TestZip.build((1...2).map { ("xl/worksheets/sheet\($0).xml", twelveMB) })
        XCTAssertEqual(OfficeText.zipEntries(two, wanted: { _ in true })?.values.map(\.count), [12 * 1024 * 1024, 12 * 1024 * 1024])
        // The size an entry claims counts for nothing: one that says 10 bytes still stops at the budget.
        let fortyMB = TestZip.deflatedZeros(40 * 1024 * 1024)
        var liar = fortyMB
        liar.size = 10
        XCTAssertNil(OfficeText.zipEntries(TestZip.build([("xl/worksheets/sheet1.xml", liar)]), wanted: { _ in true }))
        // Parts nobody reads are never inflated: a DOCX with a huge image part and a small body.
        let body = Array("<w:document><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>".utf8)
        let docx = TestZip.build([("word/media/image1.bin", fortyMB),
                                  ("word/document.xml", TestZip.stored(body))])
        XCTAssertEqual(OfficeText.docx(docx), "正文\n")
        // XlsxReader inflates the first sheet and the shared strings only.
        let sheet = Array("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>7</v></c></row></sheetData></worksheet>".utf8)
        let workbook = TestZip.build([("xl/worksheets/sheet1.xml", TestZip.stored(sheet))]
                                     + (2...4).map { ("xl/worksheets/sheet\($0).xml", twelveMB) })
        XCTAssertEqual(XlsxReader.read(workbook), [["7"]])
        XCTAssertNil(OfficeText.xlsx(workbook), "the text of every sheet is past the budget")
    }
}
