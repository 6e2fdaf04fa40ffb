import Foundation
import GongkaiDomain
import NIOConcurrencyHelpers

/// The site's one clock, on Beijing time, where every date the app shows or stores is. Injected
/// through `AppServices`; tests set it to the day they need instead of backdating rows.
public final class SiteClock: Sendable {
    /// The Gregorian calendar on Beijing time.
    static let china: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return cal
    }()

    /// When set, the instant the clock stays at.
    private let fixed = NIOLockedValueBox<Date?>(nil)
    /// Added to the system time (a training site's date, `GONGKAI_SITE_DATE`).
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    public init() {}

    /// The clock that reads the system time.
    public static let system = SiteClock()

    public func now() -> Date {
        fixed.withLockedValue { $0 } ?? Date().addingTimeInterval(offset.withLockedValue { $0 })
    }

    /// Moves the running clock to `day` at the current time of day.
    public func shift(to day: CivilDate) {
        let now = Date()
        let days = day.dayNumber - Self.day(of: now).dayNumber
        offset.withLockedValue { $0 = TimeInterval(days) * 86_400 }
    }

    /// Today in China.
    public func today() -> CivilDate {
        Self.day(of: now())
    }

    /// Fixes the clock at `instant` (tests, `gongkai jobs --today`); nil returns to the system time.
    public func set(_ instant: Date?) {
        fixed.withLockedValue { $0 = instant }
    }

    /// Fixes the clock at 09:00 Beijing time on `day`.
    public func set(day: CivilDate) {
        set(Self.instant(day, hour: 9, minute: 0))
    }

    /// The day in China that an instant falls on.
    public static func day(of instant: Date) -> CivilDate {
        let c = china.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// An instant as people read it here: "2026-11-02 09:30:00", Beijing time.
    static func timeText(_ instant: Date) -> String {
        timeFormat.string(from: instant)
    }

    private static let timeFormat: DateFormatter = {
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f
    }()

    /// An instant on a day in China.
    static func instant(_ day: CivilDate, hour: Int, minute: Int) -> Date? {
        china.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }
}
