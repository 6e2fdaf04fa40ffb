/// Finds personal data that must not be published unmasked (practice.md §5): 身份证号 that pass the
/// GB 11643 check, mainland mobile numbers, and bank card numbers that pass the Luhn check. Numbers
/// that are part of a longer run of digits or letters (order numbers, codes) are not flagged.
public struct PersonalDataScanner: Sendable, TextCheck {
    public var idPreset: IDMaskPreset

    public init(idPreset: IDMaskPreset = .keepFirst6Last4) {
        self.idPreset = idPreset
    }

    /// By the text's keys (a character's scalar value when it is one scalar): digits, letters and
    /// the separators below are one-scalar ASCII characters, so comparing keys decides as comparing
    /// characters did, without reading the text as characters unless something is found.
    public func scan(_ text: CheckText, source: String) -> [Finding] {
        let keys = text.keys
        var findings: [Finding] = []
        var i = 0
        while i < keys.count {
            guard Self.isDigit(keys[i]), i == 0 || !Self.isCodeCharacter(keys[i - 1]) else { i += 1; continue }
            // A run of digits, possibly split into groups by single spaces or hyphens ("138 1234 5678").
            var end = i
            var digits = String.UnicodeScalarView()
            var groups: [Int] = []
            var groupLength = 0
            var j = i
            while j < keys.count {
                let k = keys[j]
                if Self.isDigit(k) {
                    digits.append(Unicode.Scalar(UInt8(k))); groupLength += 1; end = j + 1; j += 1
                } else if (k == 0x58 || k == 0x78) && digits.count == 17 && groupLength > 0 {  // X, x
                    digits.append("X"); groupLength += 1; end = j + 1; j += 1
                    break
                } else if (k == 0x20 || k == 0x2D), groupLength > 0, j + 1 < keys.count, Self.isDigit(keys[j + 1]) {  // space, hyphen
                    groups.append(groupLength); groupLength = 0; j += 1
                } else {
                    break
                }
            }
            groups.append(groupLength)
            if end < keys.count && Self.isCodeCharacter(keys[end]),
               !(keys[end] == 0x2E && (end + 1 == keys.count || !Self.isDigit(keys[end + 1]))) {
                // Part of a longer code ("…5678a", "…5678_2", "…5678.12"); a full stop after it is fine.
                i = end; continue
            }
            let range = i..<end
            if let f = classify(digits: String(digits), groups: groups, range: range, text: text, source: source) {
                findings.append(f)
            }
            i = max(end, i + 1)
        }
        return findings
    }

    func classify(digits: String, groups: [Int], range: Range<Int>, text: CheckText, source: String) -> Finding? {
        // Only the ASCII characters read above are in the range.
        func match() -> String { String(String.UnicodeScalarView(text.keys[range].map { Unicode.Scalar(UInt8($0)) })) }
        func context() -> String { Finding.context(text.characters, range) }
        if digits.utf8.count == 18, groups == [18], let id = try? ResidentIDNumber(validating: digits) {
            return Finding(kind: .idNumber, source: source, range: range, match: match(), context: context(),
                           message: "身份证号码未脱敏", suggestion: id.masked(idPreset))
        }
        if digits.utf8.count == 11, groups == [11] || groups == [3, 4, 4], Self.isMobile(digits) {
            let masked = Masking.phone(digits)
            return Finding(kind: .mobileNumber, source: source, range: range, match: match(), context: context(),
                           message: "手机号码未脱敏", suggestion: masked)
        }
        let fours = groups.dropLast().allSatisfy { $0 == 4 } && (groups.last ?? 0) <= 4 && groups.count >= 4
        if (16...19).contains(digits.utf8.count), groups.count == 1 || fours, BankCardNumber.isValid(digits) {
            let d = Array(digits)
            let masked = String(d.prefix(6)) + String(repeating: "*", count: d.count - 10) + String(d.suffix(4))
            return Finding(kind: .bankCard, source: source, range: range, match: match(), context: context(),
                           message: "银行卡号未脱敏", suggestion: masked)
        }
        return nil
    }

    static func isDigit(_ key: UInt32) -> Bool { (0x30...0x39).contains(key) }

    /// Mainland mobile numbers: 11 digits, 1 followed by 3–9.
    static func isMobile(_ digits: String) -> Bool {
        let d = Array(digits)
        return d.count == 11 && d[0] == "1" && ("3"..."9").contains(d[1])
    }

    /// Characters that make a digit run part of a longer code rather than a number on its own:
    /// ASCII letters and digits, _ / and the full stop.
    static func isCodeCharacter(_ key: UInt32) -> Bool {
        switch key {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2F, 0x2E: return true
        default: return false
        }
    }
}

/// Bank card numbers (ISO/IEC 7812): 16–19 digits with a Luhn check digit, issuer prefixes 3–6 or 9.
public enum BankCardNumber {
    public static func isValid(_ digits: String) -> Bool {
        let d = digits.compactMap(\.wholeNumberValue)
        guard d.count == digits.count, (16...19).contains(d.count), [3, 4, 5, 6, 9].contains(d[0]) else { return false }
        return luhn(d)
    }

    public static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (i, digit) in digits.reversed().enumerated() {
            if i % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}
