#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `::1/128`; a bare address is a /32 or /128).
public struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    public let bytes: [UInt8]
    public let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingSpaces().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let address = IPNetwork.parse(first) else { return nil }
        let maxPrefix = address.count * 8
        if parts.count == 2 {
            guard (1...3).contains(parts[1].count), let p = Int(parts[1]), (0...maxPrefix).contains(p) else { return nil }
            prefix = p
        } else {
            prefix = maxPrefix
        }
        bytes = address
    }

    /// The 4 or 16 bytes of an address, nil when it is not one.
    public static func parse(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    public func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var left = prefix
        for i in 0..<bytes.count where left > 0 {
            let bits = min(8, left)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[i] & mask != bytes[i] & mask { return false }
            left -= bits
        }
        return true
    }

    public var description: String { "\(bytes)/\(prefix)" }
}

/// The client address of a request behind reverse proxies: the peer, unless the peer is a
/// trusted proxy; then the right-most X-Forwarded-For entry that is not itself a trusted proxy.
/// Entries to the left of that were written by the client and can be anything, so they are never
/// believed (taking the first entry let anyone choose their address for rate limits and the audit).
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor: String?, trusted: [IPNetwork]) -> String? {
        guard let peer else { return nil }
        func isTrusted(_ a: String) -> Bool {
            guard let b = IPNetwork.parse(a) else { return false }
            return trusted.contains { $0.contains(b) }
        }
        guard isTrusted(peer), let header = forwardedFor else { return peer }
        // Bounded: a header of thousands of entries costs no more than its first 64 from the right.
        let entries = header.split(separator: ",").suffix(64).map { String($0).trimmingSpaces() }
        for entry in entries.reversed() {
            guard IPNetwork.parse(entry) != nil else { return peer }   // garbage: stop believing the chain
            if !isTrusted(entry) { return entry }
        }
        return entries.first ?? peer
    }
}
