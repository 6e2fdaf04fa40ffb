import XCTest
@testable import GongkaiDomain

final class SearchTimeSlicesTests: XCTestCase {
    /// Every layout, for every oldest year and cap, covers all time once: each publication time
    /// falls in exactly one slice, and the slices come newest first.
    func testSlicesTileAllTimeForEveryLayout() {
        let current = 2026
        for oldest in [nil, 1949, 1990, 2000, 2010, 2025, 2026, 2030] as [Int?] {
            for cap in [1, 2, 5, 30] {
                let layout = SearchTimeSlices(oldestYear: oldest, currentYear: current, maxYears: cap)
                XCTAssertTrue(SearchTimeSlices.tile(layout.slices), "\(String(describing: oldest)) \(cap)")
                XCTAssertLessThanOrEqual(layout.slices.count, cap)
                XCTAssertNil(layout.slices.first?.to)
                XCTAssertNil(layout.slices.last?.from)
                // Times around every boundary and far out fall in exactly one slice.
                var times: [Double] = [-1e10, 0, 1e11]
                for s in layout.slices { if let l = s.lower { times += [Double(l) - 0.001, Double(l), Double(l) + 0.001] } }
                for t in times {
                    let holding = layout.slices.filter { s in (s.lower.map { t >= Double($0) } ?? true) && (s.upper.map { t < Double($0) } ?? true) }
                    XCTAssertEqual(holding.count, 1, "\(t)")
                    XCTAssertEqual(layout.slice(of: t), holding.first)
                }
                XCTAssertEqual(SearchTimeSlices(slices: layout.slices.shuffled()), layout, "the order is restored from any order")
            }
        }
    }

    func testYearlySlicesFromTheOldestYear() {
        let layout = SearchTimeSlices(oldestYear: 2010, currentYear: 2026)
        XCTAssertEqual(layout.slices.count, 17)
        XCTAssertEqual(layout.slices.map(\.key).prefix(3), ["2026_9999", "2025_2026", "2024_2025"])
        XCTAssertEqual(layout.slices.last?.key, "0_2011", "2010 and anything older")
        // A new year: the new year's slice opens, the last one closes.
        let next = SearchTimeSlices(oldestYear: 2010, currentYear: 2027)
        XCTAssertEqual(next.slices.map(\.key).prefix(2), ["2027_9999", "2026_2027"])
        // Seventy years of archive under a cap of 30.
        let capped = SearchTimeSlices(oldestYear: 1956, currentYear: 2026, maxYears: 30)
        XCTAssertEqual(capped.slices.count, 30)
        XCTAssertEqual(capped.slices.last?.key, "0_1998")
        XCTAssertEqual(SearchTimeSlices(oldestYear: nil, currentYear: 2026).slices.map(\.key), ["0_9999"])
    }

    /// Beijing's new year is 16:00 UTC on 31 December (checked against known instants).
    func testNewYearIsMidnightInBeijing() {
        XCTAssertEqual(SearchTimeSlices.newYear(2026), 1_767_196_800) // 2025-12-31T16:00:00Z
        XCTAssertEqual(SearchTimeSlices.newYear(1970), -28_800)
        XCTAssertEqual(SearchTimeSlices.newYear(2000), 946_656_000)   // 1999-12-31T16:00:00Z
    }

    func testKeysReadBack() {
        for key in ["0_2011", "2019_2020", "2026_9999", "0_9999"] {
            XCTAssertEqual(SearchTimeSlices.Slice(key: key)?.key, key)
        }
        for bad in ["", "2019", "2020_2019", "a_b", "2019_2020_2021", "-5_2000", "2000_10000"] {
            XCTAssertNil(SearchTimeSlices.Slice(key: bad), bad)
        }
        XCTAssertNil(SearchTimeSlices(slices: [.init(from: 2020, to: nil), .init(from: nil, to: 2019)]), "a gap")
        XCTAssertNil(SearchTimeSlices(slices: [.init(from: 2020, to: nil)]), "not open downwards")
        XCTAssertNil(SearchTimeSlices(slices: []))
    }

    /// The GIN part of a query has every required term and nothing else; positions are asked
    /// for exactly when a part has several terms or something is excluded.
    func testTermsOfTheQueryWithoutPositions() {
        XCTAssertEqual(SearchQuery("社会 保障").tsqueryTerms, "'社会' & '保障'")
        XCTAssertFalse(SearchQuery("社会 保障").needsPositions)
        XCTAssertEqual(SearchQuery("税 2025年").tsqueryTerms, "'税':* & '2025'", "a trailing prefix after other terms is left to the check")
        XCTAssertTrue(SearchQuery("税 2025年").needsPositions)
        let q = SearchQuery("临时救助 -图解")
        XCTAssertEqual(q.tsqueryTerms, "'临时' & '时救' & '救助'")
        XCTAssertTrue(q.needsPositions)
        XCTAssertTrue(SearchQuery("河长制 -图解").needsPositions, "an exclusion is checked on the rows")
        for text in ["社会", "a", "统计 数据", "\"结合我县实际\"", "2024年", "低保 -图解 标准"] {
            let query = SearchQuery(text)
            // Every term but a trailing prefix that follows others.
            let terms = query.parts.flatMap { p in p.prefix && p.terms.count > 1 ? Array(p.terms.dropLast()) : p.terms }
            for t in terms { XCTAssertTrue(query.tsqueryTerms.contains("'\(t)'"), "\(text): \(t)") }
            XCTAssertEqual(query.tsqueryTerms.components(separatedBy: " & ").count, terms.count, text)
        }
    }
}
