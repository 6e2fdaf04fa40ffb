/// Password rules: at least 8 characters from at least three of four classes
/// (upper-case, lower-case, digits, other symbols).
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
        if !username.isEmpty && password.lowercased().contains(username.lowercased()) {
            problems.append("密码不能包含用户名")
        }
        return problems
    }
}
