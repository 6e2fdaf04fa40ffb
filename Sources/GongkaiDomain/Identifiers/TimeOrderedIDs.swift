import Foundation

/// Identifiers that sort by the time they were made (the layout of RFC 9562's version 7: 48 bits of
/// Unix milliseconds, version, a 42-bit counter that starts at a random value below 2^41 in each
/// new millisecond, variant, 32 random bits).
///
/// Why: a bulk import writes thousands of rows per transaction into tables keyed by their id. With
/// random ids every row lands on a different leaf of each id index, and at a million items each
/// transaction rewrites thousands of scattered pages (SQLite's WAL and checkpoint, PostgreSQL's
/// full-page writes); ids made in order append at the right edge instead (issue 21).
///
/// One generator hands out increasing ids as long as its clock does not go back; ids from separate
/// generators are kept apart by the counter's random start and the random tail.
public struct TimeOrderedIDs<Random: RandomNumberGenerator> {
    private var random: Random
    private var lastMillisecond: UInt64 = 0
    private var counter: UInt64 = 0
    private var started = false

    /// The largest Unix millisecond that fits the 48-bit field (the year 10889).
    public static var maxMillisecond: UInt64 { (1 << 48) - 1 }
    static var counterBits: UInt64 { 42 }

    public init(random: Random) {
        self.random = random
    }

    /// A generator whose last id was at `millisecond` with `counter` (tests reach the counter's end).
    init(random: Random, millisecond: UInt64, counter: UInt64) {
        self.random = random
        lastMillisecond = millisecond
        self.counter = counter
        started = true
    }

    /// The next identifier at `date` (dates before 1970 count as 1970, after the field's end as its end).
    public mutating func next(at date: Date) -> UUID {
        let seconds = date.timeIntervalSince1970
        let ms = seconds <= 0 ? 0 : UInt64(min(seconds * 1000, Double(Self.maxMillisecond)))
        return next(millisecond: ms)
    }

    /// The next identifier at Unix millisecond `ms` (at most `maxMillisecond`).
    public mutating func next(millisecond ms: UInt64) -> UUID {
        precondition(ms <= Self.maxMillisecond, "the millisecond does not fit 48 bits")
        let counterLimit: UInt64 = (1 << Self.counterBits) - 1
        if !started || ms > lastMillisecond {
            lastMillisecond = ms
            counter = freshCounter()
            started = true
        } else if counter < counterLimit {
            // Same millisecond, or the clock went back: stay after the last id.
            counter += 1
        } else {
            // The counter ran out (2^41 ids in one millisecond at least): borrow the next millisecond.
            lastMillisecond = min(Self.maxMillisecond, lastMillisecond + 1)
            counter = freshCounter()
        }
        let tail = UInt32(truncatingIfNeeded: random.next())
        return Self.layout(millisecond: lastMillisecond, counter: counter, tail: tail)
    }

    /// A new millisecond's counter: random below 2^41, leaving at least 2^41 steps before its end.
    private mutating func freshCounter() -> UInt64 {
        random.next() & ((1 << (Self.counterBits - 1)) - 1)
    }

    /// The 16 bytes: ms (48) | version 7 (4) | counter's top 12 | variant 10 (2) | counter's low 30 | tail (32).
    static func layout(millisecond ms: UInt64, counter: UInt64, tail: UInt32) -> UUID {
        let high = counter >> 30, low = counter & ((1 << 30) - 1)
        var b = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - UInt64(i)))) }
        b[6] = 0x70 | UInt8(truncatingIfNeeded: high >> 8)
        b[7] = UInt8(truncatingIfNeeded: high)
        b[8] = 0x80 | UInt8(truncatingIfNeeded: low >> 24)
        b[9] = UInt8(truncatingIfNeeded: low >> 16)
        b[10] = UInt8(truncatingIfNeeded: low >> 8)
        b[11] = UInt8(truncatingIfNeeded: low)
        b[12] = UInt8(truncatingIfNeeded: tail >> 24)
        b[13] = UInt8(truncatingIfNeeded: tail >> 16)
        b[14] = UInt8(truncatingIfNeeded: tail >> 8)
        b[15] = UInt8(truncatingIfNeeded: tail)
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

extension TimeOrderedIDs where Random == SystemRandomNumberGenerator {
    public init() {
        self.init(random: SystemRandomNumberGenerator())
    }
}
