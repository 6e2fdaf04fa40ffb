/// `HTMLSanitizer`'s tokenizer over the UTF-8 bytes of the input. Every delimiter it looks for is
/// ASCII, and an ASCII byte in UTF-8 is always that character, so text runs are copied as byte
/// ranges; only whitespace and attribute names inside tags are decoded to scalars. It runs three
/// times for every imported document (sanitising, checks, search text), and reading scalars into
/// arrays was the largest part of an import's CPU (issue 21's load profile). Token for token it
/// equals the scalar tokenizer it replaced (HTMLTokenizerEquivalenceTests).
struct HTMLTokenizer {
    typealias Token = HTMLSanitizer.Token

    private let c: UnsafeBufferPointer<UInt8>
    private var tokens: [Token] = []
    private var text: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        c = bytes
    }

    mutating func run() -> [Token] {
        let n = c.count
        var i = 0
        while i < n {
            guard c[i] == ascii("<"), i + 1 < n else {
                // A run of text up to the next "<" in one go.
                var j = i + 1
                while j < n, c[j] != ascii("<") { j += 1 }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: c[i..<j]))
                i = j
                continue
            }
            let next = c[i + 1]
            if next == ascii("!") {
                flush()
                if i + 3 < n && c[i + 2] == ascii("-") && c[i + 3] == ascii("-") {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? n
                } else {
                    i = (find(">", from: i + 2).map { $0 + 1 }) ?? n
                }
                continue
            }
            if next == ascii("?") {
                flush()
                i = (find(">", from: i + 2).map { $0 + 1 }) ?? n
                continue
            }
            if next == ascii("/") {
                guard i + 2 < n, Self.isNameStart(c[i + 2]) else {
                    // "</" not followed by a name: a bogus comment up to ">".
                    flush()
                    i = (find(">", from: i + 2).map { $0 + 1 }) ?? n
                    continue
                }
                flush()
                let (endName, j) = name(from: i + 2)
                i = (find(">", from: j).map { $0 + 1 }) ?? n
                tokens.append(.end(endName))
                continue
            }
            guard Self.isNameStart(next) else { text.append(c[i]); i += 1; continue }
            flush()
            let (tagName, afterName) = name(from: i + 1)
            var j = afterName
            var attributes: [(String, String)] = []
            var selfClosing = false
            while j < n {
                while j < n {
                    if c[j] == ascii("/") { selfClosing = true; j += 1 } else if let width = space(at: j) { j += width } else { break }
                }
                guard j < n, c[j] != ascii(">") else { break }
                selfClosing = false
                var key: [UInt8] = []
                while j < n, space(at: j) == nil, c[j] != ascii("="), c[j] != ascii(">"), !(c[j] == ascii("/") && !key.isEmpty) {
                    if c[j] < 0x80 {
                        key.append(Self.lower(c[j]))
                        j += 1
                    } else {
                        // Full Unicode lower-casing of the character, as the scalar tokenizer did.
                        let (scalar, width) = decode(at: j)
                        key.append(contentsOf: String(Character(scalar)).lowercased().utf8)
                        j += width
                    }
                }
                while j < n, let width = space(at: j) { j += width }
                var value: [UInt8] = []
                if j < n, c[j] == ascii("=") {
                    j += 1
                    while j < n, let width = space(at: j) { j += width }
                    if j < n, c[j] == ascii("\"") || c[j] == ascii("'") {
                        let quote = c[j]
                        j += 1
                        let start = j
                        while j < n, c[j] != quote { j += 1 }
                        value.append(contentsOf: UnsafeBufferPointer(rebasing: c[start..<j]))
                        j += 1
                    } else {
                        let start = j
                        while j < n, space(at: j) == nil, c[j] != ascii(">") { j += c[j] < 0x80 ? 1 : decode(at: j).width }
                        value.append(contentsOf: UnsafeBufferPointer(rebasing: c[start..<j]))
                    }
                }
                let k = String(decoding: key, as: UTF8.self)
                if !k.isEmpty && !attributes.contains(where: { $0.0 == k }) {
                    attributes.append((k, HTMLSanitizer.decodeEntities(String(decoding: value, as: UTF8.self))))
                }
            }
            i = min(j + 1, n)
            if HTMLSanitizer.dropWithContent.contains(tagName) {
                // Skip to the matching end tag (or to the end: an unclosed <script> hides nothing).
                if !selfClosing, let close = find("</" + tagName, from: i) {
                    i = (find(">", from: close).map { $0 + 1 }) ?? n
                } else if !selfClosing {
                    i = n
                }
                continue
            }
            tokens.append(.start(tagName, attributes, selfClosing: selfClosing))
            if selfClosing && !HTMLSanitizer.void.contains(tagName)
                && HTMLSanitizer.allowed[HTMLSanitizer.renamed[tagName] ?? tagName] != nil {
                tokens.append(.end(tagName))
            }
        }
        flush()
        return tokens
    }

    private mutating func flush() {
        guard !text.isEmpty else { return }
        tokens.append(.text(HTMLSanitizer.decodeEntities(String(decoding: text, as: UTF8.self))))
        text.removeAll(keepingCapacity: true)
    }

    private func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(s.value) }

    private static func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 0x20 : b }

    private static func isNameStart(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    private static func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x3A || b == 0x5F
    }

    /// The scalar starting at `j` (the input is valid UTF-8: it came from a `String`) and its width.
    private func decode(at j: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let lead = UInt32(c[j])
        let (width, bits): (Int, UInt32) = lead < 0xE0 ? (2, lead & 0x1F) : lead < 0xF0 ? (3, lead & 0x0F) : (4, lead & 0x07)
        var value = bits
        for k in 1..<width { value = value << 6 | (UInt32(c[j + k]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The width of the character at `j` when it is Unicode White_Space, else nil.
    private func space(at j: Int) -> Int? {
        let b = c[j]
        if b < 0x80 { return (0x09...0x0D).contains(b) || b == 0x20 ? 1 : nil }
        let (scalar, width) = decode(at: j)
        return CheckText.isWhitespace(scalar.value) ? width : nil
    }

    private func name(from start: Int) -> (String, Int) {
        var j = start
        var bytes: [UInt8] = []
        while j < c.count, Self.isNameChar(c[j]) { bytes.append(Self.lower(c[j])); j += 1 }
        return (String(decoding: bytes, as: UTF8.self), j)
    }

    /// The first position at or after `from` where `pattern` (ASCII, lower case) starts, comparing
    /// the input's ASCII letters in lower case.
    private func find(_ pattern: String, from: Int) -> Int? {
        let p = Array(pattern.utf8)
        var k = from
        while k + p.count <= c.count {
            var ok = true
            for m in 0..<p.count where Self.lower(c[k + m]) != p[m] { ok = false; break }
            if ok { return k }
            k += 1
        }
        return nil
    }
}
