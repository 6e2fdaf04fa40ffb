/// How one organisation publishes: its 索引号 pattern, its review steps, and whether a policy
/// that needs an interpretation may go out before the interpretation is approved (三同步).
public struct PublishingSettings: Sendable, Equatable {
    public enum InterpretationRule: String, Sendable, CaseIterable {
        /// The policy cannot be published until its interpretation is approved.
        case block
        /// Publication goes ahead with a warning on the review screen.
        case warn

        public var label: String { self == .block ? "解读未审核通过的，政策文件不得发布" : "仅提示，不阻止发布" }
    }

    public var indexPattern: IndexNumberPattern
    public var flow: ReviewFlow
    public var interpretationRule: InterpretationRule

    public init(indexPattern: IndexNumberPattern = .standard, flow: ReviewFlow = .standard, interpretationRule: InterpretationRule = .block) {
        self.indexPattern = indexPattern
        self.flow = flow
        self.interpretationRule = interpretationRule
    }

    public static let standard = PublishingSettings()

    /// Roles that may hold a review step, with the labels the editor uses.
    public static let reviewRoles: [StaffRole] = [.reviewer, .secrecyReviewer, .leader, .disclosureOfficeAdministrator]

    /// One step per line, "步骤名称=角色" with the role's Chinese label, e.g. "保密审查=保密审查员".
    /// A 保密审查 step is required: 条例 Art. 17 makes the secrecy review a condition of publication.
    public static func parseSteps(_ text: String) -> (ReviewFlow?, String?) {
        var steps: [ReviewFlow.Step] = []
        for (n, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 20 else {
                return (nil, "第\(n + 1)行应写成“步骤名称=角色”，如 初审=审核员")
            }
            guard let role = reviewRoles.first(where: { $0.label == parts[1] }) else {
                return (nil, "第\(n + 1)行的角色“\(parts[1])”不能审核；可用：\(reviewRoles.map(\.label).joined(separator: "、"))")
            }
            steps.append(.init(name: parts[0], role: role))
        }
        guard !steps.isEmpty else { return (nil, "至少需要一个审核步骤（先审后发）") }
        guard steps.count <= 6 else { return (nil, "审核步骤不能超过6个") }
        guard steps.contains(where: { $0.role == .secrecyReviewer }) else {
            return (nil, "必须有一个由保密审查员负责的步骤（条例第十七条：发布前进行保密审查）")
        }
        return (ReviewFlow(steps: steps), nil)
    }

    public static func stepsText(_ flow: ReviewFlow) -> String {
        flow.steps.map { "\($0.name)=\($0.role.label)" }.joined(separator: "\n")
    }
}
