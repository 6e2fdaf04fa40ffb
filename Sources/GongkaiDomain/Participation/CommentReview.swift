/// What happens to a public comment before anyone else sees it: every comment waits for a
/// moderator (the sensitive-word check flags it for them); only approved ones are shown.
public enum CommentModeration: String, CaseIterable, Sendable {
    case pending
    case approved
    case withheld

    public var label: String {
        switch self {
        case .pending: return "待审核"
        case .approved: return "已公开"
        case .withheld: return "不予公开"
        }
    }
}

/// How a comment was handled after the consultation closed (Art. 18: reasonable comments are
/// adopted), the basis of the 意见采纳情况反馈.
public enum CommentDisposition: String, CaseIterable, Sendable {
    case adopted
    case partlyAdopted = "partly_adopted"
    case notAdopted = "not_adopted"
    case outOfScope = "out_of_scope"

    public var label: String {
        switch self {
        case .adopted: return "采纳"
        case .partlyAdopted: return "部分采纳"
        case .notAdopted: return "未采纳"
        case .outOfScope: return "不属于本次征集范围"
        }
    }

    /// What the response field holds for this outcome, and whether it must be filled: the feedback
    /// says what changed for an adopted comment and why for one not (fully) adopted.
    public var responseLabel: String {
        switch self {
        case .adopted: return "修改情况"
        case .partlyAdopted: return "采纳部分的修改情况及其余部分未采纳的理由"
        case .notAdopted: return "未采纳的理由"
        case .outOfScope: return "说明（可不填）"
        }
    }

    public var requiresResponse: Bool { self != .outOfScope }

    /// Problems with one classification, by form field, in Chinese.
    public static func problems(disposition raw: String, theme: String, response: String) -> [String: String] {
        var e: [String: String] = [:]
        guard let d = CommentDisposition(rawValue: raw) else {
            e["disposition"] = "请选择处理结果"
            return e
        }
        if d != .outOfScope {
            if theme.trimmingSpaces().isEmpty { e["theme"] = "请填写意见所属主题，用于归类反馈" }
            else if theme.count > 40 { e["theme"] = "主题不能超过40个字" }
        }
        if d.requiresResponse, response.trimmingSpaces().isEmpty { e["response"] = "请填写\(d.responseLabel)" }
        if response.count > 2000 { e["response"] = "说明不能超过2000个字" }
        return e
    }
}
