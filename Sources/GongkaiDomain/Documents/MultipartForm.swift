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
        while true {
            position += delimiter.count
            // "--" after the delimiter closes the body.
            if position + 1 < body.count, body[position] == 45, body[position + 1] == 45 { return }
            guard position + 1 < body.count, body[position] == 13, body[position + 1] == 10 else { return nil }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position) else { return nil }
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
                fields[n, default: []].append(String(decoding: content, as: UTF8.self))
            }
            position = next + 2
        }
    }

    /// A quoted (or bare) parameter of a header line; quotes and backslash escapes removed.
    static func parameter(_ key: String, in line: String) -> String? {
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            // Match `; key=` at a parameter boundary (not filename when looking for name).
            if chars[i] == ";" {
                var j = i + 1
                while j < chars.count, chars[j] == " " { j += 1 }
                let rest = String(chars[j...])
                if rest.lowercased().hasPrefix(key + "=") {
                    j += key.count + 1
                    if j < chars.count, chars[j] == "\"" {
                        j += 1
                        var value = ""
                        while j < chars.count, chars[j] != "\"" {
                            if chars[j] == "\\", j + 1 < chars.count { j += 1 }
                            value.append(chars[j]); j += 1
                        }
                        return value
                    }
                    var value = ""
                    while j < chars.count, chars[j] != ";" { value.append(chars[j]); j += 1 }
                    return value.trimmingCharacters(in: .whitespaces)
                }
            }
            i += 1
        }
        return nil
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
