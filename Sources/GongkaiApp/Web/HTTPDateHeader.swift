import Foundation
import GongkaiDomain
import NIOConcurrencyHelpers

/// The `Date` response header (RFC 9110's IMF-fixdate, always GMT), made once a second for the
/// responses `CachedPageShortcut` writes; the application's own responses get it from Hummingbird.
enum HTTPDateHeader {
    private static let kept = NIOLockedValueBox<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        let second = Int(Date().timeIntervalSince1970.rounded(.down))
        if let text = kept.withLockedValue({ $0.second == second ? $0.text : nil }) { return text }
        let text = format(secondsSince1970: second)
        kept.withLockedValue { $0 = (second, text) }
        return text
    }

    static func format(secondsSince1970 t: Int) -> String {
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secondOfDay = t - days * 86_400
        let date = CivilDate(dayNumber: days)
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[date.weekday - 1]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }
}
