/// The kinds of attachment a disclosure item may carry, recognised by their content (never by the
/// name or the type the browser claims).
public enum AttachmentType: String, Sendable, CaseIterable, Codable {
    case pdf, docx, xlsx, png, jpeg, gif

    public var mimeType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .gif: return "image/gif"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    public var isImage: Bool { [.png, .jpeg, .gif].contains(self) }

    public var label: String {
        switch self {
        case .pdf: return "PDF"
        case .docx: return "Word 文档"
        case .xlsx: return "Excel 表格"
        case .png, .jpeg, .gif: return "图片"
        }
    }

    /// What the bytes are, or nil for anything else (including old .doc/.xls, executables, HTML).
    public static func detect(_ bytes: [UInt8]) -> AttachmentType? {
        func starts(_ sig: [UInt8]) -> Bool { bytes.count >= sig.count && Array(bytes.prefix(sig.count)) == sig }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let names = ZipDirectory.entryNames(bytes) ?? []
            if names.contains("word/document.xml") { return .docx }
            if names.contains("xl/workbook.xml") { return .xlsx }
        }
        return nil
    }

    /// A file name safe to send in Content-Disposition: no path, no control or reserved
    /// characters, at most 80 characters, with the extension of the detected type.
    public static func safeName(_ original: String, type: AttachmentType) -> String {
        let base = original.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var stem = base
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { stem = String(base[..<dot]) }
        let cleaned = stem.unicodeScalars.filter { s in
            s.value >= 0x20 && s.value != 0x7F && !"\"*:<>?|;".unicodeScalars.contains(s)
        }
        var name = String(String.UnicodeScalarView(cleaned)).trimmingSpaces()
        if name.isEmpty || name.allSatisfy({ $0 == "." }) { name = "附件" }
        return String(name.prefix(80)) + "." + type.fileExtension
    }
}

/// Reads the names in a ZIP archive's central directory (enough to tell DOCX from XLSX).
public enum ZipDirectory {
    public static func entryNames(_ b: [UInt8]) -> [String]? {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard b.count >= 22 else { return nil }
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        var eocd: Int?
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard let e = eocd else { return nil }
        let count = u16(e + 10)
        var p = u32(e + 16)
        var names: [String] = []
        for _ in 0..<count {
            guard p + 46 <= b.count, b[p] == 0x50, b[p + 1] == 0x4B, b[p + 2] == 0x01, b[p + 3] == 0x02 else { return nil }
            let nameLength = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32)
            guard p + 46 + nameLength <= b.count else { return nil }
            names.append(String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self))
            p += 46 + nameLength + extra + comment
        }
        return names
    }
}
