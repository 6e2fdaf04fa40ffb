/// Login throttling rules, per account and per client address.
public struct LoginThrottle: Sendable {
    /// Failures in a row after which the account is locked (等保: 5).
    public let maxAccountFailures: Int
    /// The longest lock; the first is a minute and each further failure doubles it up to this.
    public let lockSeconds: Double
    /// An address where the account signed in successfully this recently is "known": a lock
    /// caused elsewhere does not keep the holder out there (only their own failures there do).
    public let knownAddressSeconds: Double = 30 * 24 * 3600
    /// Failures from one address inside the window after which that address must wait.
    public let maxAddressFailures: Int
    public let addressWindowSeconds: Double

    public init(maxAccountFailures: Int = 5, lockSeconds: Double = 15 * 60,
                maxAddressFailures: Int = 20, addressWindowSeconds: Double = 15 * 60) {
        self.maxAccountFailures = maxAccountFailures
        self.lockSeconds = lockSeconds
        self.maxAddressFailures = maxAddressFailures
        self.addressWindowSeconds = addressWindowSeconds
    }

    /// After a failed attempt that brings the run of failures to `failuresInARow`:
    /// how long from now the account is to be locked, or nil if not. Progressive (1, 2, 4, 8
    /// minutes, then the cap), so a guesser is slowed at once without a long hard lock early on.
    public func lockDuration(afterFailuresInARow failuresInARow: Int) -> Double? {
        guard failuresInARow >= maxAccountFailures else { return nil }
        let steps = min(failuresInARow - maxAccountFailures, 20)
        return min(lockSeconds, 60 * Double(1 << steps))
    }

    public func addressBlocked(recentFailures: Int) -> Bool {
        recentFailures >= maxAddressFailures
    }
}
