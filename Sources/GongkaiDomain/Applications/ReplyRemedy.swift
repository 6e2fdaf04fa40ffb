/// The remedy sentence of a reply: where and within what time the applicant may challenge it.
///
/// 行政复议法 (2023 revision) Art. 20: an application for review within 60 days of knowing of the act;
/// 行政诉讼法 Art. 46: a suit within 6 months of knowing of it. Both are settings with these defaults,
/// as is the review organ (for a county department usually the county government since the 2024
/// reform; for a township the county government) and the court with jurisdiction.
public struct ReplyRemedy: Sendable, Equatable {
    public var reviewOrgan: String
    public var court: String
    public var reviewDays: Int
    public var litigationMonths: Int

    public static let reviewDaysRange = 15...365
    public static let litigationMonthsRange = 1...24

    public init(reviewOrgan: String = "", court: String = "", reviewDays: Int = 60, litigationMonths: Int = 6) {
        self.reviewOrgan = reviewOrgan
        self.court = court
        self.reviewDays = reviewDays
        self.litigationMonths = litigationMonths
    }

    /// Whether both bodies are named; otherwise the letter can only say "依法", and the case page warns.
    public var namesBothBodies: Bool { !reviewOrgan.isEmpty && !court.isEmpty }

    /// The sentence for an applicant addressed as `you` (您 / 贵单位).
    public func sentence(you: String) -> String {
        let review = reviewOrgan.isEmpty ? "依法申请行政复议" : "向\(reviewOrgan)申请行政复议"
        let suit = court.isEmpty ? "依法提起行政诉讼" : "向\(court)提起行政诉讼"
        return "如对本答复不服，\(you)可以自收到本答复之日起\(reviewDays)日内\(review)，或者自收到本答复之日起\(litigationMonths)个月内\(suit)。"
    }
}
