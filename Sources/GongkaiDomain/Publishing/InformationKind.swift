/// What kind of government information an item is. Policy kinds form the 政策文件库.
public enum InformationKind: String, Sendable, CaseIterable, Codable {
    case regulation = "regulation"
    case normativeDocument = "normative"
    case otherDocument = "other_document"
    case interpretation = "interpretation"
    case workNews = "work_news"
    case notice = "notice"
    case statistics = "statistics"
    case plan = "plan"
    case budget = "budget"
    case personnel = "personnel"
    /// 政府信息公开工作制度 (保密审查, 发布协调, 依申请公开办理…): listed in the 制度 column.
    case workRules = "work_rules"
    case other = "other"

    public var label: String {
        switch self {
        case .regulation: return "规章"
        case .normativeDocument: return "行政规范性文件"
        case .otherDocument: return "其他文件"
        case .interpretation: return "政策解读"
        case .workNews: return "工作动态"
        case .notice: return "公示公告"
        case .statistics: return "统计信息"
        case .plan: return "规划计划"
        case .budget: return "财政预决算"
        case .personnel: return "人事信息"
        case .workRules: return "政府信息公开工作制度"
        case .other: return "其他"
        }
    }

    /// Kinds listed in the policy library, with validity.
    public var isPolicy: Bool { [.regulation, .normativeDocument, .otherDocument].contains(self) }
}

/// 体裁: the form of the document (a configurable list in practice; these are the usual ones).
public enum Genre {
    public static let standard = ["命令", "决定", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函",
                                  "纪要", "办法", "规定", "细则", "方案", "规划", "计划", "公示", "其他"]
}
