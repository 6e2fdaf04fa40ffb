import AsyncHTTPClient
import Foundation
import GongkaiDomain
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches one address for the monitor: GET (or HEAD for a link that is only checked), no
/// redirects followed (the crawler decides whether the target is ours), at most `maxBytes` of
/// body read, 15 s per request as the indicators count a page not open after 15 s as failed.
/// Addresses are resolved once and checked like the link check's (no private networks unless
/// allowed: the portal's own address always is).
struct PageFetcher: Sendable {
    struct Result: Sendable {
        let status: Int
        let contentType: String
        let location: String?
        let body: [UInt8]
        let milliseconds: Int
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    var timeout: TimeAmount = .seconds(15)
    var maxBytes = PageScan.maxBytes
    var allowPrivate = false
    /// Hosts that may be private (the portal's loopback address).
    var trustedHosts: Set<String> = []
    static let userAgent = "GongkaiMonitor/1.0 (+政务公开网站监测)"

    func fetch(_ raw: String, method: HTTPMethod = .GET) async throws -> Result {
        guard let c = URLComponents(string: raw), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { throw Failure(description: "地址格式不正确") }
        let port = c.port ?? (scheme == "https" ? 443 : 80)
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let address = try await NIOThreadPool.singleton.runIfActive { try SocketAddress.makeAddressResolvingHost(bare, port: port) }
        guard let ip = address.ipAddress else { throw Failure(description: "无法解析地址 \(host)") }
        guard allowPrivate || trustedHosts.contains(host.lowercased()) || OutboundAddressPolicy.isPublic(ip) else {
            throw Failure(description: "地址 \(ip) 不是公网地址，未检查")
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.dnsOverride = [bare: ip]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            var request = HTTPClientRequest(url: raw)
            request.method = method
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml,*/*;q=0.8")
            let response = try await client.execute(request, timeout: timeout)
            var body: [UInt8] = []
            if method == .GET {
                for try await chunk in response.body {
                    body.append(contentsOf: chunk.readableBytesView.prefix(maxBytes - body.count))
                    if body.count >= maxBytes { break }
                }
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
