/// Shape checks for contact details typed into forms (not proof that they work).
public enum ContactFormat {
    /// local@domain.tld with no spaces, a non-empty local part and a dot inside the domain.
    public static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !s.contains(" ")
    }

    /// An 11-digit mainland mobile number (1, then 3–9, then nine digits).
    public static func isMobile(_ s: String) -> Bool {
        s.count == 11 && s.allSatisfy { $0.isASCII && $0.isNumber } && PersonalDataScanner.isMobile(s)
    }

    /// Telephone numbers as offices write them: digits, hyphens, brackets and separators
    /// ("0832-6201101、12345"); letters and other signs are not allowed.
    public static func isPhoneText(_ s: String) -> Bool {
        s.allSatisfy { ($0.isASCII && $0.isNumber) || "-()（） ,，、".contains($0) }
    }
}
