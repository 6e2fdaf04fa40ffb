import Foundation

/// An amount of money in 分 (hundredths of a yuan), so sums are exact.
public struct Money: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let fen: Int

    public init(fen: Int) { self.fen = fen }

    /// "1234.5", "1,234.50", "-20", "1234.50元": at most two decimals, at most 10 000 000 000 yuan.
    public init?(parsing raw: String) {
        var s = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if s.hasSuffix("元") { s.removeLast() }
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("－") { negative = true; s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 11, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              let yuan = Int(whole) else { return nil }
        var cents = 0
        if parts.count == 2 {
            let d = parts[1]
            guard !d.isEmpty, d.count <= 2, d.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(d) else { return nil }
            cents = d.count == 1 ? n * 10 : n
        }
        guard yuan <= 10_000_000_000 else { return nil }
        fen = (yuan * 100 + cents) * (negative ? -1 : 1)
    }

    /// "1,234.50".
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let a = abs(fen)
        var whole = String(a / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = a % 100
        return sign + whole + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static let zero = Money(fen: 0)
}
