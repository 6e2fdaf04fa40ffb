/// 统一社会信用代码 (GB 32100-2015): 18 characters whose last one is a check character,
/// with the embedded 组织机构代码 (GB 11714, characters 9–17) carrying its own check.
public struct UnifiedSocialCreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case invalidCharacter(Character)
        case organisationCodeCheckFailed
        case checkCharacterMismatch(expected: Character)

        /// Chinese message shown next to the field.
        public var message: String {
            switch self {
            case .wrongLength(let n):
                return "统一社会信用代码应为18位，当前为\(n)位"
            case .invalidCharacter(let c):
                return "统一社会信用代码含有不允许的字符“\(c)”（只能是数字和除I、O、S、V、Z以外的大写字母）"
            case .organisationCodeCheckFailed:
                return "统一社会信用代码第9至17位（组织机构代码）的校验位不正确"
            case .checkCharacterMismatch(let expected):
                return "统一社会信用代码最后一位校验码不正确（按前17位计算应为“\(expected)”）"
            }
        }
    }

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let organisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    public var description: String { value }

    /// Parses and validates; lower-case letters and surrounding spaces are accepted and normalised.
    public init(validating raw: String) throws(Problem) {
        let normalised = raw.trimmingSpaces().uppercased()
        let chars = Array(normalised)
        guard chars.count == 18 else { throw .wrongLength(chars.count) }
        var values: [Int] = []
        for c in chars {
            guard let v = Self.alphabet.firstIndex(of: c) else { throw .invalidCharacter(c) }
            values.append(v)
        }
        // Characters 9–17 are a GB 11714 organisation code: 8 body characters and a check.
        guard chars[16] == Self.organisationCodeCheck(chars[8..<16]) else { throw .organisationCodeCheckFailed }

        let sum = zip(values[0..<17], Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        var check = 31 - sum % 31
        if check == 31 { check = 0 }
        let expected = Self.alphabet[check]
        guard chars[17] == expected else { throw .checkCharacterMismatch(expected: expected) }
        self.value = normalised
    }

    /// Completes 16 leading characters with both check characters (for demo data and tests).
    public static func completing(_ first16: String) -> UnifiedSocialCreditCode? {
        let chars = Array(first16.uppercased())
        guard chars.count == 16 else { return nil }
        var values: [Int] = []
        for c in chars {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            values.append(v)
        }
        let orgChar = organisationCodeCheck(chars[8..<16])
        values.append(alphabet.firstIndex(of: orgChar)!)
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        var check = 31 - sum % 31
        if check == 31 { check = 0 }
        return try? UnifiedSocialCreditCode(validating: String(chars) + String(orgChar) + String(alphabet[check]))
    }

    /// GB 11714's check character over the 8 body characters of an organisation code. Letters
    /// count by GB 11714's own values, A=10 … Z=35 over the whole Latin alphabet, not by their
    /// place in the 31-symbol credit-code alphabet (with that, codes like "MA5H8REU3" of most
    /// enterprises registered since 2015 would fail).
    static func organisationCodeCheck(_ body: ArraySlice<Character>) -> Character {
        let sum = zip(body, organisationCodeWeights).reduce(0) { total, pair in
            total + organisationCodeValue(pair.0) * pair.1
        }
        let check = 11 - sum % 11
        return check == 10 ? "X" : (check == 11 ? "0" : Character(String(check)))
    }

    static func organisationCodeValue(_ c: Character) -> Int {
        guard let ascii = c.asciiValue else { return 0 }
        switch ascii {
        case 48...57: return Int(ascii) - 48
        case 65...90: return Int(ascii) - 65 + 10
        default: return 0
        }
    }

    public static func isValid(_ raw: String) -> Bool {
        (try? UnifiedSocialCreditCode(validating: raw)) != nil
    }
}

extension String {
    /// Trims ASCII and full-width spaces, tabs and newlines (Foundation-free so the domain stays light).
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
