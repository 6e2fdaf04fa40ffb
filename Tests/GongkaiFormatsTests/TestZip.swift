import Foundation
import ZIPFoundation

/// Builds ZIP archives for the tests by hand (not with the code under test): local headers,
/// data, central directory, end record, and the malformations a hostile upload would use.
/// Checksums by zlib (through ZIPFoundation's `Data.crc32`).
enum TestZip {
    struct Part {
        var method: Int
        var data: [UInt8]
        var crc: UInt32
        var size: Int
        /// What the central directory says instead, when it should disagree with the local header.
        var centralMethod: Int?
        var centralSize: Int?
        var localHeaderOffset: Int?
        /// General-purpose flags; bit 3 writes the sizes and CRC in a data descriptor after the data.
        var flags = 0
    }

    static func stored(_ plain: [UInt8]) -> Part {
        Part(method: 0, data: plain, crc: checksum(plain), size: plain.count)
    }

    static func stored(_ text: String) -> Part { stored(Array(text.utf8)) }

    /// A raw DEFLATE stream and the bytes it stands for.
    static func deflated(_ stream: [UInt8], of plain: [UInt8]) -> Part {
        Part(method: 8, data: stream, crc: checksum(plain), size: plain.count)
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 { Data(bytes).crc32(checksum: 0) }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }

    /// `extraNamesForFirst`: more directory entries that point at the first entry's bytes.
    static func build(_ entries: [(String, Part)], extraNamesForFirst: [String] = []) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var count = 0
        var first: (offset: Int, part: Part)?
        func centralRecord(_ name: [UInt8], _ part: Part, offset: Int) -> [UInt8] {
            le32(0x02014B50) + le16(20) + le16(20) + le16(part.flags) + le16(part.centralMethod ?? part.method) + le16(0) + le16(0x21)
                + le32(Int(part.crc)) + le32(part.data.count) + le32(part.centralSize ?? part.size) + le16(name.count) + le16(0) + le16(0)
                + le16(0) + le16(0) + le32(0) + le32(part.localHeaderOffset ?? offset) + name
        }
        for (name, part) in entries {
            let n = Array(name.utf8)
            let offset = out.count
            let descriptor = part.flags & 8 != 0
            out += le32(0x04034B50) + le16(20) + le16(part.flags) + le16(part.method) + le16(0) + le16(0x21)
                + (descriptor ? le32(0) + le32(0) + le32(0) : le32(Int(part.crc)) + le32(part.data.count) + le32(part.size))
                + le16(n.count) + le16(0) + n + part.data
            if descriptor { out += le32(0x08074B50) + le32(Int(part.crc)) + le32(part.data.count) + le32(part.size) }
            central += centralRecord(n, part, offset: offset)
            count += 1
            if first == nil { first = (offset, part) }
        }
        for name in extraNamesForFirst {
            central += centralRecord(Array(name.utf8), first!.part, offset: first!.offset)
            count += 1
        }
        let centralOffset = out.count
        out += central
        out += le32(0x06054B50) + le16(0) + le16(0) + le16(count) + le16(count) + le32(central.count) + le32(centralOffset) + le16(0)
        return out
    }

    /// A raw DEFLATE stream (one fixed-Huffman block) of `count` zero bytes: a literal zero, then
    /// copies of length 258 at distance 1, then the rest as literals.
    static func deflatedZeros(_ count: Int) -> Part {
        var bytes: [UInt8] = []
        var buffer = 0, filled = 0
        func bits(_ value: Int, _ n: Int) {
            buffer |= value << filled
            filled += n
            while filled >= 8 { bytes.append(UInt8(buffer & 0xFF)); buffer >>= 8; filled -= 8 }
        }
        // Huffman codes go most significant bit first.
        func code(_ value: Int, _ n: Int) { for i in stride(from: n - 1, through: 0, by: -1) { bits((value >> i) & 1, 1) } }
        bits(1, 1); bits(1, 2)          // last block, fixed codes
        code(0x30, 8)                   // literal 0
        var left = count - 1
        while left >= 258 { code(0b11000101, 8); code(0, 5); left -= 258 }  // length 258 (symbol 285), distance 1
        while left > 0 { code(0x30, 8); left -= 1 }
        code(0, 7)                      // end of block
        if filled > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        return deflated(bytes, of: [UInt8](repeating: 0, count: count))
    }
}
