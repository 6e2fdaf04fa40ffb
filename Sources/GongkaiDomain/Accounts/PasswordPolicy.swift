/// Password rules: at least 8 characters from at least three of four classes
/// (upper-case, lower-case, digits, other symbols); at most 72 bytes (bcrypt reads no further, so
/// a longer one would be accepted with its end ignored); not a common or site-derived password.
public struct PasswordPolicy: Sendable {
    public let minimumLength: Int
    public let requiredClasses: Int

    public init(minimumLength: Int = 8, requiredClasses: Int = 3) {
        self.minimumLength = minimumLength
        self.requiredClasses = requiredClasses
    }

    /// Problems in Chinese; empty when the password is acceptable.
    public func problems(password: String, username: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength {
            problems.append("密码至少需要\(minimumLength)个字符")
        }
        var classes = 0
        if password.contains(where: { $0.isASCII && $0.isUppercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isLowercase }) { classes += 1 }
        if password.contains(where: { $0.isASCII && $0.isNumber }) { classes += 1 }
        if password.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) { classes += 1 }
        if classes < requiredClasses {
            problems.append("密码需包含大写字母、小写字母、数字、符号中的至少\(requiredClasses)类")
        }
        if password.utf8.count > Self.maximumBytes {
            problems.append("密码不能超过\(Self.maximumBytes)个字节（约\(Self.maximumBytes)个英文字符或24个汉字）")
        }
        if !username.isEmpty && password.lowercased().contains(username.lowercased()) {
            problems.append("密码不能包含用户名")
        }
        if Self.isGuessable(password, extraWords: extraWords) {
            problems.append("密码太常见或与本网站有关（如 Gongkai2026、Admin@123），容易被猜中，请换一个")
        }
        return problems
    }

    public static let maximumBytes = 72

    /// Words a guesser tries first: common passwords and what anyone knows about the site. A
    /// password is guessable when, with digits and symbols taken away, what is left is one of them
    /// (Gongkai2026, P@ssw0rd!, Admin@123…), or when it is a keyboard or digit run.
    public static let commonWords: Set<String> = [
        "password", "passw", "pass", "admin", "administrator", "root", "qwerty", "qwertyuiop", "asdf", "asdfgh", "zxcvbn",
        "abc", "abcd", "abcdef", "welcome", "letmein", "iloveyou", "test", "guest", "user", "login", "default", "changeme",
        "gongkai", "zhengwu", "xinxi", "gongkaiban", "zwgk", "xxgk", "zfxxgk", "gov", "government", "china", "beijing",
        "woaini", "aini", "wang", "zhang", "li", "liu", "chen", "yang", "huang", "zhao", "qq", "super", "system", "manager",
    ]

    /// `extraWords`: the site's own words (its name in pinyin, the county's short name).
    public var extraWords: [String] = []

    static func isGuessable(_ password: String, extraWords: [String]) -> Bool {
        let lower = password.lowercased()
        // Common substitutions first (P@ssw0rd → password).
        let unleet = String(lower.map { c -> Character in
            switch c { case "@": return "a"; case "0": return "o"; case "1": return "i"; case "3": return "e"; case "$": return "s"; default: return c }
        })
        let words = Self.commonWords.union(extraWords.map { $0.lowercased() })
        for candidate in [lower, unleet] {
            let letters = String(candidate.filter { $0.isASCII && $0.isLetter })
            if letters.isEmpty || words.contains(letters) { return true }
        }
        let digits = lower.filter(\.isNumber)
        let runs = ["0123456789", "9876543210", "1qaz2wsx", "qwertyuiop", "asdfghjkl"]
        return digits.count == lower.count || runs.contains { $0.contains(lower.filter { $0.isLetter || $0.isNumber }) && lower.count >= 8 }
    }
}
