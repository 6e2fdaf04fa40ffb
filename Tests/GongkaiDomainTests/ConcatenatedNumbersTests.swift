import XCTest
@testable import GongkaiDomain

/// The index's concatenated document numbers and scores read back exactly, and anything that is
/// not such a list is refused rather than read as part of one.
final class ConcatenatedNumbersTests: XCTestCase {
    func testRandomListsAgainstTheStandardLibrarysReading() {
        var rng = SystemRandomNumberGenerator()
        let edges = [0, 1, -1, Int.max, Int.min, 4_611_686_025_602_522_464, -4_611_686_025_602_522_464]
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...40, using: &rng)
            let values = (0..<count).map { _ in Bool.random(using: &rng) ? edges.randomElement(using: &rng)! : Int.random(in: Int.min...Int.max, using: &rng) }
            let text = values.map(String.init).joined(separator: ",")
            XCTAssertEqual(ConcatenatedNumbers.integers(text), values, text)
            // The reference: the standard library, entry by entry.
            XCTAssertEqual(text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0)! }, values)
        }
    }

    func testPairsOfNumbersAndScores() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...30, using: &rng)
            let pairs = (0..<count).map { _ in
                (Int.random(in: 0...Int.max, using: &rng),
                 [Double.random(in: -50...50, using: &rng), Double.random(in: 0...1e-5, using: &rng), 0, 1e300].randomElement(using: &rng)!)
            }
            let text = pairs.map { "\($0.0) \($0.1)" }.joined(separator: ",")
            let read = ConcatenatedNumbers.pairs(text)
            XCTAssertEqual(read?.map(\.0), pairs.map(\.0), text)
            XCTAssertEqual(read?.map(\.1), pairs.map(\.1), text)
        }
        // As SQLite writes REALs.
        let sqlite = ConcatenatedNumbers.pairs("4611686023478420704 1.41602694795237,4611686023477744864 1.11682799545705e-06,7 -3")
        XCTAssertEqual(sqlite?.map(\.0), [4611686023478420704, 4611686023477744864, 7])
        XCTAssertEqual(sqlite?.map(\.1), [1.41602694795237, 1.11682799545705e-06, -3])
    }

    func testAnythingElseIsRefused() {
        for bad in [",", "1,", ",1", "1,,2", "a", "1 2", "1.5", "--1", "-", " 1", "1 ", "9223372036854775808", "-9223372036854775809",
                    "12,3x", "１２"] {
            XCTAssertNil(ConcatenatedNumbers.integers(bad), bad)
        }
        XCTAssertEqual(ConcatenatedNumbers.integers(""), [])
        XCTAssertEqual(ConcatenatedNumbers.integers("-9223372036854775808,9223372036854775807"), [Int.min, Int.max])
        for bad in ["1", "1 ", "1 x", " 1 2", "1 2,", "1 2,3", "1  2", "x 2", "1 2 3", "99999999999999999999 1"] {
            XCTAssertNil(ConcatenatedNumbers.pairs(bad), bad)
        }
        XCTAssertEqual(ConcatenatedNumbers.pairs("")?.count, 0)
    }
}
