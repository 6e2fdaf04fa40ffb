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

    /// The batched lookup of each second's highest number agrees with the one-at-a-time lookup, for
    /// seconds with no, one and several numbers taken, more than one statement's worth; and numbers
    /// from the database trail past full seconds without taking a number twice.
    func testHighestNumbersInBatchesEqualOneAtATime() async throws {
        try await withEnvironment { env in
            guard env.services.database.dialect.kind == .sqlite, let sql = env.db as? any SQLDatabase else { return }
            let slots = DocumentNumbering.slotsPerSecond
            let base = DocumentNumbering.base(1_700_000_000)
            let seconds = (0..<450).map { base + $0 * slots }
            func take(_ n: Int) async throws {
                try await sql.raw("INSERT INTO item_search_keys (doc, item_id, published) VALUES (\(bind: n), \(bind: UUID().uuidString), 0)").run()
            }
            for (k, b) in seconds.enumerated() where k % 3 != 0 {
                for slot in 0..<(k % 3) { try await take(b + slot * 2) }
            }
            let batched = try await SQLiteSearchIndex.highest(in: Set(seconds), on: sql)
            XCTAssertEqual(batched.count, seconds.count)
            for (k, b) in seconds.enumerated() {
                let single = try await SQLiteSearchIndex.highest(in: [b], on: sql)[b] ?? nil
                XCTAssertEqual(batched[b] ?? nil, single, "second \(k)")
                XCTAssertEqual(single, k % 3 == 0 ? nil : b + (k % 3 - 1) * 2)
            }
            // Seconds 2 and 5 hold their first and third numbers (room for one more); second 3 is empty.
            let t = 1_700_000_000.0
            let numbers = try await SQLiteSearchIndex.numbers(for: [t + 2, t + 2, t + 2, t + 3, t, t + 5], on: sql)
            XCTAssertEqual(numbers, [base + 2 * slots + 3, base + 3 * slots, base + 3 * slots + 1, base + 3 * slots + 2, base, base + 5 * slots + 3])
        }
    }
}
