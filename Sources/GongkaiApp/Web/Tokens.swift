import Crypto
import Foundation

/// Random tokens and their stored digests.
enum Tokens {
    /// 32 random bytes as URL-safe base64 (no padding): cookie- and form-safe.
    static func random(bytes: Int = 32) -> String {
        // Eight bytes per draw from the system generator (one getrandom call each), not one byte:
        // a 32-byte token takes 4 calls instead of 32 (issue 21's profile of anonymous GETs).
        var g = SystemRandomNumberGenerator()
        var raw: [UInt8] = []
        raw.reserveCapacity(bytes + 8)
        while raw.count < bytes { withUnsafeBytes(of: g.next()) { raw.append(contentsOf: $0) } }
        let data = Data(raw.prefix(bytes))
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256Hex(_ s: String) -> String {
        sha256Hex(bytes: Array(s.utf8))
    }

    static func sha256Hex(bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Comparison whose time does not depend on where the strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
