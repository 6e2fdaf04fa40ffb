/// Which addresses the server itself may connect to on behalf of content (the dead-link check reads
/// URLs that staff typed or pasted). A link to 127.0.0.1, the office network or the cloud metadata
/// address would make the server probe its own surroundings (server-side request forgery), so only
/// public unicast addresses are allowed unless the deployment says otherwise.
public enum OutboundAddressPolicy {
    static let blocked: [IPNetwork] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
    ].compactMap(IPNetwork.init)

    /// Whether `address` (textual IPv4 or IPv6) is a public unicast address.
    public static func isPublic(_ address: String) -> Bool {
        guard let bytes = IPNetwork.parse(address) else { return false }
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            // IPv4-mapped: judged as the IPv4 address it carries.
            return isPublic(bytes[12..<16].map(String.init).joined(separator: "."))
        }
        return !blocked.contains { $0.contains(bytes) }
    }
}
