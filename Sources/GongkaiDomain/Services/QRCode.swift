/// A QR code (ISO/IEC 18004) in byte mode at error-correction level M, versions 1–10 (up to 213
/// bytes — enough for any page address of the site), so the 公开专区 terminal can hand a page to a
/// phone. Written for this project: Reed–Solomon over GF(256), the function patterns, the zigzag
/// placement and the eight masks scored by the standard's penalty rules.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let mask: Int
    /// `modules[y][x]`, true for dark.
    public let modules: [[Bool]]
    public var size: Int { modules.count }

    /// Level M blocks per version: (EC codewords per block, [(blocks, data codewords each)]).
    static let blocks: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    static func dataCapacity(_ version: Int) -> Int { blocks[version - 1].groups.reduce(0) { $0 + $1.count * $1.data } }

    /// The smallest version that holds `bytes`, nil when the text is too long.
    public init?(bytes: [UInt8]) {
        guard let version = (1...10).first(where: { v in
            let bits = 4 + (v < 10 ? 8 : 16) + 8 * bytes.count
            return bits <= Self.dataCapacity(v) * 8
        }) else { return nil }
        let codewords = Self.codewords(bytes, version: version)
        var best: (penalty: Int, mask: Int, matrix: [[Bool]])?
        for mask in 0..<8 {
            let m = Self.matrix(version: version, codewords: codewords, mask: mask)
            let p = Self.penalty(m)
            if best == nil || p < best!.penalty { best = (p, mask, m) }
        }
        self.version = version
        self.mask = best!.mask
        self.modules = best!.matrix
    }

    public init?(text: String) { self.init(bytes: Array(text.utf8)) }

    // MARK: Data and error correction

    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { append(Int(b), 8) }
        let capacity = dataCapacity(version) * 8
        append(0, min(4, capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { i in bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) } }
        var pad: UInt8 = 0xEC
        while data.count < dataCapacity(version) { data.append(pad); pad = pad == 0xEC ? 0x11 : 0xEC }

        let spec = blocks[version - 1]
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for g in spec.groups { for _ in 0..<g.count { dataBlocks.append(Array(data[offset..<offset + g.data])); offset += g.data } }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, degree: spec.ec) }
        var out: [UInt8] = []
        for i in 0..<(dataBlocks.map(\.count).max() ?? 0) { for b in dataBlocks where i < b.count { out.append(b[i]) } }
        for i in 0..<spec.ec { for b in ecBlocks { out.append(b[i]) } }
        return out
    }

    enum ReedSolomon {
        static let (exp, log): ([UInt8], [Int]) = {
            var exp = [UInt8](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
            var x = 1
            for i in 0..<255 {
                exp[i] = UInt8(x); log[x] = i
                x <<= 1
                if x & 0x100 != 0 { x ^= 0x11D }
            }
            for i in 255..<512 { exp[i] = exp[i - 255] }
            return (exp, log)
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
        }

        /// The generator polynomial ∏(x − αⁱ), i < degree, highest coefficient (1) left out.
        static func generator(_ degree: Int) -> [UInt8] {
            var g: [UInt8] = [1]
            for i in 0..<degree {
                var next = [UInt8](repeating: 0, count: g.count + 1)
                for (j, c) in g.enumerated() {
                    next[j] ^= c
                    next[j + 1] ^= multiply(c, exp[i])
                }
                g = next
            }
            return Array(g.dropFirst())
        }

        static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
            let g = generator(degree)
            var r = [UInt8](repeating: 0, count: degree)
            for d in data {
                let factor = d ^ r[0]
                r.removeFirst(); r.append(0)
                for i in 0..<degree { r[i] ^= multiply(g[i], factor) }
            }
            return r
        }
    }

    // MARK: The matrix

    static func matrix(version: Int, codewords: [UInt8], mask: Int) -> [[Bool]] {
        let size = 17 + 4 * version
        var m = [[Bool]](repeating: [Bool](repeating: false, count: size), count: size)
        var function = m
        func set(_ x: Int, _ y: Int, _ dark: Bool) { m[y][x] = dark; function[y][x] = true }

        for i in 0..<size { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0) }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 { for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let d = max(abs(dx), abs(dy))
                set(x, y, d != 2 && d != 4)
            } }
        }
        let positions = alignment[version - 1]
        for (i, ax) in positions.enumerated() { for (j, ay) in positions.enumerated() {
            let last = positions.count - 1
            if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
            for dy in -2...2 { for dx in -2...2 { set(ax + dx, ay + dy, max(abs(dx), abs(dy)) != 1) } }
        } }
        format(&m, &function, mask: 0, size: size) // reserves the areas; drawn again below
        if version >= 7 {
            var rem = version
            for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
            let bits = version << 12 | rem
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                set(a, b, dark); set(b, a, dark)
            }
        }

        var i = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vert : vert
                    if !function[y][x] && i < codewords.count * 8 {
                        m[y][x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
        for y in 0..<size { for x in 0..<size where !function[y][x] && masked(mask, x, y) { m[y][x].toggle() } }
        format(&m, &function, mask: mask, size: size)
        return m
    }

    static func masked(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return x * y % 2 + x * y % 3 == 0
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The 15 format bits (level M = 00, the mask, BCH(15,5), XOR 0x5412) in both copies.
    static func format(_ m: inout [[Bool]], _ function: inout [[Bool]], mask: Int, size: Int) {
        let data = 0b00 << 3 | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = (data << 10 | rem) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        func set(_ x: Int, _ y: Int, _ dark: Bool) { m[y][x] = dark; function[y][x] = true }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6)); set(8, 8, bit(7)); set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, imbalance.
    static func penalty(_ m: [[Bool]]) -> Int {
        let size = m.count
        var p = 0
        let lines = m + (0..<size).map { x in (0..<size).map { m[$0][x] } }
        let finderLike: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                    [false, false, false, false, true, false, true, true, true, false, true]]
        for line in lines {
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] { run += 1 } else { if run >= 5 { p += run - 2 }; run = 1 }
            }
            if run >= 5 { p += run - 2 }
            if size >= 11 { for i in 0...(size - 11) where finderLike.contains(Array(line[i..<i + 11])) { p += 40 } }
        }
        for y in 0..<size - 1 { for x in 0..<size - 1 {
            let c = m[y][x]
            if c == m[y][x + 1] && c == m[y + 1][x] && c == m[y + 1][x + 1] { p += 3 }
        } }
        let dark = m.reduce(0) { $0 + $1.filter { $0 }.count }, total = size * size
        p += (abs(dark * 20 - total * 10) + total - 1) / total * 10 - 10
        return p
    }

    /// As SVG, with the four-module quiet zone; one path, so it scales crisply for any screen.
    public func svg(label: String, moduleSize: Int = 4) -> String {
        let full = size + 8
        var d = ""
        for y in 0..<size { for x in 0..<size where modules[y][x] { d += "M\(x + 4),\(y + 4)h1v1h-1z" } }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(full) \(full)\" width=\"\(full * moduleSize)\" height=\"\(full * moduleSize)\" role=\"img\" aria-label=\"\(XMLText.escape(label))\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(full)\" height=\"\(full)\" fill=\"#fff\"/><path d=\"\(d)\" fill=\"#000\"/></svg>"
    }
}
