import Foundation
import MultipartKit

/// A `multipart/form-data` body (RFC 7578) split into text fields and files. Written for the
/// forms of this site: small numbers of parts, files held in memory up to the upload limit.
/// The framing (delimiters, header lines, part bodies) is multipart-kit's `MultipartParser`; the
/// limits, the closing-delimiter check and the Content-Disposition parameters are ours.
public struct MultipartForm: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public let field: String
        public let filename: String
        public let contentType: String
        public let data: [UInt8]

        public init(field: String, filename: String, contentType: String, data: [UInt8]) {
            self.field = field
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public private(set) var fields: [String: [String]] = [:]
    public private(set) var files: [File] = []

    /// Limits for a hostile body: a part's header block, the number of parts, a text field's size.
    public static let maxHeaderBytes = 8 * 1024
    public static let maxParts = 200
    public static let maxFieldBytes = 1024 * 1024

    /// The body is handed to the parser in pieces of this size, so that a limit broken early ends
    /// the work early.
    static let chunkSize = 64 * 1024

    /// The boundary from a Content-Type header value, e.g. `multipart/form-data; boundary=----x`.
    public static func boundary(fromContentType value: String) -> String? {
        guard value.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for part in value.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(b.count) ? b : nil
            }
        }
        return nil
    }

    /// nil when the body is not well-formed multipart with this boundary: a framing error, a part
    /// without a name, a limit broken, or a body that ends before the closing `--boundary--`.
    public init?(body: [UInt8], boundary: String) {
        guard !boundary.isEmpty, boundary.utf8.allSatisfy(Self.isBoundaryCharacter) else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        // A form without parts is the closing delimiter alone; the parser expects a part after
        // the first delimiter, so this one case is answered here.
        if body.starts(with: delimiter + [45, 45]) { return }
        guard Self.framesWithoutTrapping(body, boundary: boundary) else { return nil }

        let reader = PartReader()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { buffer in reader.body(buffer.readableBytesView) }
        parser.onPartComplete = { reader.complete() }
        var offset = 0
        do {
            while offset < body.count, !reader.failed {
                let end = min(body.count, offset + Self.chunkSize)
                try parser.execute(ByteBuffer(bytes: body[offset..<end]))
                offset = end
            }
        } catch {
            return nil
        }
        guard !reader.failed, Self.isClosed(parser, boundary: boundary, reader: reader),
              Self.closingDelimiterHasTwoDashes(body, delimiter: delimiter) else { return nil }
        fields = reader.fields
        files = reader.files
    }

    /// The characters RFC 2046 allows in a boundary (`bchars`): ASCII, and never a double quote.
    static func isBoundaryCharacter(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122: return true
        default: return Array("'()+_,-./:=? ".utf8).contains(c)
        }
    }

    /// multipart-kit 4.7.1 looks a header name's bytes up in a 128-entry table, so a byte of 0x80
    /// or above where the parser reads a header name traps (found by the fuzzer). The body is
    /// first framed with every such byte replaced by `"`, which no boundary contains and no header
    /// name allows: the parser then takes exactly the path it takes on the real bytes and, where
    /// those would trap, fails with a syntax error instead. Nothing is kept from this pass.
    static func framesWithoutTrapping(_ body: [UInt8], boundary: String) -> Bool {
        let parser = MultipartParser(boundary: boundary)
        var offset = 0
        do {
            while offset < body.count {
                let end = min(body.count, offset + chunkSize)
                try parser.execute(body[offset..<end].map { $0 < 0x80 ? $0 : 0x22 })
                offset = end
            }
        } catch {
            return false
        }
        return true
    }

    /// Whether the parser stopped at the closing delimiter. It does not fail on a body that simply
    /// ends, so it is fed one more delimiter and header line: in any state but the epilogue that
    /// gives a callback (a header, body bytes, a finished part) or a syntax error; after the
    /// closing delimiter the parser ignores everything.
    static func isClosed(_ parser: MultipartParser, boundary: String, reader: PartReader) -> Bool {
        reader.probing = true
        do {
            try parser.execute(Array("\r\n--\(boundary)\r\nX-Probe: 1\r\n\r\n".utf8))
        } catch {
            return false
        }
        return !reader.eventWhileProbing
    }

    /// The parser takes `--boundary-` as the end; the body must really say `--boundary--`. Every
    /// `CRLF--boundary` after the opening one is a delimiter, so the first one followed by a dash
    /// is where the parser stopped.
    static func closingDelimiterHasTwoDashes(_ body: [UInt8], delimiter: [UInt8]) -> Bool {
        let needle: [UInt8] = [13, 10] + delimiter + [45]
        guard let at = find(needle, in: body, from: 0) else { return false }
        let next = at + needle.count
        return next < body.count && body[next] == 45
    }

    /// A quoted (or bare) parameter of a header line; quotes and backslash escapes removed.
    /// One pass over the line (a hostile line of many `;` must not cost quadratic time).
    static func parameter(_ key: String, in line: String) -> String? {
        parameters(of: line)[key]
    }

    /// Every `name=value` parameter after the first `;` of a header line, names lower-cased; the
    /// first occurrence of a name wins.
    static func parameters(of line: String) -> [String: String] {
        var result: [String: String] = [:]
        let chars = Array(line.unicodeScalars)
        guard var i = chars.firstIndex(of: ";") else { return result }
        while i < chars.count {
            // At a ';': skip it and spaces, read the name up to '=' or ';'.
            i += 1
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            var name = String.UnicodeScalarView()
            while i < chars.count, chars[i] != "=", chars[i] != ";" { name.append(chars[i]); i += 1 }
            guard i < chars.count, chars[i] == "=" else { continue }
            i += 1
            var value = String.UnicodeScalarView()
            if i < chars.count, chars[i] == "\"" {
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    value.append(chars[i]); i += 1
                }
                // Past the closing quote, up to the next ';'.
                while i < chars.count, chars[i] != ";" { i += 1 }
            } else {
                while i < chars.count, chars[i] != ";" { value.append(chars[i]); i += 1 }
            }
            let key = String(name).trimmingCharacters(in: .whitespaces).lowercased()
            if !key.isEmpty, result[key] == nil {
                result[key] = String(value).trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        let first = needle[0]
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Collects the parts as the parser reports them and keeps the limits.
    final class PartReader {
        var fields: [String: [String]] = [:]
        var files: [File] = []
        private(set) var failed = false
        var probing = false
        private(set) var eventWhileProbing = false

        private var parts = 0
        private var headerBytes = 0
        private var name: String?
        private var filename: String?
        private var contentType = "application/octet-stream"
        private var content: [UInt8] = []

        func header(_ field: String, _ value: String) {
            guard !probing else { eventWhileProbing = true; return }
            headerBytes += field.utf8.count + value.utf8.count + 4
            guard headerBytes <= MultipartForm.maxHeaderBytes else { failed = true; return }
            switch field.lowercased() {
            case "content-disposition":
                let parameters = MultipartForm.parameters(of: value)
                name = parameters["name"]
                filename = parameters["filename"]
            case "content-type":
                contentType = value.trimmingCharacters(in: .whitespaces)
            default:
                break
            }
        }

        func body<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            guard !probing else { eventWhileProbing = true; return }
            content.append(contentsOf: bytes)
            if filename == nil, content.count > MultipartForm.maxFieldBytes { failed = true }
        }

        func complete() {
            guard !probing else { eventWhileProbing = true; return }
            parts += 1
            guard parts <= MultipartForm.maxParts, let n = name else { failed = true; return }
            if let f = filename {
                if !f.isEmpty || !content.isEmpty {
                    files.append(File(field: n, filename: f, contentType: contentType, data: content))
                }
            } else {
                fields[n, default: []].append(String(decoding: content, as: UTF8.self))
            }
            headerBytes = 0
            name = nil
            filename = nil
            contentType = "application/octet-stream"
            content = []
        }
    }
}
