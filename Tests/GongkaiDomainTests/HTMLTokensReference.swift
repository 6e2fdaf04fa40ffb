import Foundation
@testable import GongkaiDomain

/// The HTML tokenizer as it was before it read UTF-8 bytes (it read Unicode scalars), kept as the
/// reference the byte tokenizer must agree with token for token (HTMLTokenizerEquivalenceTests).
enum HTMLTokensReference {
    typealias Token = HTMLSanitizer.Token

    /// A forgiving tokenizer in the spirit of the HTML standard's: text with entities decoded,
    /// start tags with lower-cased names and decoded attribute values, end tags. Comments,
    /// doctypes, processing instructions and the content of script-like elements never appear.
    static func tokens(_ html: String) -> [Token] {
        let void = HTMLSanitizer.void, allowed = HTMLSanitizer.allowed, renamed = HTMLSanitizer.renamed
        let dropWithContent = HTMLSanitizer.dropWithContent
        func decodeEntities(_ s: String) -> String { HTMLSanitizer.decodeEntities(s) }
        // Unicode scalars, as the HTML standard's tokenizer reads code points (and far faster than
        // grapheme clusters: this runs for every body shown, checked and indexed).
        let c = Array(html.unicodeScalars)
        var tokens: [Token] = []
        var text = String.UnicodeScalarView()
        var i = 0
        func flush() {
            if !text.isEmpty { tokens.append(.text(decodeEntities(String(text)))); text = String.UnicodeScalarView() }
        }
        func lower(_ s: Unicode.Scalar) -> Unicode.Scalar { (0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s }
        func isNameStart(_ s: Unicode.Scalar) -> Bool { (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) }
        func isNameChar(_ s: Unicode.Scalar) -> Bool { isNameStart(s) || (0x30...0x39).contains(s.value) || s == "-" || s == ":" || s == "_" }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
        func find(_ pattern: String, from: Int) -> Int? {
            let p = Array(pattern.unicodeScalars)
            var k = from
            while k + p.count <= c.count {
                var ok = true
                for m in 0..<p.count where lower(c[k + m]) != p[m] { ok = false; break }
                if ok { return k }
                k += 1
            }
            return nil
        }
        func name(from start: Int) -> (String, Int) {
            var j = start
            var n = String.UnicodeScalarView()
            while j < c.count, isNameChar(c[j]) { n.append(lower(c[j])); j += 1 }
            return (String(n), j)
        }
        while i < c.count {
            guard c[i] == "<", i + 1 < c.count else {
                // A run of text up to the next "<" in one go.
                var j = i + 1
                while j < c.count, c[j] != "<" { j += 1 }
                text.append(contentsOf: c[i..<j])
                i = j
                continue
            }
            let n = c[i + 1]
            if n == "!" {
                flush()
                if i + 3 < c.count && c[i + 2] == "-" && c[i + 3] == "-" {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? c.count
                } else {
                    i = (find(">", from: i + 2).map { $0 + 1 }) ?? c.count
                }
                continue
            }
            if n == "?" {
                flush()
                i = (find(">", from: i + 2).map { $0 + 1 }) ?? c.count
                continue
            }
            if n == "/" {
                guard i + 2 < c.count, isNameStart(c[i + 2]) else {
                    // "</" not followed by a name: a bogus comment up to ">".
                    flush()
                    i = (find(">", from: i + 2).map { $0 + 1 }) ?? c.count
                    continue
                }
                flush()
                let (endName, j) = name(from: i + 2)
                i = (find(">", from: j).map { $0 + 1 }) ?? c.count
                tokens.append(.end(endName))
                continue
            }
            guard isNameStart(n) else { text.append(c[i]); i += 1; continue }
            flush()
            let opened = name(from: i + 1)
            let tagName = opened.0
            var j = opened.1
            var attributes: [(String, String)] = []
            var selfClosing = false
            while j < c.count {
                while j < c.count, isSpace(c[j]) || c[j] == "/" {
                    if c[j] == "/" { selfClosing = true }
                    j += 1
                }
                guard j < c.count, c[j] != ">" else { break }
                selfClosing = false
                var key = String.UnicodeScalarView()
                while j < c.count, !isSpace(c[j]), c[j] != "=", c[j] != ">", !(c[j] == "/" && !key.isEmpty) {
                    key.append(contentsOf: String(Character(c[j])).lowercased().unicodeScalars); j += 1
                }
                while j < c.count, isSpace(c[j]) { j += 1 }
                var value = String.UnicodeScalarView()
                if j < c.count, c[j] == "=" {
                    j += 1
                    while j < c.count, isSpace(c[j]) { j += 1 }
                    if j < c.count, c[j] == "\"" || c[j] == "'" {
                        let q = c[j]; j += 1
                        while j < c.count, c[j] != q { value.append(c[j]); j += 1 }
                        j += 1
                    } else {
                        while j < c.count, !isSpace(c[j]), c[j] != ">" { value.append(c[j]); j += 1 }
                    }
                }
                let k = String(key)
                if !k.isEmpty && !attributes.contains(where: { $0.0 == k }) { attributes.append((k, decodeEntities(String(value)))) }
            }
            i = min(j + 1, c.count)
            if dropWithContent.contains(tagName) {
                // Skip to the matching end tag (or to the end: an unclosed <script> hides nothing).
                if !selfClosing, let close = find("</" + tagName, from: i) {
                    i = (find(">", from: close).map { $0 + 1 }) ?? c.count
                } else if !selfClosing {
                    i = c.count
                }
                continue
            }
            tokens.append(.start(tagName, attributes, selfClosing: selfClosing))
            if selfClosing && !void.contains(tagName) && allowed[renamed[tagName] ?? tagName] != nil { tokens.append(.end(tagName)) }
        }
        flush()
        return tokens
    }

}
