import Crypto
import Foundation

/// The signature a receiver checks on every webhook delivery: HMAC-SHA256 with the webhook's
/// secret over "<timestamp>.<body>", hex, sent as `X-Gongkai-Signature: sha256=<hex>` beside
/// `X-Gongkai-Timestamp` (Unix seconds). Signing the timestamp lets a receiver refuse replays.
public enum WebhookSignature {
    public static func sign(body: [UInt8], timestamp: Int, secret: String) -> String {
        "sha256=" + mac(message: Array("\(timestamp).".utf8) + body, key: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func mac(message: [UInt8], key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// Whether a delivery is genuine and fresh (within `tolerance` seconds of `now`).
    public static func verify(body: [UInt8], timestamp: Int, signature: String, secret: String, now: Int, tolerance: Int = 300) -> Bool {
        guard abs(now - timestamp) <= tolerance else { return false }
        let expected = Array(sign(body: body, timestamp: timestamp, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        // Constant time over the whole string.
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// When a failed delivery is tried again: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then given up.
public enum WebhookRetry {
    public static let delays: [Double] = [60, 300, 1_800, 7_200, 21_600, 43_200]

    /// The pause after `attempts` failed tries, or nil when it is given up.
    public static func delay(afterAttempts attempts: Int) -> Double? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        return delays[attempts - 1]
    }
}
