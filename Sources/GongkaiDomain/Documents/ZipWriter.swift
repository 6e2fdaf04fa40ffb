/// Writes a ZIP archive with stored (uncompressed) entries: enough for .docx/.xlsx packages, which
/// every reader accepts uncompressed. UTF-8 names, CRC-32, one central directory.
public struct ZipWriter: Sendable {
    struct Entry {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt32
        let offset: UInt32
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(bytes.count)
        append32(0x0403_4b50)          // local file header
        append16(20)                   // version needed
        append16(0x0800)               // flags: UTF-8 names
        append16(0)                    // method: stored
        append16(0); append16(0x21)    // time, date (1980-01-01): fixed, so output is reproducible
        append32(crc)
        append32(UInt32(data.count)); append32(UInt32(data.count))
        append16(UInt16(nameBytes.count)); append16(0)
        bytes += nameBytes
        bytes += data
        entries.append(Entry(name: nameBytes, crc: crc, size: UInt32(data.count), offset: offset))
    }

    public mutating func add(_ name: String, text: String) { add(name, Array(text.utf8)) }

    public func finish() -> [UInt8] {
        var out = self
        let directoryStart = UInt32(out.bytes.count)
        for e in entries {
            out.append32(0x0201_4b50)      // central directory header
            out.append16(20); out.append16(20)
            out.append16(0x0800); out.append16(0)
            out.append16(0); out.append16(0x21)
            out.append32(e.crc)
            out.append32(e.size); out.append32(e.size)
            out.append16(UInt16(e.name.count)); out.append16(0); out.append16(0)
            out.append16(0); out.append16(0); out.append32(0)
            out.append32(e.offset)
            out.bytes += e.name
        }
        let directorySize = UInt32(out.bytes.count) - directoryStart
        out.append32(0x0605_4b50)          // end of central directory
        out.append16(0); out.append16(0)
        out.append16(UInt16(entries.count)); out.append16(UInt16(entries.count))
        out.append32(directorySize)
        out.append32(directoryStart)
        out.append16(0)
        return out.bytes
    }

    private mutating func append16(_ v: UInt16) { bytes += [UInt8(v & 0xff), UInt8(v >> 8)] }
    private mutating func append32(_ v: UInt32) {
        bytes += [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as ZIP requires.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
