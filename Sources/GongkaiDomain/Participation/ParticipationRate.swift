/// A rate the plans set targets for (预公开率 95 %, 会议公开率 100 %), with the list behind it: the
/// entries counted in the denominator and whether each counts in the numerator.
public struct ParticipationRate<Entry: Sendable>: Sendable {
    public let counted: [Entry]
    public let met: [Entry]
    public let missed: [Entry]

    public var denominator: Int { counted.count }
    public var numerator: Int { met.count }

    /// nil when nothing was counted (no rate rather than 0 % or 100 %).
    public var percent: Double? { counted.isEmpty ? nil : Double(met.count) * 100 / Double(counted.count) }

    /// "95.0%", or "—" with nothing to count.
    public var text: String {
        guard let p = percent else { return "—" }
        let tenths = Int((p * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    public init(counted: [Entry], meets: (Entry) -> Bool) {
        self.counted = counted
        met = counted.filter(meets)
        missed = counted.filter { !meets($0) }
    }
}

/// 预公开率 (seed 000: 95 %): decisions that reached 审议 in the year ÷ those whose draft was put out
/// for public comment before the 审议 day.
public enum PrePublication {
    public struct Decision: Sendable, Equatable {
        public let title: String
        /// The day public comment opened, if it did.
        public let commentOpenedOn: CivilDate?
        /// The day it went to 审议, if it did.
        public let deliberatedOn: CivilDate?

        public init(title: String, commentOpenedOn: CivilDate?, deliberatedOn: CivilDate?) {
            self.title = title
            self.commentOpenedOn = commentOpenedOn
            self.deliberatedOn = deliberatedOn
        }
    }

    public static func rate(_ decisions: [Decision], year: Int) -> ParticipationRate<Decision> {
        let counted = decisions.filter { $0.deliberatedOn?.year == year }
        return ParticipationRate(counted: counted) { d in
            guard let opened = d.commentOpenedOn, let deliberated = d.deliberatedOn else { return false }
            return opened < deliberated
        }
    }
}

/// 会议公开率 (seed 000: 100 %): meetings on matters of public interest in the year ÷ those with a
/// public process (列席 places offered to the public, or a live stream or replay).
public enum MeetingOpenness {
    public struct Meeting: Sendable, Equatable {
        public let title: String
        public let heldOn: CivilDate
        public let publicInterest: Bool
        public let seatsOffered: Int
        public let streamed: Bool

        public init(title: String, heldOn: CivilDate, publicInterest: Bool, seatsOffered: Int, streamed: Bool) {
            self.title = title
            self.heldOn = heldOn
            self.publicInterest = publicInterest
            self.seatsOffered = seatsOffered
            self.streamed = streamed
        }
    }

    public static func rate(_ meetings: [Meeting], year: Int) -> ParticipationRate<Meeting> {
        ParticipationRate(counted: meetings.filter { $0.publicInterest && $0.heldOn.year == year }) { $0.seatsOffered > 0 || $0.streamed }
    }
}
