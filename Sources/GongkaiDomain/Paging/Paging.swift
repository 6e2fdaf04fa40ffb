/// Page numbers and sizes from outside (query strings): parsed with their ranges, and the row
/// window computed only from clamped values, so `(page - 1) * perPage` can never overflow.
public enum Paging {
    /// Deeper pages are never useful to a person and would only make the database skip rows.
    public static let maxPage = 10_000
    public static let maxPerPage = 1_000

    public enum Problem: Error, Equatable {
        /// Not a whole number (letters, signs, fractions, more digits than any page could have).
        case notANumber
        case outOfRange(ClosedRange<Int>)
    }

    /// An integer parameter in `range`; nil or empty gives `fallback`. Only ASCII digits (an
    /// optional leading minus) are accepted, and at most 18 of them, so parsing cannot overflow.
    public static func integer(_ raw: String?, in range: ClosedRange<Int>, fallback: Int) -> Result<Int, Problem> {
        guard let raw, !raw.isEmpty else { return .success(fallback) }
        let digits = raw.hasPrefix("-") ? raw.dropFirst() : Substring(raw)
        guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ (48...57).contains($0) }),
              let value = Int(raw) else {
            // A long run of digits is a number, only far out of range.
            if !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) { return .failure(.outOfRange(range)) }
            return .failure(.notANumber)
        }
        return range.contains(value) ? .success(value) : .failure(.outOfRange(range))
    }

    /// A page number (1…`maxPage`); absent means the first page.
    public static func page(_ raw: String?) -> Result<Int, Problem> {
        integer(raw, in: 1...maxPage, fallback: 1)
    }

    /// The rows of a page, with page and size clamped to their ranges first.
    public static func window(page: Int, perPage: Int) -> Range<Int> {
        let p = min(max(1, page), maxPage)
        let size = min(max(1, perPage), maxPerPage)
        return ((p - 1) * size)..<(p * size)
    }

    /// How many pages `total` rows fill (at least one), for any non-negative total.
    public static func pageCount(total: Int, perPage: Int) -> Int {
        let size = min(max(1, perPage), maxPerPage)
        return max(1, total / size + (total % size == 0 ? 0 : 1))
    }
}
