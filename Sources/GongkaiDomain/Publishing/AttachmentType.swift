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
        if starts(Array("%PDF-".utf8)) { return isPlausiblePDF(bytes) ? .pdf : nil }
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

    /// More than the signature: a version after `%PDF-`, the `%%EOF` trailer near the end, and no
    /// markup a browser would run in its first kilobyte (HTML behind a PDF header is refused).
    static func isPlausiblePDF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 16, (48...57).contains(bytes[5]), bytes[6] == 46 else { return false }
        let tail = String(decoding: bytes.suffix(1024), as: UTF8.self)
        guard tail.contains("%%EOF") else { return false }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return !["<html", "<script", "<!doctype", "<body", "<svg", "<iframe"].contains { head.contains($0) }
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
