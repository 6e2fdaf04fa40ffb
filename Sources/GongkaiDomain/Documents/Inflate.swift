/// Raw DEFLATE decompression (RFC 1951), enough to read the parts of DOCX and XLSX files. Decodes
/// canonical Huffman codes one bit at a time: not the fastest way, but short and easy to check,
/// and attachment texts are small.
public enum Inflate {
    public enum Failure: Error, Equatable { case corrupt, tooLarge }

    struct BitReader {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer = 0
        var bitCount = 0

        mutating func bits(_ n: Int) throws(Failure) -> Int {
            while bitCount < n {
                guard position < bytes.count else { throw .corrupt }
                bitBuffer |= Int(bytes[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & ((1 << n) - 1)
            bitBuffer >>= n
            bitCount -= n
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws(Failure) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }

        func decode(_ r: inout BitReader) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try r.bits(1)
                let count = counts[length]
                if code - first < count { return symbols[index + code - first] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw .corrupt
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                               3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decompresses `input`; stops with `.tooLarge` past `limit` bytes of output (a zip bomb).
    public static func raw(_ input: [UInt8], limit: Int = 32 * 1024 * 1024) throws(Failure) -> [UInt8] {
        var r = BitReader(bytes: input)
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, input.count * 4))
        let fixedLiterals = try Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
        let fixedDistances = try Huffman(lengths: [Int](repeating: 5, count: 30))
        var last = false
        while !last {
            last = try r.bits(1) == 1
            switch try r.bits(2) {
            case 0:
                r.alignToByte()
                guard r.position + 4 <= input.count else { throw .corrupt }
                let len = Int(input[r.position]) | Int(input[r.position + 1]) << 8
                let nlen = Int(input[r.position + 2]) | Int(input[r.position + 3]) << 8
                guard len == (~nlen & 0xFFFF), r.position + 4 + len <= input.count else { throw .corrupt }
                out += input[(r.position + 4)..<(r.position + 4 + len)]
                r.position += 4 + len
            case 1:
                try codes(&r, &out, fixedLiterals, fixedDistances, limit: limit)
            case 2:
                let literalCount = try r.bits(5) + 257, distanceCount = try r.bits(5) + 1, codeCount = try r.bits(4) + 4
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0..<codeCount { codeLengths[codeLengthOrder[i]] = try r.bits(3) }
                let lengthCode = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try lengthCode.decode(&r)
                    switch symbol {
                    case 0...15: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw .corrupt }
                        lengths += [Int](repeating: previous, count: 3 + (try r.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try r.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try r.bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount, lengths[256] != 0 else { throw .corrupt }
                try codes(&r, &out, try Huffman(lengths: Array(lengths[..<literalCount])),
                          try Huffman(lengths: Array(lengths[literalCount...])), limit: limit)
            default:
                throw .corrupt
            }
            if out.count > limit { throw .tooLarge }
        }
        return out
    }

    static func codes(_ r: inout BitReader, _ out: inout [UInt8], _ literals: Huffman, _ distances: Huffman, limit: Int) throws(Failure) {
        while true {
            let symbol = try literals.decode(&r)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let i = symbol - 257
                guard i < lengthBase.count else { throw .corrupt }
                let length = lengthBase[i] + (try r.bits(lengthExtra[i]))
                let d = try distances.decode(&r)
                guard d < distanceBase.count else { throw .corrupt }
                let distance = distanceBase[d] + (try r.bits(distanceExtra[d]))
                guard distance <= out.count else { throw .corrupt }
                let start = out.count - distance
                for k in 0..<length { out.append(out[start + k]) }
                if out.count > limit { throw .tooLarge }
            }
        }
    }
}
