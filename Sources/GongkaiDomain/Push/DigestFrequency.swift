import Foundation

/// How often a subscriber hears from us: at once, or a daily or weekly digest.
public enum DigestFrequency: String, CaseIterable, Sendable {
    case immediate, daily, weekly

    public var label: String {
        switch self {
        case .immediate: return "有新政策即时推送"
        case .daily: return "每日汇总一次"
        case .weekly: return "每周汇总一次"
        }
    }

    var interval: TimeInterval {
        switch self {
        case .immediate: return 0
        case .daily: return 86_400
        case .weekly: return 7 * 86_400
        }
    }

    /// Whether a message with what is waiting may go now: at once for `immediate`, else a full
    /// period after the last one (the first one goes at the next run). A few minutes' slack keeps
    /// a job that runs every 10 minutes from slipping a day late each time.
    public func isDue(lastSentAt: Date?, now: Date) -> Bool {
        guard let last = lastSentAt, self != .immediate else { return true }
        return now.timeIntervalSince(last) >= interval - 900
    }
}
