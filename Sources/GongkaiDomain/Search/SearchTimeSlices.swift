/// How the PostgreSQL search index is cut by publication time: one slice per calendar year
/// (Beijing time) with an index of its own, the oldest slice open downwards and the newest open
/// upwards, so the slices always cover every possible time with no overlap. "The newest matches"
/// is then read slice by slice from the newest, and a query stops in the first slices that hold
/// enough matches, instead of collecting every match in the index and sorting them (issue 21:
/// a GIN index returns matches in storage order, so its work grew with the whole index).
public struct SearchTimeSlices: Sendable, Equatable {
    public struct Slice: Sendable, Hashable {
        /// First year in the slice (nil: open downwards).
        public let from: Int?
        /// First year after the slice (nil: open upwards).
        public let to: Int?

        public init(from: Int?, to: Int?) {
            self.from = from
            self.to = to
        }

        /// Lowest publication time in the slice (seconds since 1970), nil when open.
        public var lower: Int? { from.map(SearchTimeSlices.newYear) }
        /// Publication times in the slice are below this, nil when open.
        public var upper: Int? { to.map(SearchTimeSlices.newYear) }

        /// A name part that says the bounds: "2019_2020", "0_2011" (open downwards), "2026_9999".
        public var key: String { "\(from ?? 0)_\(to ?? 9999)" }

        public init?(key: String) {
            let p = key.split(separator: "_")
            guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]), a >= 0, b <= 9999, a < b else { return nil }
            self.from = a == 0 ? nil : a
            self.to = b == 9999 ? nil : b
        }
    }

    /// Newest first.
    public let slices: [Slice]

    /// Yearly slices from `oldestYear` (the oldest publication year in the index; nil when it is
    /// empty) to `currentYear`, at most `maxYears` of them: older years share the first slice,
    /// so an archive reaching back to the 1950s does not make seventy indexes.
    public init(oldestYear: Int?, currentYear: Int, maxYears: Int = 30) {
        let first = max(min(oldestYear ?? currentYear, currentYear), currentYear - max(1, maxYears) + 1)
        // Boundaries at the start of each year after the first, up to the current one.
        let bounds = first < currentYear ? Array((first + 1)...currentYear) : []
        var out: [Slice] = []
        var lower: Int? = nil
        for b in bounds {
            out.append(Slice(from: lower, to: b))
            lower = b
        }
        out.append(Slice(from: lower, to: nil))
        slices = out.reversed()
    }

    public init?(slices: [Slice]) {
        let sorted = slices.sorted { ($0.from ?? Int.min) > ($1.from ?? Int.min) }
        guard Self.tile(sorted) else { return nil }
        self.slices = sorted
    }

    /// Whether newest-first slices cover all time once: open at both ends, each starting where
    /// the next newer one ends.
    static func tile(_ s: [Slice]) -> Bool {
        guard let newest = s.first, let oldest = s.last, newest.to == nil, oldest.from == nil else { return false }
        for k in 0..<(s.count - 1) where s[k].from == nil || s[k].from != s[k + 1].to { return false }
        return true
    }

    /// The slice holding a publication time.
    public func slice(of published: Double) -> Slice? {
        slices.first { s in (s.lower.map { published >= Double($0) } ?? true) && (s.upper.map { published < Double($0) } ?? true) }
    }

    /// 00:00 on 1 January of `year` in Beijing (UTC+8), in seconds since 1970.
    public static func newYear(_ year: Int) -> Int {
        CivilDate(year: year, month: 1, day: 1)!.dayNumber * 86_400 - 8 * 3_600
    }
}
