/// What makes a matter a 重大行政决策 (重大行政决策程序暂行条例 Art. 3 ¶1): the five kinds a decision
/// list entry is filed under.
public enum DecisionKind: String, CaseIterable, Sendable {
    case publicPolicy = "public_policy"
    case developmentPlan = "development_plan"
    case resources
    case construction
    case otherMajor = "other_major"

    public var label: String {
        switch self {
        case .publicPolicy: return "公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"
        case .developmentPlan: return "经济和社会发展等方面的重要规划"
        case .resources: return "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
        case .construction: return "在本行政区域实施的重大公共建设项目"
        case .otherMajor: return "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"
        }
    }

    /// A short label for lists and tables.
    public var shortLabel: String {
        switch self {
        case .publicPolicy: return "重大公共政策和措施"
        case .developmentPlan: return "重要规划"
        case .resources: return "资源开发利用保护"
        case .construction: return "重大公共建设项目"
        case .otherMajor: return "其他重大事项"
        }
    }
}

/// 公众参与方式 (Art. 14): how the public takes part in a decision.
public enum ParticipationMethod: String, CaseIterable, Sendable {
    case publicComment = "public_comment"
    case symposium
    case hearing
    case fieldVisit = "field_visit"
    case writtenComment = "written_comment"
    case questionnaire
    case poll

    public var label: String {
        switch self {
        case .publicComment: return "公开征求意见"
        case .symposium: return "座谈会"
        case .hearing: return "听证会"
        case .fieldVisit: return "实地走访"
        case .writtenComment: return "书面征求意见"
        case .questionnaire: return "问卷调查"
        case .poll: return "民意调查"
        }
    }
}
