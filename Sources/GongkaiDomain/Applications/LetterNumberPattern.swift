/// The 文号 of the documents an organisation issues on applications, e.g. "县民政依申〔2026〕7号":
/// numbered per organisation and year. Tokens: {简称}, {年份}, {序号}.
public struct LetterNumberPattern: Sendable, Equatable {
    public let template: String

    public static let standard = LetterNumberPattern("{简称}依申〔{年份}〕{序号}号")

    public init(_ template: String) {
        self.template = template
    }

    /// Why a template cannot be used, in Chinese, or nil.
    public var problem: String? {
        if template.count > 60 { return "文号格式不能超过60个字" }
        if !template.contains("{序号}") { return "文号格式必须包含{序号}" }
        if !template.contains("{年份}") { return "文号格式必须包含{年份}，保证每年重新编号不重复" }
        return nil
    }

    public func format(shortName: String, year: Int, serial: Int) -> String {
        template.replacingOccurrences(of: "{简称}", with: shortName)
            .replacingOccurrences(of: "{年份}", with: String(year))
            .replacingOccurrences(of: "{序号}", with: String(serial))
    }
}
