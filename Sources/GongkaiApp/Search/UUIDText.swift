import Foundation

/// UUIDs stored as text (SQLite), read back in bulk: a search reads up to a few thousand of them
/// per query, and Foundation's `UUID(uuidString:)` parses each with `sscanf` (3 % of a search
/// server's CPU in issue 21's profile). The canonical 8-4-4-4-12 form is read byte by byte here;
/// anything else is left to Foundation, so the answers are Foundation's (`UUIDTextTests`).
enum UUIDText {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var raw: [UInt8] = []
            raw.reserveCapacity(16)
            var k = 0
            while k < 36 {
                if k == 8 || k == 13 || k == 18 || k == 23 {
                    guard bytes[k] == UInt8(ascii: "-") else { return nil }
                    k += 1
                    continue
                }
                guard let high = nibble(bytes[k]), let low = nibble(bytes[k + 1]) else { return nil }
                raw.append(high << 4 | low)
                k += 2
            }
            return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                               raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
        } ?? UUID(uuidString: text)
    }

    private static func nibble(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
