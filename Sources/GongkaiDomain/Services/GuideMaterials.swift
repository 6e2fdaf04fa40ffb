/// 申请材料 written as plain lines, one material per line, fields separated by "|":
///
///     居民身份证 | 申请人自备 | 1 | 纸质 | 原件核验，复印件留存
///     户口簿 | 申请人自备 | 1 | 纸质或电子 | 原件
///
/// 名称 | 来源 | 份数 | 形式 | 要求; 要求 may be left out. Errors name the line.
public struct GuideMaterial: Sendable, Equatable, Codable {
    public enum Source: String, CaseIterable, Sendable, Codable {
        case applicant = "申请人自备"
        case government = "政府部门核发"
        case other = "其他"
    }

    public enum Medium: String, CaseIterable, Sendable, Codable {
        case paper = "纸质"
        case electronic = "电子"
        case either = "纸质或电子"
    }

    public let name: String
    public let source: Source
    public let copies: Int
    public let medium: Medium
    public let requirement: String

    public init(name: String, source: Source, copies: Int, medium: Medium, requirement: String) {
        self.name = name; self.source = source; self.copies = copies; self.medium = medium; self.requirement = requirement
    }

    public static let maxCount = 60

    public var line: String {
        [name, source.rawValue, String(copies), medium.rawValue] .joined(separator: " | ") + (requirement.isEmpty ? "" : " | " + requirement)
    }

    public static func parse(_ text: String) -> ([GuideMaterial], [String]) {
        var result: [GuideMaterial] = []
        var errors: [String] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }
        for (n, line) in lines.enumerated() where !line.isEmpty {
            let at = "申请材料第\(n + 1)行"
            let f = line.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard f.count >= 4 else { errors.append("\(at)：应写成“名称 | 来源 | 份数 | 形式 | 要求”"); continue }
            guard !f[0].isEmpty, f[0].count <= 100 else { errors.append("\(at)：材料名称应为1到100个字"); continue }
            guard let source = Source(rawValue: f[1]) else {
                errors.append("\(at)：来源应为\(Source.allCases.map(\.rawValue).joined(separator: "、"))之一"); continue
            }
            guard f[2].count <= 2, f[2].allSatisfy({ $0.isASCII && $0.isNumber }), let copies = Int(f[2]), (1...99).contains(copies) else {
                errors.append("\(at)：份数应为1到99"); continue
            }
            guard let medium = Medium(rawValue: f[3]) else {
                errors.append("\(at)：形式应为\(Medium.allCases.map(\.rawValue).joined(separator: "、"))之一"); continue
            }
            let requirement = f.count > 4 ? f[4] : ""
            guard requirement.count <= 300 else { errors.append("\(at)：要求不能超过300个字"); continue }
            result.append(GuideMaterial(name: f[0], source: source, copies: copies, medium: medium, requirement: requirement))
        }
        if result.count > maxCount { errors.append("申请材料不能超过\(maxCount)项") }
        return (result, errors)
    }
}

/// 办理流程 as plain lines, one step per line: "受理：窗口收取材料，当场告知是否受理".
public struct GuideStep: Sendable, Equatable, Codable {
    public let name: String
    public let detail: String

    public init(name: String, detail: String) { self.name = name; self.detail = detail }

    public var line: String { detail.isEmpty ? name : "\(name)：\(detail)" }

    public static func parse(_ text: String) -> ([GuideStep], [String]) {
        var steps: [GuideStep] = []
        var errors: [String] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { String($0).trimmingSpaces() }
        for (n, line) in lines.enumerated() where !line.isEmpty {
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "：" || $0 == ":" }).map { String($0).trimmingSpaces() }
            guard let name = parts.first, !name.isEmpty, name.count <= 30 else { errors.append("办理流程第\(n + 1)行：步骤名称应为1到30个字"); continue }
            let detail = parts.count > 1 ? parts[1] : ""
            guard detail.count <= 500 else { errors.append("办理流程第\(n + 1)行：说明不能超过500个字"); continue }
            steps.append(GuideStep(name: name, detail: detail))
        }
        if steps.count > 30 { errors.append("办理流程不能超过30步") }
        return (steps, errors)
    }
}
