import Foundation

/// The word lists of `bench/vocabulary.txt`: sections of entries, earlier entries drawn more often.
struct Vocabulary: Sendable {
    var sections: [String: [String]] = [:]
    /// [object] entries' disclosure column.
    var columnOf: [String: String] = [:]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") { current = String(line.dropFirst().dropLast()); continue }
            let fields = line.split(separator: "\t").map(String.init)
            sections[current, default: []].append(fields[0])
            if fields.count > 1 { columnOf[fields[0]] = fields[1] }
        }
    }

    func list(_ name: String) -> [String] { sections[name] ?? [] }
}

/// SplitMix64: small, fast and the same sequence on every machine for a given seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

/// Draws entries with weight 1/(rank+1)^s: a few terms are everywhere, most are occasional,
/// as in real government writing.
struct ZipfPicker: Sendable {
    let entries: [String]
    let cumulative: [Double]

    init(_ entries: [String], exponent: Double = 0.9) {
        self.entries = entries
        var total = 0.0
        var c: [Double] = []
        for k in entries.indices {
            total += 1 / pow(Double(k + 1), exponent)
            c.append(total)
        }
        cumulative = c.map { $0 / total }
    }

    func pick(_ rng: inout SplitMix64) -> String {
        let u = rng.unit()
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return entries[lo]
    }
}
