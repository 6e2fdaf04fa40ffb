/// 列席 places of an open meeting by category (利益相关方、群众代表、专家、媒体): how many of each, as
/// published, and whether one more person of a category may be selected.
public struct CategorySeats: Sendable, Equatable {
    public let seats: [(category: String, count: Int)]

    public static func == (a: CategorySeats, b: CategorySeats) -> Bool {
        a.seats.map(\.category) == b.seats.map(\.category) && a.seats.map(\.count) == b.seats.map(\.count)
    }

    public init(seats: [(category: String, count: Int)]) { self.seats = seats.filter { $0.count > 0 } }

    public var total: Int { seats.map(\.count).reduce(0, +) }
    public var isEmpty: Bool { seats.isEmpty }

    /// "利益相关方=2;媒体=1" as stored.
    public var stored: String { seats.map { "\($0.category)=\($0.count)" }.joined(separator: ";") }

    public init(stored: String) {
        self.init(seats: stored.split(separator: ";").compactMap { pair in
            let p = pair.split(separator: "=", maxSplits: 1)
            guard p.count == 2, let n = Int(p[1]) else { return nil }
            return (String(p[0]), n)
        })
    }

    /// "利益相关方2个、媒体1个" for the public page.
    public var text: String { seats.map { "\($0.category)\($0.count)个" }.joined(separator: "、") }

    /// Reads one number per category from the form (`seats_1`…), each 0–1000.
    public static func parse(_ value: (String) -> String, categories: [String]) -> (CategorySeats, [String: String]) {
        var out: [(String, Int)] = []
        var e: [String: String] = [:]
        for (i, c) in categories.enumerated() {
            let raw = value("seats_\(i + 1)").trimmingSpaces()
            if raw.isEmpty { continue }
            guard raw.count <= 4, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(raw), (0...1000).contains(n) else {
                e["seats_\(i + 1)"] = "“\(c)”名额应为0到1000之间的整数"
                continue
            }
            out.append((c, n))
        }
        return (CategorySeats(seats: out), e)
    }

    /// Why one more person of `category` may not be selected, given the categories of those
    /// already selected (nil: they may).
    public func selectionProblem(category: String, selectedCategories: [String]) -> String? {
        guard let seat = seats.first(where: { $0.category == category }) else {
            return isEmpty ? nil : "本次会议没有为“\(category)”安排列席名额"
        }
        let taken = selectedCategories.filter { $0 == category }.count
        return taken >= seat.count ? "“\(category)”列席名额\(seat.count)个已满" : nil
    }
}
