/// Reads a ZIP archive's central directory: the names of its entries and where their data is.
/// Used by type detection (names only) and, before an archive is opened for reading its parts,
/// to refuse archives whose entries overlap or point outside the file (GongkaiFormats).
public enum ZipDirectory {
    public struct Entry: Sendable, Equatable {
        public let name: String
        /// 0 stored, 8 deflated.
        public let method: Int
        public let compressedSize: Int
        /// As the central directory states it (a reader must not trust it for sizing buffers).
        public let uncompressedSize: Int
        public let localHeaderOffset: Int
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    /// Where the end-of-central-directory record starts: the last signature in the final 64 KiB + 22 bytes.
    public static func endRecordOffset(_ b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { return i }
            i -= 1
        }
        return nil
    }

    /// nil when the bytes are not a readable ZIP archive.
    public static func entries(_ b: [UInt8]) -> [Entry]? {
        guard let e = endRecordOffset(b) else { return nil }
        var p = u32(b, e + 16)
        var entries: [Entry] = []
        for _ in 0..<u16(b, e + 10) {
            guard p + 46 <= b.count, u32(b, p) == 0x02014B50 else { return nil }
            let nameLength = u16(b, p + 28)
            guard p + 46 + nameLength <= b.count else { return nil }
            entries.append(Entry(name: String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self), method: u16(b, p + 10),
                                 compressedSize: u32(b, p + 20), uncompressedSize: u32(b, p + 24), localHeaderOffset: u32(b, p + 42)))
            p += 46 + nameLength + u16(b, p + 30) + u16(b, p + 32)
        }
        return entries
    }

    /// Whether two entries' data overlap (or an entry lies outside the file): the trick that
    /// makes a small archive inflate to gigabytes by pointing many entries at one compressed run.
    public static func hasOverlappingEntries(_ entries: [Entry], in b: [UInt8]) -> Bool {
        var spans: [Range<Int>] = []
        for e in entries {
            let local = e.localHeaderOffset
            guard local + 30 <= b.count, e.compressedSize >= 0 else { return true }
            let end = local + 30 + u16(b, local + 26) + u16(b, local + 28) + e.compressedSize
            guard end <= b.count else { return true }
            spans.append(local..<end)
        }
        spans.sort { $0.lowerBound < $1.lowerBound }
        for (a, b) in zip(spans, spans.dropFirst()) where b.lowerBound < a.upperBound { return true }
        return false
    }

    public static func entryNames(_ b: [UInt8]) -> [String]? {
        entries(b)?.map(\.name)
    }

    /// The raw (still compressed) bytes of an entry, after checking its local header.
    public static func data(of entry: Entry, in b: [UInt8]) -> [UInt8]? {
        let local = entry.localHeaderOffset
        guard local + 30 <= b.count, u32(b, local) == 0x04034B50 else { return nil }
        let start = local + 30 + u16(b, local + 26) + u16(b, local + 28)
        guard start + entry.compressedSize <= b.count else { return nil }
        return Array(b[start..<(start + entry.compressedSize)])
    }
}
