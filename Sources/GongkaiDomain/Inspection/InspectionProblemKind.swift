/// The problem types of the 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号) the monitor reports, in the
/// indicators' own terms (practice.md §3.2–3.3).
public enum InspectionProblemKind: String, Sendable, CaseIterable, Codable {
    case siteUnavailable = "site_unavailable"
    case homepageStale = "homepage_stale"
    case seriousWording = "serious_wording"
    case hiddenLink = "hidden_link"
    case privacyLeak = "privacy_leak"
    case staleColumn = "stale_column"
    case blankColumn = "blank_column"
    case unansweredMessage = "unanswered_message"
    case guideIncomplete = "guide_incomplete"
    case deadLink = "dead_link"
    case typo = "typo"

    public var label: String {
        switch self {
        case .siteUnavailable: return "站点无法访问"
        case .homepageStale: return "首页不更新"
        case .seriousWording: return "严重表述错误"
        case .hiddenLink: return "网站暗链"
        case .privacyLeak: return "隐私泄露"
        case .staleColumn: return "栏目不更新"
        case .blankColumn: return "空白栏目"
        case .unansweredMessage: return "留言超期未答复"
        case .guideIncomplete: return "办事指南要素缺失"
        case .deadLink: return "错链/死链"
        case .typo: return "一般错别字"
        }
    }

    /// The 单项否决 item a problem of this kind falls under (nil: a deduction only). Whether it
    /// actually vetoes is decided by `InspectionVerdict` from the counts.
    public var vetoItem: String? {
        switch self {
        case .siteUnavailable: return "站点无法访问"
        case .homepageStale: return "首页不更新"
        case .seriousWording, .hiddenLink, .privacyLeak: return "安全、泄密事故等严重问题"
        case .staleColumn, .blankColumn: return "栏目不更新"
        case .unansweredMessage: return "互动回应差"
        case .guideIncomplete: return "服务不实用"
        case .deadLink, .typo: return nil
        }
    }
}
