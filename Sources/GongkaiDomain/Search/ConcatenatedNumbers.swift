/// A list of numbers the database concatenates into one text (`group_concat`): the SQLite index
/// answers a query's up to a thousand document numbers as one value instead of a thousand rows,
/// because each row handed through the driver cost more than FTS5's finding it (issue 21).
/// Entries are separated by commas; an entry is a decimal integer, or an integer, one space and a
/// number as SQLite writes a REAL (`1.416026947952`, `1.1e-06`, `-3.5`).
public enum ConcatenatedNumbers {
    /// `12,-4,7` → [12, -4, 7]; nil when an entry is not an integer that fits in `Int`.
    public static func integers(_ text: String) -> [Int]? {
        var out: [Int] = []
        var text = text
        let ok = text.withUTF8 { bytes -> Bool in
            var k = 0
            guard !bytes.isEmpty else { return true }
            while true {
                guard let (n, next) = integer(bytes, from: k) else { return false }
                out.append(n)
                if next == bytes.count { return true }
                guard bytes[next] == UInt8(ascii: ",") else { return false }
                k = next + 1
            }
        }
        return ok ? out : nil
    }

    /// `12 0.5,7 1e-06` → [(12, 0.5), (7, 1e-06)]; nil when an entry is not an integer, a space and
    /// a number.
    public static func pairs(_ text: String) -> [(Int, Double)]? {
        var out: [(Int, Double)] = []
        var text = text
        let ok = text.withUTF8 { bytes -> Bool in
            var k = 0
            guard !bytes.isEmpty else { return true }
            while true {
                guard let (n, space) = integer(bytes, from: k), space < bytes.count, bytes[space] == UInt8(ascii: " ") else { return false }
                var end = space + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                guard end > space + 1, let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[(space + 1)..<end]), as: UTF8.self)) else {
                    return false
                }
                out.append((n, value))
                if end == bytes.count { return true }
                k = end + 1
            }
        }
        return ok ? out : nil
    }

    /// The integer starting at `start` and the index after it; nil without digits or on overflow.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        var k = start
        let negative = k < bytes.count && bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        let first = k
        var value = 0
        while k < bytes.count, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "9") {
            let digit = Int(bytes[k] - UInt8(ascii: "0"))
            // Accumulated negatively, so that Int.min reads too.
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.subtractingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = sum
            k += 1
        }
        guard k > first else { return nil }
        if negative { return (value, k) }
        guard value != Int.min else { return nil }
        return (-value, k)
    }
}
