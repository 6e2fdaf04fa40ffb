import AsyncHTTPClient
import Foundation
import GongkaiDomain
import NIOCore
import NIOHTTP1
import NIOPosix

/// Asks a web server whether a link still works: a HEAD request (GET when HEAD is refused) with
/// async-http-client; only the status is read, redirects are not followed (their target would
/// escape the address check). Used by the background link check, never on a request path.
struct LinkProbe: Sendable {
    enum Outcome: Sendable, Equatable {
        case working(Int)
        case broken(Int)
        case unreachable(String)

        var isWorking: Bool { if case .working = self { return true } else { return false } }
    }

    var timeout: TimeAmount = .seconds(10)
    /// Loopback, private, link-local and other non-public addresses are refused unless the deployment
    /// allows them (GONGKAI_LINK_CHECK_PRIVATE; tests probe a server on 127.0.0.1).
    var allowPrivateAddresses = false

    struct ProtocolError: Error, CustomStringConvertible { let description: String }

    func check(_ raw: String) async -> Outcome {
        guard let c = URLComponents(string: raw), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { return .unreachable("地址格式不正确") }
        let port = c.port ?? (scheme == "https" ? 443 : 80)
        do {
            let address = try await checkedAddress(host: host, port: port)
            let status = try await statusCode(.HEAD, url: raw, host: host, address: address)
            let final = [405, 501].contains(status) ? try await statusCode(.GET, url: raw, host: host, address: address) : status
            return final < 400 ? .working(final) : .broken(final)
        } catch {
            return .unreachable("\(error)".prefix(200).description)
        }
    }

    /// Resolves the host once and checks the address; the request then goes to exactly that address
    /// (a second lookup could answer differently: DNS rebinding).
    func checkedAddress(host: String, port: Int) async throws -> String {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let address = try await NIOThreadPool.singleton.runIfActive { try SocketAddress.makeAddressResolvingHost(bare, port: port) }
        guard let ip = address.ipAddress else { throw ProtocolError(description: "无法解析地址 \(host)") }
        guard allowPrivateAddresses || OutboundAddressPolicy.isPublic(ip) else {
            throw ProtocolError(description: "地址 \(ip) 不是公网地址，不检查（防止服务器访问内网）")
        }
        return ip
    }

    func statusCode(_ method: HTTPMethod, url: String, host: String, address: String) async throws -> Int {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: timeout, read: timeout))
        // The certificate is still checked against the host name; only the lookup is ours.
        configuration.dnsOverride = [host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")): address]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "User-Agent", value: "Gongkai-LinkCheck/1.0")
            request.headers.add(name: "Accept", value: "*/*")
            let response = try await client.execute(request, timeout: timeout)
            let code = Int(response.status.code)
            try await client.shutdown()
            return code
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
