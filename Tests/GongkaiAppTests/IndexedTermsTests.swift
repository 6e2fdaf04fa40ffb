import FluentKit
import Foundation
import GongkaiDomain
import SQLKit
import XCTest
@testable import GongkaiApp

/// Issue 21: a bulk import makes a document's index terms in parts, before its 索引号 is known, and
/// numbers its index rows with one query per few hundred publication times. Both must give what
/// the one-document path gives.
final class IndexedTermsTests: XCTestCase {
    /// Pieces where the tokenizer's state matters: CJK runs and single characters, words, digits,
    /// full-width letters (folded), punctuation, combining marks, spaces and line breaks, "\r\n".
    static let pieces = ["社会救助", "年", "助", "2024", "年度", "Gongkai", "ＡＢＣ", "e\u{301}", "é", "，", "。", " ", "\n", "\r\n",
                         "-", "〔2024〕3号", "豈", "\u{F900}", "x", "", "临时", "：", "A1", "😀", "\u{3000}"]

    func testTermsInPartsEqualTheTermsOfTheWhole() {
        var generator = SystemRandomNumberGenerator()
        func text() -> String {
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
        }
        var nonEmpty = 0
        for _ in 0..<5_000 {
            let plain = text(), number = text(), index = text(), keywords = text(), summary = text()
            let attachments = (0..<Int.random(in: 0...3, using: &generator)).map { _ in text() }
            let whole = SearchTokenizer.indexTerms(SearchService.indexedText(plainText: plain, documentNumber: number, indexNumber: index,
                                                                             keywords: keywords, summary: summary, attachments: attachments))
            let parts = SearchService.indexedTerms(plainTextTerms: SearchTokenizer.indexTerms(plain), documentNumber: number, indexNumber: index,
                                                   keywords: keywords, summary: summary,
                                                   attachmentTerms: attachments.map(SearchTokenizer.indexTerms))
            XCTAssertEqual(parts, whole, [plain, number, index, keywords, summary].debugDescription + attachments.debugDescription)
            if !whole.isEmpty { nonEmpty += 1 }
        }
        XCTAssertGreaterThan(nonEmpty, 4_000, "most cases have terms to compare")
    }

    /// The batched lookup of free document numbers agrees with the one-at-a-time lookup, for
    /// publication times with no, one and several numbers taken, more than one statement's worth.
    func testFreeNumbersInBatchesEqualOneAtATime() async throws {
        try await withEnvironment { env in
            guard env.services.database.dialect.kind == .sqlite, let sql = env.db as? any SQLDatabase else { return }
            let base = SQLiteSearchIndex.base(1_700_000_000)
            let bases = (0..<450).map { base + $0 * SQLiteSearchIndex.slots }
            for (k, b) in bases.enumerated() where k % 3 != 0 {
                for slot in 0..<(k % 3) {
                    try await sql.raw("INSERT INTO item_search_keys (doc, item_id, published) VALUES (\(bind: b + slot * 7), \(bind: UUID().uuidString), 0)").run()
                }
            }
            let batched = try await SQLiteSearchIndex.free(at: Set(bases), on: sql)
            XCTAssertEqual(batched.count, bases.count)
            for (k, b) in bases.enumerated() {
                let single = try await SQLiteSearchIndex.free(at: b, on: sql)
                XCTAssertEqual(batched[b], single, "base \(k)")
                XCTAssertEqual(single, k % 3 == 0 ? b : b + (k % 3 - 1) * 7 + 1)
            }
        }
    }
}
