/// What happened to a policy that subscribers are told about. Each happens once per policy
/// (a correction once per corrected version), so a notice is never sent twice.
public enum PushNoticeKind: String, CaseIterable, Sendable {
    case published, corrected, repealed

    public var label: String {
        switch self {
        case .published: return "新发布"
        case .corrected: return "已更正"
        case .repealed: return "已废止或失效"
        }
    }

    /// The key that makes a notice unique: the policy, the kind and for a correction the version.
    public static func key(item: String, kind: PushNoticeKind, version: Int) -> String {
        kind == .corrected ? "\(item):\(kind.rawValue):\(version)" : "\(item):\(kind.rawValue)"
    }

    /// The line a message gives the policy: its title, what happened, and for a 废止 what replaced it.
    public static func line(kind: PushNoticeKind, title: String, successorTitle: String?) -> String {
        switch kind {
        case .published: return "【新发布】\(title)"
        case .corrected: return "【已更正】\(title)"
        case .repealed:
            if let s = successorTitle, !s.isEmpty { return "【已废止】\(title)（由《\(s)》代替）" }
            return "【已废止】\(title)（不再执行）"
        }
    }
}
