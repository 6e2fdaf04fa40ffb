/// Login throttling rules, per account and per client address.
public struct LoginThrottle: Sendable {
    /// Failures in a row after which the account is locked.
    public let maxAccountFailures: Int
    /// How long a locked account stays locked.
    public let lockSeconds: Double
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
    /// how long from now the account is to be locked, or nil if not.
    public func lockDuration(afterFailuresInARow failuresInARow: Int) -> Double? {
        failuresInARow >= maxAccountFailures ? lockSeconds : nil
    }

    public func addressBlocked(recentFailures: Int) -> Bool {
        recentFailures >= maxAddressFailures
    }
}
