import Foundation

/// The newest entry date of an RSS or Atom feed (a 政务新媒体 account that offers one), read from
/// `pubDate`, `updated`, `published` or `dc:date` elements; bounded to the first 1 MB.
public enum FeedDates {
    public static func newest(_ xml: String) -> Date? {
        let text = String(xml.prefix(1_000_000))
        var best: Date?
        for tag in ["pubDate", "updated", "published", "dc:date"] {
            var rest = Substring(text)
            var seen = 0
            while seen < 1000, let open = rest.range(of: "<\(tag)>"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
                let value = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
                if let d = parse(value), best == nil || d > best! { best = d }
                rest = rest[close.upperBound...]
                seen += 1
            }
        }
        return best
    }

    static func parse(_ s: String) -> Date? {
        let iso = ISO8601DateFormatter()
        if let d = iso.date(from: s) { return d }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = iso.date(from: s) { return d }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm:ss zzz", "yyyy-MM-dd"] {
            f.dateFormat = format
            if format == "yyyy-MM-dd" { f.timeZone = TimeZone(secondsFromGMT: 8 * 3600) }
            if let d = f.date(from: s) { return d }
        }
        return nil
    }
}
