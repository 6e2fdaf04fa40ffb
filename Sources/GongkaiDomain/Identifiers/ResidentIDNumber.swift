/// 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence and a
/// check character computed with weights 2^(18−i) mod 11.
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case invalidCharacter
        case invalidBirthDate
        case checkDigitMismatch(expected: Character)

        public var message: String {
            switch self {
            case .wrongLength(let n): return "身份证号码应为18位，当前为\(n)位"
            case .invalidCharacter: return "身份证号码前17位应为数字，最后一位为数字或X"
            case .invalidBirthDate: return "身份证号码中的出生日期（第7至14位）无效"
            case .checkDigitMismatch: return "身份证号码校验位不正确，请核对后重新输入"
            }
        }
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    public var description: String { value }

    public init(validating raw: String) throws(Problem) {
        let v = raw.trimmingSpaces().uppercased()
        let chars = Array(v)
        guard chars.count == 18 else { throw .wrongLength(chars.count) }
        var digits: [Int] = []
        for c in chars.prefix(17) {
            guard let d = c.wholeNumberValue, c.isASCII else { throw .invalidCharacter }
            digits.append(d)
        }
        guard chars[17].isASCII, chars[17].isNumber || chars[17] == "X" else { throw .invalidCharacter }
        let y = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        let m = digits[10] * 10 + digits[11]
        let d = digits[12] * 10 + digits[13]
        guard y >= 1900, CivilDate(year: y, month: m, day: d) != nil else { throw .invalidBirthDate }
        let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let expected = Self.checkCharacters[sum % 11]
        guard chars[17] == expected else { throw .checkDigitMismatch(expected: expected) }
        value = v
    }

    public static func isValid(_ raw: String) -> Bool { (try? ResidentIDNumber(validating: raw)) != nil }

    /// Masked for lists: the configured preset keeps a prefix and a suffix.
    public func masked(_ preset: IDMaskPreset = .keepFirst6Last4) -> String {
        let c = Array(value)
        return String(c.prefix(preset.keepFirst)) + String(repeating: "*", count: 18 - preset.keepFirst - preset.keepLast)
            + String(c.suffix(preset.keepLast))
    }
}

/// 身份证 masking presets seen in practice (practice.md §5.2); one per deployment.
public enum IDMaskPreset: String, Sendable, CaseIterable {
    /// 350102********1234
    case keepFirst6Last4 = "6+4"
    /// 35*************123
    case keepFirst2Last3 = "2+3"

    public var keepFirst: Int { self == .keepFirst6Last4 ? 6 : 2 }
    public var keepLast: Int { self == .keepFirst6Last4 ? 4 : 3 }
}
