import Foundation

/// A text prepared once for every check that reads it: one key per character (grapheme cluster),
/// so the checks compare integers instead of `Character`s, and the characters themselves only
/// when a finding needs its words and context.
///
/// A character's key is its scalar value when it is one scalar, else `compound`. Most texts consist
/// of scalars that always stand alone as characters (nearly all Chinese, Latin and punctuation);
/// they are read as Unicode scalars without grapheme breaking, which was most of the checks' cost
/// at import (issue 21's load profile). Word matching keeps `Character` equality (canonical
/// equivalence) through `canonicalKey`.
public final class CheckText {
    public let text: String
    /// One per character.
    let keys: [UInt32]
    private var storedCharacters: [Character]?
    /// True when some character is not one standalone scalar (then `characters` was computed).
    let complex: Bool

    /// The key of a character that is more than one scalar even in NFC.
    static let compound: UInt32 = .max

    public init(_ text: String) {
        self.text = text
        var keys: [UInt32] = []
        keys.reserveCapacity(text.utf8.count / 2)
        var simple = true
        for s in text.unicodeScalars {
            guard Self.standsAlone(s.value) else { simple = false; break }
            keys.append(s.value)
        }
        if simple {
            self.keys = keys
            complex = false
        } else {
            let chars = Array(text)
            storedCharacters = chars
            self.keys = chars.map { c in c.unicodeScalars.count == 1 ? c.unicodeScalars.first!.value : Self.compound }
            complex = true
        }
    }

    /// The characters (computed once, on first use, for simple texts).
    public var characters: [Character] {
        if let c = storedCharacters { return c }
        let c = Array(text)
        storedCharacters = c
        return c
    }

    public var count: Int { keys.count }

    /// The characters in `range` as a string.
    public func string(_ range: Range<Int>) -> String {
        if complex { return String(characters[range]) }
        return String(String.UnicodeScalarView(keys[range].map { Unicode.Scalar($0)! }))
    }

    /// `Character.isWhitespace` of the character at `k`.
    func isWhitespace(at k: Int) -> Bool {
        keys[k] == Self.compound ? characters[k].isWhitespace : Self.isWhitespace(keys[k])
    }

    /// Unicode's White_Space property (PropList.txt; unchanged since Unicode 6.3), by value: the
    /// property lookup was a measurable part of every check (a test compares it with the stdlib's).
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A key by which canonically equivalent characters are equal: the one scalar when it stands
    /// alone (it is then its own canonical form), else the scalar of the NFC form when that is one
    /// scalar ("e\u{301}" and "é", the compatibility ideograph U+F900 and 豈 meet there), else
    /// `compound` (a matcher then compares the character itself).
    static func canonicalKey(_ c: Character) -> UInt32 {
        let scalars = c.unicodeScalars
        if scalars.count == 1, let s = scalars.first, standsAlone(s.value) { return s.value }
        let nfc = String(c).precomposedStringWithCanonicalMapping.unicodeScalars
        if nfc.count == 1, let s = nfc.first { return s.value }
        return compound
    }

    /// Scalars that form a character on their own whatever their neighbours (grapheme cluster
    /// break property Other or Control, not CR, which joins LF) and are unchanged by NFC with no
    /// other scalar canonically equal to them. Ranges chosen conservatively: a scalar outside them
    /// only sends its text down the exact (grapheme) path.
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x0D: return false
        case 0...0x2FF: return true
        case 0x2010...0x2027, 0x2030...0x205E, 0x2070...0x20CF: return true
        case 0x2329, 0x232A, 0x2ADC: return false  // canonical singletons / composition exclusions
        case 0x2150...0x2BFF: return true
        case 0x2E80...0x2FDF, 0x2FF0...0x2FFF: return true
        case 0x302A...0x302F, 0x3099, 0x309A: return false  // combining marks (grapheme Extend)
        case 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0xFF9E, 0xFF9F: return false  // halfwidth voiced sound marks (grapheme Extend)
        case 0xFF01...0xFFEE: return true
        default: return false
        }
    }
}
