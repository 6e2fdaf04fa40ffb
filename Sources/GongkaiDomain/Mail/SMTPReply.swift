import Foundation

/// One SMTP server reply (RFC 5321 §4.2): a three-digit code and one or more text lines, where
/// every line but the last has "-" after the code.
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    public var text: String { lines.joined(separator: " ") }

    /// Collects reply lines as they arrive and yields the reply when its last line comes.
    public struct Reader: Sendable {
        public enum Problem: Error, Equatable { case malformed(String), codeChanged(String) }

        var code: Int?
        var lines: [String] = []

        public init() {}

        /// Feeds one line (without CRLF). Returns the complete reply after its final line.
        public mutating func feed(_ line: String) throws(Problem) -> SMTPReply? {
            let chars = Array(line)
            guard chars.count >= 3, let n = Int(String(chars[0..<3])), (200...599).contains(n) else {
                throw .malformed(line)
            }
            let separator: Character = chars.count > 3 ? chars[3] : " "
            guard separator == " " || separator == "-" else { throw .malformed(line) }
            if let c = code, c != n { throw .codeChanged(line) }
            code = n
            lines.append(chars.count > 4 ? String(chars[4...]) : "")
            guard separator == " " else { return nil }
            defer { code = nil; lines = [] }
            return SMTPReply(code: n, lines: lines)
        }
    }

    /// The extensions a server announced in its EHLO reply (first word of each line after the greeting).
    public var extensions: Set<String> {
        Set(lines.dropFirst().compactMap { $0.split(separator: " ").first.map { $0.uppercased() } })
    }

    /// AUTH PLAIN's initial response: base64 of "\0user\0password".
    public static func plainCredentials(user: String, password: String) -> String {
        var bytes: [UInt8] = [0]
        bytes += Array(user.utf8)
        bytes.append(0)
        bytes += Array(password.utf8)
        return Data(bytes).base64EncodedString()
    }
}
