import FluentKit
import Foundation
import NIOCore
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// The vectors Gongkai makes for PostgreSQL must be exactly the ones `to_tsvector('simple', …)`
/// makes of the same terms (issue 21): the database itself is the reference.
final class PostgresTermVectorTests: XCTestCase {
    /// Characters the generated texts are made of: CJK from the main block, extension A and B and
    /// the compatibility block, ASCII letters and digits, Chinese and ASCII punctuation, and
    /// characters PostgreSQL's parser reads by locale (Greek, ①, accented Latin, Ⅲ, full-width).
    static let alphabet: [[Unicode.Scalar]] = [
        Array("社会保障低保资金统计数据河长制工作推进会年度公告政府信息公开条例第号县乡镇村".unicodeScalars),
        [0x3400, 0x4DB5, 0x4E00, 0x9FA5, 0x9FEF, 0xF900, 0xFA2D, 0x20000, 0x2A6D6, 0x2B734, 0x2F800].compactMap(Unicode.Scalar.init),
        Array("abcxyzABCXYZ0123456789".unicodeScalars),
        Array("，。、；：“”（）《》—…·,.;:()-/_ \n\t".unicodeScalars),
        // … and CJK added after Unicode 11 (9FFF, 4DBF, 2A6DF): left to the database too.
        Array("αβΣΩéÉüⅢ①②³ＡＢ１２ｇ".unicodeScalars) + [0x9FFF, 0x4DBF, 0x2A6DF].compactMap(Unicode.Scalar.init),
    ]

    static func text(length: Int, weights: [Int], using random: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        let total = weights.reduce(0, +)
        for _ in 0..<length {
            var pick = Int.random(in: 0..<total, using: &random)
            var group = 0
            while pick >= weights[group] { pick -= weights[group]; group += 1 }
            scalars.append(alphabet[group].randomElement(using: &random)!)
        }
        return String(scalars)
    }

    func testVectorsAreWhatPostgreSQLMakesOfTheSameTerms() async throws {
        guard TestEnvironment.postgresAdminURL != nil else { throw XCTSkip("PostgreSQL only: SQLite indexes with FTS5") }
        try await withEnvironment { env in
            let sql = try XCTUnwrap(env.db as? any SQLDatabase)
            var random = SystemRandomNumberGenerator()
            var texts: [String] = []
            // Chinese text with Latin words and numbers (made here), and texts with characters
            // read by locale (left to the database).
            for n in 0..<400 {
                let weights = n % 4 == 3 ? [50, 5, 10, 30, 5] : [50, 5, 10, 30, 0]
                texts.append(Self.text(length: Int.random(in: 0...600, using: &random), weights: weights, using: &random))
            }
            // A term repeated past 255 positions, a text past position 16,383, a word too long to be
            // indexed, a text of punctuation only, nothing.
            texts.append(String(repeating: "低保，", count: 400))
            texts.append(Self.text(length: 20_000, weights: [50, 5, 10, 30, 0], using: &random))
            texts.append("公告 " + String(repeating: "a", count: 2_048) + " 公告")
            texts.append("公告 " + String(repeating: "a", count: 2_047) + " 公告")
            texts.append("公告 " + String(repeating: "a", count: 2_046) + " 公告")
            texts.append("，。（）")
            texts.append("")
            var made = 0, left = 0
            for text in texts {
                let terms = SearchTokenizer.indexTerms(text)
                guard let vector = PostgresTermVector.make(terms) else { left += 1; continue }
                made += 1
                let row: (any SQLRow)?
                do { row = try await sql.raw("""
                    SELECT \(bind: vector) = to_tsvector('simple', \(bind: terms)) AS same,
                           \(bind: vector)::text = to_tsvector('simple', \(bind: terms))::text AS same_text,
                           to_tsvector('simple', \(bind: terms))::text AS theirs
                    """).first()
                } catch {
                    XCTFail("terms \(terms.prefix(200)): \(String(reflecting: error).prefix(600))")
                    return
                }
                let same = try XCTUnwrap(row?.decode(column: "same", as: Bool.self))
                let sameText = try XCTUnwrap(row?.decode(column: "same_text", as: Bool.self))
                if !same || !sameText {
                    let theirs = try row?.decode(column: "theirs", as: String.self) ?? ""
                    XCTFail("terms \(terms.prefix(200)): ours \((Self.read(vector) ?? "?").prefix(300)) theirs \(theirs.prefix(300))")
                    return
                }
            }
            XCTAssertGreaterThan(made, 300, "most texts are made here")
            XCTAssertGreaterThan(left, 80, "texts with characters read by locale are left to the database")
        }
    }

    /// The binary form read back as PostgreSQL prints a vector (`'lexeme':1,2 …`), by this test's own
    /// reading of the wire format: a count, then each lexeme NUL-terminated, its position count and positions.
    static func read(_ vector: PostgresTermVector?) -> String? {
        guard var b = vector?.bytes, let count = b.readInteger(as: Int32.self) else { return nil }
        var parts: [String] = []
        for _ in 0..<count {
            guard let end = b.readableBytesView.firstIndex(of: 0), let lexeme = b.readString(length: end - b.readerIndex),
                  b.readInteger(as: UInt8.self) == 0, let n = b.readInteger(as: UInt16.self) else { return nil }
            var positions: [String] = []
            for _ in 0..<n { guard let p = b.readInteger(as: UInt16.self) else { return nil }; positions.append(String(p)) }
            parts.append("'\(lexeme)':" + positions.joined(separator: ","))
        }
        return b.readableBytes == 0 ? parts.joined(separator: " ") : nil
    }

    func testOnlyTermsEveryLocaleReadsAlikeAreMadeHere() {
        // Lexemes in byte order (ASCII before CJK; 会 E4 BC before 保 E4 BF), positions as in the text.
        XCTAssertEqual(Self.read(PostgresTermVector.make("社会 会保 保障 障 2024 年 gdp")),
                       "'2024':5 'gdp':7 '会保':2 '保障':3 '年':6 '社会':1 '障':4")
        XCTAssertEqual(Self.read(PostgresTermVector.make("")), "")
        for foreign in ["σ", "é", "①", "ⅲ", "a1é", "\u{9FFF}", "公\u{2A6DF}", String(repeating: "a", count: 2_047)] {
            XCTAssertNil(PostgresTermVector.make("公告 \(foreign) 公告"), foreign)
        }
        // 255 positions at most per lexeme, none past 16,383, none repeated.
        let repeated = Self.read(PostgresTermVector.make(Array(repeating: "低保", count: 300).joined(separator: " ")))
        XCTAssertEqual(repeated, "'低保':" + (1...255).map(String.init).joined(separator: ","))
        let distinct = (0..<16_390).map { "t\($0)" }.joined(separator: " ")
        let vector = Self.read(PostgresTermVector.make(distinct)) ?? ""
        XCTAssertEqual(vector.components(separatedBy: ":16383").count - 1, 8, "positions 16,383 to 16,390 are all 16,383")
        XCTAssertTrue(vector.contains("'t16389':16383"))
        XCTAssertTrue(vector.contains("'t16381':16382"))
    }
}
