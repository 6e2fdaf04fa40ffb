/// Who gets a place at an event. Open days fill in order of sign-up up to the capacity, the rest wait
/// in order and move up when someone withdraws; where the organiser selects (hearings, 列席), people
/// are selected up to the capacity and the rest are told they were not.
public struct RegistrationBook: Sendable, Equatable {
    public enum Status: String, CaseIterable, Sendable {
        case applied
        case confirmed
        case waiting
        case selected
        case notSelected = "not_selected"
        case withdrawn

        public var label: String {
            switch self {
            case .applied: return "已报名，待遴选"
            case .confirmed: return "报名成功"
            case .waiting: return "候补"
            case .selected: return "已入选"
            case .notSelected: return "未入选"
            case .withdrawn: return "已取消"
            }
        }

        /// Holds a place.
        public var holdsPlace: Bool { self == .confirmed || self == .selected }
    }

    public let capacity: Int

    public init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The status a new sign-up gets, given the statuses of those before it.
    public func statusForNewSignUp(existing: [Status], selects: Bool) -> Status {
        if selects { return .applied }
        // Nobody jumps the waiting list (after the capacity was raised, before they moved up).
        return existing.filter(\.holdsPlace).count < capacity && !existing.contains(.waiting) ? .confirmed : .waiting
    }

    /// After a withdrawal: the statuses in sign-up order with the first waiting people moved up into
    /// the freed places (open days). Selected events keep their choice.
    public func promote(_ statuses: [Status]) -> [Status] {
        var out = statuses
        var free = capacity - out.filter(\.holdsPlace).count
        for i in out.indices where free > 0 && out[i] == .waiting {
            out[i] = .confirmed
            free -= 1
        }
        return out
    }

    /// Why the organiser may not select one more (nil: they may).
    public func selectionProblem(_ statuses: [Status]) -> String? {
        statuses.filter(\.holdsPlace).count >= capacity ? "已入选\(capacity)人，达到名额上限" : nil
    }
}
