/// Removes what a phone writes into a photo besides the picture — GPS position, time, camera,
/// comments — before the photo of a 公开栏 is stored. JPEG keeps only JFIF, the colour profile,
/// Adobe's colour transform and a minimal EXIF with the orientation (so portrait photos still
/// stand upright); PNG loses its text, time and EXIF chunks. Malformed files are refused (nil).
public enum ImageMetadata {
    public static func strip(_ bytes: [UInt8]) -> [UInt8]? {
        if bytes.starts(with: [0xFF, 0xD8]) { return stripJPEG(bytes) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return stripPNG(bytes) }
        return nil
    }

    static func stripJPEG(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        var orientation: UInt16?
        var segments = 0
        while i + 4 <= b.count {
            segments += 1
            guard segments < 10_000, b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD9 { out += [0xFF, 0xD9]; return out }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { return nil }
            let segment = Array(b[i..<(i + 2 + length)])
            let payload = Array(b[(i + 4)..<(i + 2 + length)])
            switch marker {
            case 0xE1:
                if orientation == nil { orientation = exifOrientation(payload) }
            case 0xE0, 0xE2, 0xEE:
                out += segment
            case 0xE3...0xED, 0xEF, 0xFE:
                break
            case 0xDA:
                // Start of scan: the orientation goes in before the first frame data; the rest is the picture.
                if let o = orientation {
                    // After JFIF's APP0 when there is one (it wants to be first).
                    var at = 2
                    if out.count > 6, out[2] == 0xFF, out[3] == 0xE0 { at = 4 + (Int(out[4]) << 8 | Int(out[5])) }
                    out.insert(contentsOf: minimalExif(orientation: o), at: at)
                }
                out += b[i...]
                return out
            default:
                out += segment
            }
            i += 2 + length
        }
        return nil
    }

    /// The orientation (1–8) from an EXIF APP1 payload's first IFD, if present.
    static func exifOrientation(_ p: [UInt8]) -> UInt16? {
        guard p.count >= 14, p.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let t = Array(p[6...])
        let big: Bool
        if t.starts(with: [0x4D, 0x4D]) { big = true } else if t.starts(with: [0x49, 0x49]) { big = false } else { return nil }
        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= t.count else { return nil }
            return big ? UInt16(t[at]) << 8 | UInt16(t[at + 1]) : UInt16(t[at + 1]) << 8 | UInt16(t[at])
        }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= t.count else { return nil }
            let v = big ? (UInt32(t[at]) << 24 | UInt32(t[at + 1]) << 16 | UInt32(t[at + 2]) << 8 | UInt32(t[at + 3]))
                        : (UInt32(t[at + 3]) << 24 | UInt32(t[at + 2]) << 16 | UInt32(t[at + 1]) << 8 | UInt32(t[at]))
            return Int(v)
        }
        guard let ifd = u32(4), let count = u16(ifd), count <= 500 else { return nil }
        for n in 0..<Int(count) {
            let entry = ifd + 2 + n * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112, let value = u16(entry + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// An APP1 segment with a big-endian TIFF header and one IFD holding only the orientation.
    static func minimalExif(orientation: UInt16) -> [UInt8] {
        let tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
                             0x00, 0x01,
                             0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static func stripPNG(_ b: [UInt8]) -> [UInt8]? {
        var out = Array(b[0..<8])
        var i = 8
        let dropped: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]
        var chunks = 0
        while i + 12 <= b.count {
            chunks += 1
            guard chunks < 100_000 else { return nil }
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 0, i + 12 + length <= b.count else { return nil }
            let type = String(decoding: b[(i + 4)..<(i + 8)], as: UTF8.self)
            if !dropped.contains(type) { out += b[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" { return out }
        }
        return nil
    }
}
