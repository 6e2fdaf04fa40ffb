import Foundation
import GongkaiDomain
import NIOCore
import PostgresKit

/// PostgreSQL's `to_tsvector('simple', terms)` of our index terms, made here instead of by the
/// database and sent in the binary form of a `tsvector` parameter. Profiled loading 20,000 documents into PostgreSQL, `to_tsvector`
/// was half of the server's CPU (its parser decoding every character, the dictionary lower-casing
/// every token, a sort of every occurrence); reading a ready vector is a small part of that, and
/// the server is what a load waits for. The binary form (`tsvectorrecv`: the lexeme count, then
/// each lexeme NUL-terminated with its position count and positions as 16-bit numbers) spares the
/// server the parsing of the text form, which was a sixth of its time in the next profile.
///
/// Only for terms whose tokens PostgreSQL's parser reads as exactly that term in every locale:
/// CJK characters and ASCII lower-case letters and digits (what `SearchTokenizer` makes of
/// Chinese text and Latin words). A term with any other character (Greek, ①, accented Latin,
/// which the parser treats by the database's locale), or too long to be indexed, gives nil, and
/// the caller lets the database make the vector as before.
///
/// PostgreSQL's limits are kept as `to_tsvector` keeps them: a position above 16,383 counts as
/// 16,383, a lexeme keeps at most 255 positions, and a position is not repeated.
struct PostgresTermVector: PostgresNonThrowingEncodable, Encodable, Sendable {
    /// `tsvector`'s type number, fixed in PostgreSQL's catalogue.
    static let psqlType = PostgresDataType(3614)
    static let psqlFormat = PostgresFormat.binary

    /// The lexemes in byte order, each with its positions, as `tsvectorsend` writes them.
    let bytes: ByteBuffer

    func encode(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<some PostgresJSONEncoder>) {
        byteBuffer.writeImmutableBuffer(bytes)
    }

    /// Only PostgreSQL's binary binding is meaningful.
    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "a tsvector binds in binary form only"))
    }

    /// `MAXENTRYPOS - 1`.
    static let lastPosition = 16_383
    /// `MAXNUMPOS - 1`.
    static let positionsPerLexeme = 255
    /// A vector's lexeme holds at most 2,046 bytes (the parser skips tokens of 2,048 and more; the
    /// test found 2,047 refused by the vector's reader).
    static let longestTerm = 2_046

    /// Works on the terms' UTF-8 bytes (hashing and comparing `Substring`s normalises them, which
    /// made this the loader's bottleneck).
    static func make(_ terms: String) -> PostgresTermVector? {
        var terms = terms
        return terms.withUTF8 { bytes in make(bytes) }.map(PostgresTermVector.init)
    }

    private static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> ByteBuffer? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ByteBuffer(integer: Int32(0)) }
        // The lexemes (byte ranges, first occurrence) and, per occurrence in order, its lexeme.
        var starts: [Int] = [], ends: [Int] = []
        var occurrences: [Int32] = []
        occurrences.reserveCapacity(bytes.count / 4)
        var slots = [Int32](repeating: -1, count: max(64, 1 << (Int.bitWidth - (bytes.count / 2).leadingZeroBitCount)))
        var mask = slots.count - 1
        func hash(_ range: Range<Int>) -> Int {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in range { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: h)
        }
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20 { i += 1; continue }
            let start = i
            while i < bytes.count, bytes[i] != 0x20 { i += 1 }
            guard isPlain(UnsafeBufferPointer(rebasing: bytes[start..<i])) else { return nil }
            var slot = hash(start..<i) & mask
            while true {
                let found = slots[slot]
                if found < 0 {
                    slots[slot] = Int32(starts.count)
                    occurrences.append(Int32(starts.count))
                    starts.append(start)
                    ends.append(i)
                    break
                }
                let f = Int(found)
                if ends[f] - starts[f] == i - start, memcmp(base + starts[f], base + start, i - start) == 0 {
                    occurrences.append(found)
                    break
                }
                slot = (slot + 1) & mask
            }
            // Keep the table at most half full.
            if starts.count * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                mask = slots.count - 1
                for (n, (s, e)) in zip(starts, ends).enumerated() {
                    var slot = hash(s..<e) & mask
                    while slots[slot] >= 0 { slot = (slot + 1) & mask }
                    slots[slot] = Int32(n)
                }
            }
        }
        // Each lexeme's positions, in order, by counting.
        let count = starts.count
        var first = [Int](repeating: 0, count: count + 1)
        for o in occurrences { first[Int(o) + 1] += 1 }
        for k in 0..<count { first[k + 1] += first[k] }
        var fill = first
        var positions = [Int32](repeating: 0, count: occurrences.count)
        for (n, o) in occurrences.enumerated() {
            positions[fill[Int(o)]] = Int32(min(n + 1, lastPosition))
            fill[Int(o)] += 1
        }
        // PostgreSQL keeps lexemes in byte order (it sorts them again when it reads the text; in
        // order, that sort only checks).
        var order = Array(0..<count)
        order.sort { a, b in
            let la = ends[a] - starts[a], lb = ends[b] - starts[b]
            let c = memcmp(base + starts[a], base + starts[b], min(la, lb))
            return c != 0 ? c < 0 : la < lb
        }
        var out = ByteBuffer()
        out.reserveCapacity(4 + bytes.count + occurrences.count * 2 + count * 3)
        out.writeInteger(Int32(count))
        var kept: [UInt16] = []
        for k in order {
            out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[starts[k]..<ends[k]]))
            out.writeInteger(UInt8(0))
            kept.removeAll(keepingCapacity: true)
            for n in first[k]..<first[k + 1] where kept.count < positionsPerLexeme && UInt16(positions[n]) != kept.last {
                kept.append(UInt16(positions[n]))
            }
            out.writeInteger(UInt16(kept.count))
            for p in kept { out.writeInteger(p) }
        }
        return out
    }

    /// The CJK blocks as Unicode 11 assigned them (the C library of the oldest systems a county
    /// runs PostgreSQL on classes those as letters; later additions and unassigned code points may
    /// be separators there, so texts with them are left to the database). All inside
    /// `SearchTokenizer.isCJK`.
    static let assignedCJK: [ClosedRange<UInt32>] = [
        0x4E00...0x9FEF, 0x3400...0x4DB5, 0xF900...0xFA6D, 0xFA70...0xFAD9, 0x20000...0x2A6D6,
        0x2A700...0x2B734, 0x2B740...0x2B81D, 0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0, 0x2F800...0x2FA1D,
    ]

    /// CJK characters only, or ASCII lower-case letters and digits only, and short enough.
    static func isPlain(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !term.isEmpty, term.count <= longestTerm else { return false }
        if term[0] < 0x80 {
            return term.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
        }
        // Well-formed UTF-8 (it came from a String); every scalar must be CJK.
        var i = 0
        while i < term.count {
            let b = term[i]
            let scalar: UInt32
            if b >= 0xF0 {
                guard i + 3 < term.count else { return false }
                scalar = (UInt32(b & 0x07) << 18) | (UInt32(term[i + 1] & 0x3F) << 12) | (UInt32(term[i + 2] & 0x3F) << 6) | UInt32(term[i + 3] & 0x3F)
                i += 4
            } else if b >= 0xE0 {
                guard i + 2 < term.count else { return false }
                scalar = (UInt32(b & 0x0F) << 12) | (UInt32(term[i + 1] & 0x3F) << 6) | UInt32(term[i + 2] & 0x3F)
                i += 3
            } else {
                return false
            }
            guard Self.assignedCJK.contains(where: { $0.contains(scalar) }) else { return false }
        }
        return true
    }
}
