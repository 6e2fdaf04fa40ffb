import Foundation
import GongkaiDomain
import ZIPFoundation

/// The parts of an office file (a ZIP package) that a reader asks for, decompressed within one
/// budget for all of them together. ZIPFoundation opens the archive, lists the entries and reads
/// them; the checks before it sees the bytes, the budget and the checksum comparison are ours.
enum OfficeArchive {
    enum Refusal: Error { case overBudget, truncated, checksum }

    /// Bytes handed to the consumer (and read from the archive) at a time.
    static let chunkSize = 64 * 1024

    /// The wanted entries by name; nil when the archive is unreadable, has too many entries,
    /// overlapping entries (the same compressed bytes counted many times), a wanted name twice,
    /// a damaged entry (bad deflate stream or checksum), or decompresses past `budget` in total.
    static func entries(_ bytes: [UInt8], budget: Int, maxEntries: Int, wanted: (String) -> Bool) -> [String: [UInt8]]? {
        guard let directory = ZipDirectory.entries(bytes), directory.count <= maxEntries,
              !ZipDirectory.hasOverlappingEntries(directory, in: bytes),
              readsStayInside(directory, bytes) else { return nil }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return nil
        }
        var result: [String: [UInt8]] = [:]
        var remaining = budget
        // ZIPFoundation walks the same central directory in the same order; the names and
        // methods are taken from our reading of it, the entry to extract from ZIPFoundation's.
        var index = 0
        for entry in archive {
            guard index < directory.count else { return nil }
            let facts = directory[index]
            index += 1
            guard wanted(facts.name) else { continue }
            guard result[facts.name] == nil, entry.type == .file,
                  entry.compressedSize == UInt64(facts.compressedSize),
                  facts.method == 0 || facts.method == 8,
                  // The local header must agree with the directory on the method.
                  entry.isCompressed == (facts.method == 8) else { return nil }
            var data: [UInt8] = []
            let consumer: Consumer = { chunk in
                remaining -= chunk.count
                guard remaining >= 0 else { throw Refusal.overBudget }
                data.append(contentsOf: chunk)
            }
            do {
                let checksum: ZIPFoundation.CRC32
                if facts.method == 8 {
                    guard let raw = ZipDirectory.data(of: facts, in: bytes) else { return nil }
                    checksum = try inflate(raw, consumer: consumer)
                } else {
                    checksum = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: false, consumer: consumer)
                }
                guard checksum == entry.checksum else { throw Refusal.checksum }
            } catch {
                return nil
            }
            result[facts.name] = data
        }
        // ZIPFoundation stops early at a directory record it cannot read.
        guard index == directory.count else { return nil }
        return result
    }

    /// Everything ZIPFoundation seeks to while listing and reading lies inside the file. Its
    /// in-memory archive traps on a read past the end (weichsel/ZIPFoundation#394), so what our
    /// directory check does not already cover is refused here: a ZIP64 end record (its offsets
    /// would replace the ones checked; no office file within the upload limit needs ZIP64) and a
    /// stored entry whose two sizes differ (ZIPFoundation reads a stored entry, and finds its data
    /// descriptor, by the uncompressed size).
    static func readsStayInside(_ directory: [ZipDirectory.Entry], _ b: [UInt8]) -> Bool {
        guard let end = ZipDirectory.endRecordOffset(b) else { return false }
        if end >= 20, b[end - 20] == 0x50, b[end - 19] == 0x4B, b[end - 18] == 0x06, b[end - 17] == 0x07 { return false }
        return directory.allSatisfy { $0.method != 0 || $0.uncompressedSize == $0.compressedSize }
    }

    /// A raw DEFLATE stream through ZIPFoundation's zlib decoder, fed from the entry's own bytes.
    /// `Archive.extract` is not used for deflated entries: on Linux its decoder keeps reading past
    /// the entry and spins forever when the stream has not ended by the end of the file
    /// (weichsel/ZIPFoundation#389). Here a stream that wants more than its compressed bytes is
    /// refused. That decoder always tells zlib a full chunk is available, so the last chunk is
    /// padded to the size asked for; the checksum still has to match what came out.
    static func inflate(_ raw: [UInt8], consumer: Consumer) throws -> ZIPFoundation.CRC32 {
        var position = 0
        let provider: Provider = { _, size in
            guard position < raw.count else { throw Refusal.truncated }
            let end = min(raw.count, position + size)
            var chunk = Data(raw[position..<end])
            position = end
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }
        return try Data.decompress(size: Int64(raw.count), bufferSize: chunkSize, skipCRC32: false,
                                   provider: provider, consumer: consumer)
    }
}
