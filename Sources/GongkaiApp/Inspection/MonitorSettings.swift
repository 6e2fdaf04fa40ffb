import GongkaiDomain

/// How the county watches its sites (GONGKAI_MONITOR_*, GONGKAI_NEW_MEDIA_STALE_DAYS,
/// GONGKAI_REPORT_SIMILARITY_PERCENT); read once at start.
public struct MonitorSettings: Sendable {
    /// Where the crawl reaches our own portal; nil: this instance on loopback.
    public var portalURL: String?
    public var crawlEveryHours = 24
    public var probeEveryMinutes = 45
    public var delayMilliseconds = 500
    public var maxPages = 2000
    /// Pages this many links from the home page are checked but not read for further links.
    public var maxDepth = 10
    public var checkExternalLinks = true
    public var privateAddresses = false
    public var suspiciousHosts = SuspiciousHosts()
    public var freshness = ColumnFreshness()
    public var weights = InspectionVerdict.Weights()
    public var newMediaStaleDays = 14
    public var reportSimilarityPercent = 60
    public init() {}
}
