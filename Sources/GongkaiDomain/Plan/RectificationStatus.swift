/// Where an item of the 整改清单 stands (定远 000 §三1–2: 问题清单, 责任清单, 整改清单 with time-limited
/// rectification): open until the responsible unit reports it rectified with evidence and the office
/// accepts it; past its deadline it is 逾期 and escalated.
public enum RectificationStatus: String, Sendable, CaseIterable {
    case unassigned
    case open
    case reported
    case closed
    case overdue

    public var label: String {
        switch self {
        case .unassigned: return "待交办"
        case .open: return "整改中"
        case .reported: return "已报整改，待销号"
        case .closed: return "已销号"
        case .overdue: return "逾期未整改"
        }
    }

    public static func of(assigned: Bool, deadline: CivilDate?, reportedOn: CivilDate?, closedOn: CivilDate?, today: CivilDate) -> RectificationStatus {
        if closedOn != nil { return .closed }
        if reportedOn != nil { return .reported }
        guard assigned, let deadline else { return .unassigned }
        return today > deadline ? .overdue : .open
    }
}

/// Where the problems of the 问题清单 come from.
public enum RectificationSource: String, Sendable, CaseIterable {
    case coverage
    case monitoring
    case inspection
    case thirdParty = "third_party"
    case publicSupervisor = "supervisor"
    case manual

    public var label: String {
        switch self {
        case .coverage: return "目录覆盖检查"
        case .monitoring: return "网站监测"
        case .inspection: return "督查检查"
        case .thirdParty: return "第三方评估"
        case .publicSupervisor: return "社会监督员反馈"
        case .manual: return "自查录入"
        }
    }
}
