import Foundation
import XCTest
@testable import GongkaiDomain

/// Bulk-imported rows get ids that sort by the time they were made, read here from their text:
/// the millisecond in the first twelve hex digits, version 7, RFC 4122's variant, every id after
/// the one before, and none twice.
final class TimeOrderedIDsTests: XCTestCase {
    /// The id's 32 hex digits, without dashes.
    private func hex(_ id: UUID) -> [Character] { Array(id.uuidString.lowercased().filter { $0 != "-" }) }

    func testTheLayoutReadsBackFromTheText() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var ids = TimeOrderedIDs()
            let ms = UInt64.random(in: 0...TimeOrderedIDs<SystemRandomNumberGenerator>.maxMillisecond, using: &rng)
            let h = hex(ids.next(millisecond: ms))
            XCTAssertEqual(UInt64(String(h[0..<12]), radix: 16), ms, "the first 48 bits are the millisecond")
            XCTAssertEqual(h[12], "7", "version 7")
            XCTAssertTrue("89ab".contains(h[16]), "RFC 4122 variant: \(String(h))")
        }
    }

    func testIdsFromOneGeneratorIncreaseAndNeverRepeat() {
        var ids = TimeOrderedIDs()
        var rng = SystemRandomNumberGenerator()
        var ms: UInt64 = 1_780_000_000_000
        var last = ""
        var seen = Set<UUID>()
        for n in 0..<100_000 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: ms += UInt64.random(in: 1...5_000, using: &rng)  // time moves on
            case 1: ms -= UInt64.random(in: 1...5_000, using: &rng)  // the clock is set back
            default: break  // many in the same millisecond
            }
            let id = ids.next(millisecond: ms)
            let text = id.uuidString
            XCTAssertGreaterThan(text, last, "id \(n) sorts after the one before")
            XCTAssertTrue(seen.insert(id).inserted)
            last = text
        }
    }

    func testTheCounterRunningOutMovesToTheNextMillisecond() {
        let ms: UInt64 = 1_780_000_000_000
        var ids = TimeOrderedIDs(random: SystemRandomNumberGenerator(), millisecond: ms, counter: (1 << 42) - 2)
        let a = ids.next(millisecond: ms), b = ids.next(millisecond: ms)
        XCTAssertEqual(UInt64(String(hex(a)[0..<12]), radix: 16), ms, "the counter's last value stays in its millisecond")
        XCTAssertEqual(UInt64(String(hex(b)[0..<12]), radix: 16), ms + 1, "then the next millisecond")
        XCTAssertGreaterThan(b.uuidString, a.uuidString)
    }

    func testDatesOutsideTheFieldAreHeldToItsEnds() {
        var ids = TimeOrderedIDs()
        let before = hex(ids.next(at: Date(timeIntervalSince1970: -86_400)))
        XCTAssertEqual(String(before[0..<12]), "000000000000")
        var later = TimeOrderedIDs()
        let after = hex(later.next(at: Date(timeIntervalSince1970: 1e15)))
        XCTAssertEqual(String(after[0..<12]), "ffffffffffff")
        var now = TimeOrderedIDs()
        let date = Date(timeIntervalSince1970: 1_780_000_000.5)
        XCTAssertEqual(UInt64(String(hex(now.next(at: date))[0..<12]), radix: 16), 1_780_000_000_500)
    }

    func testSeparateGeneratorsInOneMillisecondDoNotCollide() {
        var seen = Set<UUID>()
        for _ in 0..<20_000 {
            var ids = TimeOrderedIDs()
            XCTAssertTrue(seen.insert(ids.next(millisecond: 1_780_000_000_000)).inserted)
        }
    }
}
