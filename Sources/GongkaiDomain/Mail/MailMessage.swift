import Foundation

/// A plain-text e-mail, encoded for SMTP by us so nothing outside the app decides how Chinese text
/// travels: headers as RFC 2047 encoded-words, the body as UTF-8 in base64 (no line-length or
/// dot-stuffing surprises).
public struct MailMessage: Sendable, Equatable {
    public struct Address: Sendable, Equatable {
        public var name: String
        public var address: String

        public init(name: String = "", address: String) {
            self.name = name
            self.address = address
        }

        /// `"=?UTF-8?B?...?=" <a@b>` or just `<a@b>`.
        var header: String {
            name.isEmpty ? "<\(address)>" : "\(MailMessage.encodedWord(name)) <\(address)>"
        }
    }

    public var from: Address
    public var to: [Address]
    public var subject: String
    public var body: String

    public init(from: Address, to: [Address], subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// The message as sent after DATA, lines ending in CRLF, without the terminating ".".
    /// `messageID` should be unique; the domain part is taken from the sender.
    public func encoded(date: Date, messageID: String) -> String {
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        var lines = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ", "))",
            "Subject: \(Self.encodedWord(subject))",
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let b64 = Data(normalised.utf8).base64EncodedString()
        var i = b64.startIndex
        while i < b64.endIndex {
            let j = b64.index(i, offsetBy: 76, limitedBy: b64.endIndex) ?? b64.endIndex
            lines.append(String(b64[i..<j]))
            i = j
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 B-encoding for non-ASCII text, split so that no encoded-word exceeds 75 characters
    /// and no UTF-8 sequence is cut in two. Plain ASCII without specials is left as it is.
    public static func encodedWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "=" && $0 != "?" && $0 != "\"" }
        if plain { return text }
        // 39 bytes → 52 base64 characters; with "=?UTF-8?B?" and "?=" 64, so even after "Subject: "
        // a line stays within 78 characters.
        var words: [String] = []
        var chunk = Data()
        for ch in text {
            let bytes = Data(String(ch).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    public static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}
