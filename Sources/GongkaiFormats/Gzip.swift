import Foundation
import ZIPFoundation

/// A gzip member (RFC 1952) around ZIPFoundation's raw deflate, for compressed HTTP responses.
/// Only compression: the site never accepts compressed bodies.
public enum Gzip {
    /// The gzip encoding of `bytes`, or nil if zlib refuses (the caller then sends them plain).
    public static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        let input = Data(bytes)
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]  // deflate, no flags, no mtime, unknown OS
        out.reserveCapacity(bytes.count / 3 + 64)
        let crc: UInt32
        do {
            crc = try Data.compress(size: Int64(input.count), bufferSize: 64 * 1024, provider: { position, size in
                input.subdata(in: Int(position)..<Int(position) + size)
            }, consumer: { chunk in out.append(contentsOf: chunk) })
        } catch {
            return nil
        }
        for v in [crc, UInt32(truncatingIfNeeded: bytes.count)] {
            out += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)]
        }
        return out
    }
}
