/// Document numbers of the SQLite search index. They follow publication time, so "newest first" is
/// a walk down the numbers, and they are dense: FTS5 stores each term's documents as differences of
/// numbers, and the second layout's millisecond × 2^20 made each difference 5–7 bytes. Four numbers
/// per second keep the order to the second with shorter differences: on the benchmark's text at a
/// million documents' density, the body index of 100,583 documents was 320 MiB against 487 MiB.
///
/// A second's items take its numbers in turn; a fifth item of the same second takes the next
/// number above everything already in the following seconds, so a burst of one timestamp (an
/// archive imported with dates only) trails into the next seconds instead of failing. Numbers are
/// only ever taken above a second's highest, never in a hole, so the order of what was there stays.
public struct DocumentNumbering: Sendable {
    /// Every number of this layout is at least this (the earlier layouts' numbers are below it,
    /// which is how the upkeep tells an index to renumber).
    public static let start = 1 << 62
    public static let slotsPerSecond = 4
    /// Publication times are clamped to 1970 … 5138 (a number must stay below 2^63).
    static let latestSecond = 100_000_000_000

    /// The first number of the second of `published` (seconds since 1970).
    public static func base(_ published: Double) -> Int {
        let second = published.isNaN ? 0 : Int(min(max(0, published), Double(latestSecond)))
        return start + second * slotsPerSecond
    }

    /// The first number of the second that `number` belongs to.
    public static func second(of number: Int) -> Int {
        start + (number - start) / slotsPerSecond * slotsPerSecond
    }

    /// The publication time a number stands for, to the second (a trailing fifth item of a second
    /// reads a few seconds later), for the small recency bonus of ranking; 0 for a number of an
    /// earlier layout, whose index the upkeep is about to renumber.
    public static func seconds(of number: Int) -> Double {
        number >= start ? Double((number - start) / slotsPerSecond) : 0
    }

    public enum Step: Equatable, Sendable {
        case number(Int)
        /// The highest number taken in the second starting at this number is needed first.
        case needs(Int)
    }

    /// Highest number taken in each second asked about so far (nil: none taken).
    private var highest: [Int: Int?] = [:]

    public init() {}

    public mutating func learn(second: Int, highest taken: Int?) {
        highest[second] = .some(taken)
    }

    /// The next number for an item published in the second starting at `base`, or which second's
    /// highest number must be learnt first.
    public mutating func take(_ base: Int) -> Step {
        var second = base
        while true {
            guard let known = highest[second] else { return .needs(second) }
            let next = known.map { $0 + 1 } ?? second
            if next < second + Self.slotsPerSecond {
                highest[second] = .some(next)
                return .number(next)
            }
            second += Self.slotsPerSecond
        }
    }
}
