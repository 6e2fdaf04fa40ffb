import Foundation
import GongkaiDomain
import NIOCore
import NIOPosix
import NIOSSL

/// Asks a web server whether a link still works: a HEAD request (GET when HEAD is refused), only
/// the status line is read. Used by the background link check, never on a request path.
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

    func check(_ raw: String) async -> Outcome {
        guard let c = URLComponents(string: raw), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { return .unreachable("地址格式不正确") }
        let port = c.port ?? (scheme == "https" ? 443 : 80)
        var target = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        if let q = c.percentEncodedQuery { target += "?" + q }
        do {
            let status = try await statusCode(method: "HEAD", host: host, port: port, tls: scheme == "https", target: target)
            let final = [405, 501].contains(status)
                ? try await statusCode(method: "GET", host: host, port: port, tls: scheme == "https", target: target) : status
            return final < 400 ? .working(final) : .broken(final)
        } catch {
            return .unreachable("\(error)".prefix(200).description)
        }
    }

    struct ProtocolError: Error, CustomStringConvertible { let description: String }

    func statusCode(method: String, host: String, port: Int, tls: Bool, target: String) async throws -> Int {
        // Resolve once, check the address, and connect to exactly that address (a second lookup could
        // answer differently: DNS rebinding).
        let address = try await NIOThreadPool.singleton.runIfActive {
            try SocketAddress.makeAddressResolvingHost(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
        }
        guard allowPrivateAddresses || address.ipAddress.map(OutboundAddressPolicy.isPublic) == true else {
            throw ProtocolError(description: "地址 \(address.ipAddress ?? host) 不是公网地址，不检查（防止服务器访问内网）")
        }
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: host))
                    }
                    try channel.pipeline.syncOperations.addHandler(LineHandler(continuation: continuation))
                }
            }
            .connect(to: address).get()
        let watchdog = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        defer {
            watchdog.cancel()
            channel.close(promise: nil)
        }
        let hostHeader = (port == 80 || port == 443) ? host : "\(host):\(port)"
        let request = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: Gongkai-LinkCheck/1.0\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request))
        var lines = stream.makeAsyncIterator()
        guard let statusLine = try await lines.next() else { throw ProtocolError(description: "服务器未响应") }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]) else {
            throw ProtocolError(description: "不是 HTTP 响应")
        }
        return code
    }
}
