import XCTest
@testable import GongkaiDomain

/// The SQLite index's document numbers (issue 21): unique, in their second when it has room, never
/// below what a second already holds, and a burst of one timestamp trailing into the next seconds.
final class DocumentNumberingTests: XCTestCase {
    let slots = DocumentNumbering.slotsPerSecond

    /// Runs the allocator against `taken` the way the index does (learning a second's highest number
    /// only when asked) and returns its numbers.
    func allocate(_ bases: [Int], taken: Set<Int>) -> [Int] {
        var numbering = DocumentNumbering()
        var out: [Int] = []
        for base in bases {
            var asked = 0
            loop: while true {
                switch numbering.take(base) {
                case .number(let n):
                    out.append(n)
                    break loop
                case .needs(let second):
                    asked += 1
                    XCTAssertLessThan(asked, 10_000, "the allocator keeps asking")
                    XCTAssertEqual(DocumentNumbering.second(of: second), second, "it asks for the first number of a second")
                    numbering.learn(second: second, highest: taken.filter { $0 >= second && $0 < second + slots }.max())
                }
            }
        }
        return out
    }

    func testBasesFollowTimeAndClampOutOfRangeTimes() {
        XCTAssertEqual(DocumentNumbering.base(0), DocumentNumbering.start)
        XCTAssertEqual(DocumentNumbering.base(1.999), DocumentNumbering.start + slots)
        XCTAssertEqual(DocumentNumbering.base(-5), DocumentNumbering.start)
        XCTAssertEqual(DocumentNumbering.base(.nan), DocumentNumbering.start)
        XCTAssertEqual(DocumentNumbering.base(.infinity), DocumentNumbering.base(1e300))
        XCTAssertGreaterThan(DocumentNumbering.base(1e300), DocumentNumbering.base(1_700_000_000))
        XCTAssertLessThan(DocumentNumbering.base(1e300), Int.max - slots * 1_000_000, "room to trail above the latest second")
        XCTAssertLessThan(DocumentNumbering.base(1_700_000_000), DocumentNumbering.base(1_700_000_001))
        XCTAssertEqual(DocumentNumbering.second(of: DocumentNumbering.base(1_700_000_000) + slots - 1), DocumentNumbering.base(1_700_000_000))
    }

    func testANumberReadsAsItsSecond() {
        for t in [0.0, 1.5, 1_700_000_000, 1_700_000_000.75, 4_102_444_800] {
            let base = DocumentNumbering.base(t)
            for slot in 0..<slots {
                XCTAssertEqual(DocumentNumbering.seconds(of: base + slot), t.rounded(.down), "\(t) slot \(slot)")
            }
        }
        // Newer numbers never read as earlier times (ranking's recency bonus follows the order).
        var previous = -1.0
        for n in stride(from: DocumentNumbering.start, to: DocumentNumbering.start + 100, by: 1) {
            XCTAssertGreaterThanOrEqual(DocumentNumbering.seconds(of: n), previous)
            previous = DocumentNumbering.seconds(of: n)
        }
        XCTAssertEqual(DocumentNumbering.seconds(of: 1_700_000_000_000 << 20), 0, "an earlier layout's number has no time")
    }

    func testItemsOfOneSecondTakeItsNumbersThenTrailIntoTheNextSeconds() {
        let base = DocumentNumbering.base(1_700_000_000)
        XCTAssertEqual(allocate(Array(repeating: base, count: 10), taken: []), Array(base..<(base + 10)))
        // The next second already holds its first two numbers: the trail goes above them.
        let taken: Set = [base + slots, base + slots + 1]
        XCTAssertEqual(allocate(Array(repeating: base, count: 6), taken: taken),
                       [base, base + 1, base + 2, base + 3, base + slots + 2, base + slots + 3])
        // A second's holes below its highest number are never filled.
        XCTAssertEqual(allocate([base], taken: [base + 2]), [base + 3])
        XCTAssertEqual(allocate([base, base], taken: [base + 2]), [base + 3, base + slots])
    }

    /// Random seconds, taken numbers and bursts, against what must hold of every answer.
    func testRandomAllocationsAgainstTheirRules() {
        var generator = SystemRandomNumberGenerator()
        let first = DocumentNumbering.base(1_700_000_000)
        for _ in 0..<500 {
            let span = Int.random(in: 1...12, using: &generator)
            let taken = Set((0..<Int.random(in: 0...30, using: &generator)).map { _ in first + Int.random(in: 0..<(span * slots), using: &generator) })
            var bases: [Int] = []
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                bases.append(first + Int.random(in: 0..<span, using: &generator) * slots)
            }
            let numbers = allocate(bases, taken: taken)
            XCTAssertEqual(numbers.count, bases.count)
            XCTAssertEqual(Set(numbers).count, numbers.count, "unique")
            XCTAssertTrue(Set(numbers).isDisjoint(with: taken), "never a taken number")
            var highest: [Int: Int] = [:]
            for t in taken { highest[DocumentNumbering.second(of: t)] = max(highest[DocumentNumbering.second(of: t)] ?? Int.min, t) }
            for (base, n) in zip(bases, numbers) {
                XCTAssertGreaterThanOrEqual(n, base, "never before its second")
                let second = DocumentNumbering.second(of: n)
                XCTAssertGreaterThan(n, highest[second] ?? Int.min, "only above what its second held")
                // Every second from the item's own up to the one it got was full when it was numbered.
                if second > base { XCTAssertEqual(highest[base], base + slots - 1, "it left its second only when full") }
                highest[second] = n
            }
            // Items of the same second keep the order they came in.
            for base in Set(bases) {
                let mine = zip(bases, numbers).filter { $0.0 == base }.map(\.1)
                XCTAssertEqual(mine, mine.sorted())
            }
        }
    }
}
