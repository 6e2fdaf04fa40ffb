import Foundation
@testable import GongkaiDomain

// The character-based checks as they were before `CheckText` (issue 21), kept as references for
// CheckTextEquivalenceTests. Not used by the application.

struct ReferenceWordListMatcher: Sendable {
    struct Match: Sendable, Equatable {
        /// Index of the word in the list given to `init`.
        let wordIndex: Int
        /// Character range in the original text (including any skipped fillers inside).
        let range: Range<Int>
    }

    struct Node: Sendable {
        var next: [Character: Int] = [:]
        var fail = 0
        /// Words ending here: (index, length in normalised characters).
        var outputs: [(Int, Int)] = []
    }

    let nodes: [Node]
    let words: [String]
    let variants: Bool

    init(words: [String], variants: Bool) {
        self.words = words
        self.variants = variants
        var nodes = [Node()]
        for (index, word) in words.enumerated() {
            let normalised = Self.normalise(word, variants: variants).map(\.0)
            guard !normalised.isEmpty else { continue }
            var state = 0
            for c in normalised {
                if let n = nodes[state].next[c] {
                    state = n
                } else {
                    nodes.append(Node())
                    nodes[state].next[c] = nodes.count - 1
                    state = nodes.count - 1
                }
            }
            nodes[state].outputs.append((index, normalised.count))
        }
        // Breadth-first failure links.
        var queue: [Int] = Array(nodes[0].next.values)
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for (c, t) in nodes[s].next {
                queue.append(t)
                var f = nodes[s].fail
                while f != 0 && nodes[f].next[c] == nil { f = nodes[f].fail }
                let target = nodes[f].next[c] ?? 0
                nodes[t].fail = target == t ? 0 : target
                nodes[t].outputs += nodes[nodes[t].fail].outputs
            }
        }
        self.nodes = nodes
    }

    /// Fillers skipped between the characters of a word in variant mode.
    static func isFiller(_ c: Character) -> Bool {
        if c.isWhitespace { return true }
        // By scalar value: comparing Characters normalises both sides, and this runs for every
        // character of every checked text (issue 21's load profile). None of these has a canonical
        // equivalent, so a one-scalar comparison decides the same.
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return false }
        return fillerScalars.contains(s.value)
    }

    static let fillerScalars: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2A, 0x23, 0x5F, 0x2D, 0xB7, 0x2E, 0x2022,
                                             0xFF0A, 0xFF03, 0xFF0D, 0xFF5E, 0x7E]

    /// The characters that take part in matching, each with its index in the original text.
    static func normalise(_ text: String, variants: Bool) -> [(Character, Int)] {
        var out: [(Character, Int)] = []
        for (i, c) in text.enumerated() {
            guard variants else { out.append((c, i)); continue }
            if isFiller(c) { continue }
            var ch = c
            if c.unicodeScalars.count == 1, var v = c.unicodeScalars.first?.value {
                // Full-width to half-width, then ASCII upper to lower case, by scalar value.
                if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
                if (0x41...0x5A).contains(v) { v += 0x20 }
                if v != c.unicodeScalars.first?.value, let folded = Unicode.Scalar(v) { ch = Character(folded) }
            } else if ch.isASCII {
                ch = Character(ch.lowercased())  // "\r\n": one Character, two scalars
            }
            out.append((ch, i))
        }
        return out
    }

    func matches(in text: String) -> [Match] {
        guard nodes.count > 1 else { return [] }
        let stream = Self.normalise(text, variants: variants)
        var found: [Match] = []
        var state = 0
        for (k, (c, _)) in stream.enumerated() {
            while state != 0 && nodes[state].next[c] == nil { state = nodes[state].fail }
            state = nodes[state].next[c] ?? 0
            for (index, length) in nodes[state].outputs {
                let first = k - length + 1
                let start = stream[first].1, end = stream[k].1 + 1
                // In variant mode at most two fillers may sit between two characters of the word.
                if variants {
                    var tooSpread = false
                    for m in first..<k where stream[m + 1].1 - stream[m].1 > 3 { tooSpread = true; break }
                    if tooSpread { continue }
                }
                found.append(Match(wordIndex: index, range: start..<end))
            }
        }
        return found.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }
}


enum ReferencePersonalData {
    static func scan(_ text: String, preset idPreset: IDMaskPreset) -> [Finding] {
        let source = "正文"
        let chars = Array(text)
        var findings: [Finding] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber, i == 0 || !isCodeCharacter(chars[i - 1]) else { i += 1; continue }
            // A run of digits, possibly split into groups by single spaces or hyphens ("138 1234 5678").
            var end = i
            var digits = ""
            var groups: [Int] = []
            var groupLength = 0
            var j = i
            while j < chars.count {
                let c = chars[j]
                if c.isASCII && c.isNumber {
                    digits.append(c); groupLength += 1; end = j + 1; j += 1
                } else if (c == "X" || c == "x") && digits.count == 17 && groupLength > 0 {
                    digits.append("X"); groupLength += 1; end = j + 1; j += 1
                    break
                } else if (c == " " || c == "-"), groupLength > 0, j + 1 < chars.count, chars[j + 1].isASCII, chars[j + 1].isNumber {
                    groups.append(groupLength); groupLength = 0; j += 1
                } else {
                    break
                }
            }
            groups.append(groupLength)
            if end < chars.count && isCodeCharacter(chars[end]),
               !(chars[end] == "." && (end + 1 == chars.count || !(chars[end + 1].isASCII && chars[end + 1].isNumber))) {
                // Part of a longer code ("…5678a", "…5678_2", "…5678.12"); a full stop after it is fine.
                i = end; continue
            }
            let range = i..<end
            let match = String(chars[range])
            if let f = classify(digits: digits, groups: groups, match: match, range: range, chars: chars, source: source, idPreset: idPreset) {
                findings.append(f)
            }
            i = max(end, i + 1)
        }
        return findings
    }

    static func classify(digits: String, groups: [Int], match: String, range: Range<Int>, chars: [Character], source: String, idPreset: IDMaskPreset) -> Finding? {
        let context = Finding.context(chars, range)
        if digits.count == 18, groups == [18], let id = try? ResidentIDNumber(validating: digits) {
            return Finding(kind: .idNumber, source: source, range: range, match: match, context: context,
                           message: "身份证号码未脱敏", suggestion: id.masked(idPreset))
        }
        if digits.count == 11, groups == [11] || groups == [3, 4, 4], PersonalDataScanner.isMobile(digits) {
            let masked = Masking.phone(digits)
            return Finding(kind: .mobileNumber, source: source, range: range, match: match, context: context,
                           message: "手机号码未脱敏", suggestion: masked)
        }
        let fours = groups.dropLast().allSatisfy { $0 == 4 } && (groups.last ?? 0) <= 4 && groups.count >= 4
        if (16...19).contains(digits.count), groups.count == 1 || fours, BankCardNumber.isValid(digits) {
            let d = Array(digits)
            let masked = String(d.prefix(6)) + String(repeating: "*", count: d.count - 10) + String(d.suffix(4))
            return Finding(kind: .bankCard, source: source, range: range, match: match, context: context,
                           message: "银行卡号未脱敏", suggestion: masked)
        }
        return nil
    }

    /// Mainland mobile numbers: 11 digits, 1 followed by 3–9.
    static func isMobile(_ digits: String) -> Bool {
        let d = Array(digits)
        return d.count == 11 && d[0] == "1" && ("3"..."9").contains(d[1])
    }

    /// Characters that make a digit run part of a longer code rather than a number on its own.
    static func isCodeCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isNumber || c.isLetter || c == "_" || c == "/" || c == ".")
    }

}

enum ReferenceLinks {
    /// Addresses in href="…" and src="…" attributes and bare http(s):// addresses in text, in order.
    static func links(in html: String) -> [LinkCheck.Link] {
        let chars = Array(html)
        var found: [LinkCheck.Link] = []
        var i = 0
        while i < chars.count {
            // Attribute values (looked for only where an h or s starts: most characters are neither).
            for attr in attributeNames where startsLike(chars[i], attr) && matches(chars, at: i, attr) {
                let before = i > 0 ? chars[i - 1] : " "
                guard before.isWhitespace else { continue }
                var j = i + attr.utf8CodeUnitCount
                let quote: Character? = j < chars.count && (chars[j] == "\"" || chars[j] == "'") ? chars[j] : nil
                if quote != nil { j += 1 }
                let start = j
                while j < chars.count, quote.map({ chars[j] != $0 }) ?? !(chars[j].isWhitespace || chars[j] == ">") { j += 1 }
                let value = String(chars[start..<j]).replacingOccurrences(of: "&amp;", with: "&")
                found.append(LinkCheck.Link(url: value, range: start..<j))
                i = j
                break
            }
            // Bare addresses in text (not inside an attribute already read).
            if i < chars.count, startsLike(chars[i], "http://"), matches(chars, at: i, "http://") || matches(chars, at: i, "https://"),
               i == 0 || !(chars[i - 1] == "\"" || chars[i - 1] == "'" || chars[i - 1] == "=") {
                var j = i
                while j < chars.count, chars[j].isASCII, !chars[j].isWhitespace, !"<>\"'()".contains(chars[j]) { j += 1 }
                var end = j
                while end > i, ".,;:!?".contains(chars[end - 1]) { end -= 1 }
                found.append(LinkCheck.Link(url: String(chars[i..<end]), range: i..<end))
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    static let attributeNames: [StaticString] = ["href=", "src="]

    /// Whether `c` is the first letter of `s`, in either case.
    static func startsLike(_ c: Character, _ s: StaticString) -> Bool {
        guard let a = c.asciiValue else { return false }
        return ((0x41...0x5A).contains(a) ? a + 0x20 : a) == s.utf8Start.pointee
    }

    /// Whether the ASCII pattern `s` (lower case) starts at `i`, ignoring ASCII case. Compared by
    /// ASCII value: this is asked four times per character of every checked body.
    static func matches(_ chars: [Character], at i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= chars.count else { return false }
        let p = s.utf8Start
        for k in 0..<count {
            guard let a = chars[i + k].asciiValue, chars[i + k].unicodeScalars.count == 1 else { return false }
            if ((0x41...0x5A).contains(a) ? a + 0x20 : a) != p[k] { return false }
        }
        return true
    }
}
