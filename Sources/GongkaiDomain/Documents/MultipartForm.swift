import Foundation

/// A `multipart/form-data` body (RFC 7578) split into text fields and files. Written for the
/// forms of this site: small numbers of parts, files held in memory up to the upload limit.
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

    /// nil when the body is not well-formed multipart with this boundary.
    public init?(body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else { return nil }
        var parts = 0
        while true {
            parts += 1
            guard parts <= Self.maxParts else { return nil }
            position += delimiter.count
            // "--" after the delimiter closes the body.
            if position + 1 < body.count, body[position] == 45, body[position + 1] == 45 { return }
            guard position + 1 < body.count, body[position] == 13, body[position + 1] == 10 else { return nil }
            position += 2
            // The header block is searched for only within its limit.
            let headerWindow = Array(body[position..<min(body.count, position + Self.maxHeaderBytes + 4)])
            guard let headerEndInWindow = Self.find([13, 10, 13, 10], in: headerWindow, from: 0) else { return nil }
            let headerEnd = position + headerEndInWindow
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find([13, 10] + delimiter, in: body, from: contentStart) else { return nil }
            let content = Array(body[contentStart..<next])
            var name: String?
            var filename: String?
            var type = "application/octet-stream"
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = Self.parameter("name", in: line)
                    filename = Self.parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    type = String(line.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let n = name else { return nil }
            if let f = filename {
                if !f.isEmpty || !content.isEmpty { files.append(File(field: n, filename: f, contentType: type, data: content)) }
            } else {
                guard content.count <= Self.maxFieldBytes else { return nil }
                fields[n, default: []].append(String(decoding: content, as: UTF8.self))
            }
            position = next + 2
        }
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
}
