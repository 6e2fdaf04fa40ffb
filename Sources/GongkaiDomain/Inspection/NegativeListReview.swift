/// The 负面清单 (matters not disclosed) is reviewed yearly (Art. 18: withheld information is
/// re-evaluated and released once circumstances allow).
public enum NegativeListReview {
    /// The next review is due a year after the last one (or after the entry was made).
    public static func dueDate(lastReviewed: CivilDate) -> CivilDate {
        CivilDate(year: lastReviewed.year + 1, month: lastReviewed.month, day: min(lastReviewed.day, lastReviewed.month == 2 ? 28 : lastReviewed.day))
            ?? lastReviewed.adding(days: 365)
    }

    public static func isDue(lastReviewed: CivilDate, today: CivilDate) -> Bool {
        today >= dueDate(lastReviewed: lastReviewed)
    }

    /// The grounds an entry may cite: Arts. 14–16 only (information given on request is not a
    /// matter withheld).
    public static var grounds: [NonDisclosureGround] { NonDisclosureGround.allCases.filter { $0 != .requestOnly } }
}
