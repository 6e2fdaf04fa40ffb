import Foundation

/// The pattern of application registration numbers, unique per organisation and year.
/// Tokens: {机构编号}, {年份}, {序号} (zero-padded to `serialWidth`). Default "{机构编号}-{年份}-{序号}".
public struct RegistrationNumberPattern: Sendable, Equatable {
    public let template: String
    public let serialWidth: Int

    public static let standard = RegistrationNumberPattern(template: "{机构编号}-{年份}-{序号}", serialWidth: 5)

    public init(template: String, serialWidth: Int = 5) {
        self.template = template
        self.serialWidth = serialWidth
    }

    /// Why a template cannot be used, in Chinese, or nil.
    public var problem: String? {
        if !template.contains("{序号}") { return "登记编号格式必须包含{序号}" }
        if !template.contains("{年份}") { return "登记编号格式必须包含{年份}，保证每年重新编号不重复" }
        if !template.contains("{机构编号}") { return "登记编号格式必须包含{机构编号}，保证各机构编号不重复" }
        return nil
    }

    public func format(organisationID: Int, year: Int, serial: Int) -> String {
        var s = String(serial)
        if s.count < serialWidth { s = String(repeating: "0", count: serialWidth - s.count) + s }
        return template.replacingOccurrences(of: "{机构编号}", with: String(organisationID))
            .replacingOccurrences(of: "{年份}", with: String(year))
            .replacingOccurrences(of: "{序号}", with: s)
    }
}

