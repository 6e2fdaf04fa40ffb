import AsyncHTTPClient
import Foundation
import GongkaiDomain
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches one page of a monitored site: GET, no redirects followed (the crawler decides whether
/// the target is ours), at most `maxBytes` of body read, 15 s per request as the indicators count a
/// page not open after 15 s as failed. The address is resolved once and checked by the link
/// check's `LinkProbe.checkedAddress` (no private networks unless allowed; the portal's own
/// address always is). Links that are only checked go through `LinkProbe.check` (`probe(for:)`).
struct PageFetcher: Sendable {
    struct Result: Sendable {
        let status: Int
        let contentType: String
        let location: String?
        let body: [UInt8]
        let milliseconds: Int
    }

    var timeout: TimeAmount = .seconds(15)
    var maxBytes = PageScan.maxBytes
    var allowPrivate = false
    /// Hosts that may be private (the portal's loopback address).
    var trustedHosts: Set<String> = []
    static let userAgent = "GongkaiMonitor/1.0 (+政务公开网站监测)"

    /// The link check's probe with this fetcher's timeout and address rule for the address's host.
    func probe(for raw: String) -> LinkProbe {
        let host = URLComponents(string: raw)?.host?.lowercased() ?? ""
        return LinkProbe(timeout: timeout, allowPrivateAddresses: allowPrivate || trustedHosts.contains(host))
    }

    func fetch(_ raw: String) async throws -> Result {
        guard let c = URLComponents(string: raw), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { throw LinkProbe.ProtocolError(description: "地址格式不正确") }
        let address = try await probe(for: raw).checkedAddress(host: host, port: c.port ?? (scheme == "https" ? 443 : 80))
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.dnsOverride = [host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")): address]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            var request = HTTPClientRequest(url: raw)
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,*/*;q=0.8")
            let response = try await client.execute(request, timeout: timeout)
            var body: [UInt8] = []
            for try await chunk in response.body {
                body.append(contentsOf: chunk.readableBytesView.prefix(maxBytes - body.count))
                if body.count >= maxBytes { break }
            }
            try await client.shutdown()
            return Result(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type") ?? "",
                          location: response.headers.first(name: "Location"), body: body,
                          milliseconds: Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
