/// What a citizen writes to a 信箱 about (政民互动): each kind has its own reply period.
public enum LetterKind: String, CaseIterable, Sendable {
    case consultation
    case policyQuestion = "policy_question"
    case suggestion
    case complaint
    case help

    public var label: String {
        switch self {
        case .consultation: return "咨询"
        case .policyQuestion: return "政策咨询"
        case .suggestion: return "建议"
        case .complaint: return "投诉"
        case .help: return "求助"
        }
    }

    /// The default reply period in working days (issue 15: 咨询 5, 建议/投诉/求助 15; a policy
    /// question is a 咨询). Counties set their own (`LetterPeriods`).
    public var defaultWorkingDays: Int {
        switch self {
        case .consultation, .policyQuestion: return 5
        case .suggestion, .complaint, .help: return 15
        }
    }
}

/// Reply satisfaction as the writer rates it.
public enum ReplyRating: String, CaseIterable, Sendable {
    case satisfied
    case fairlySatisfied = "fairly_satisfied"
    case dissatisfied

    public var label: String {
        switch self {
        case .satisfied: return "满意"
        case .fairlySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        }
    }

    /// Counted as satisfied in the figures (满意 and 基本满意).
    public var countsAsSatisfied: Bool { self != .dissatisfied }
}
