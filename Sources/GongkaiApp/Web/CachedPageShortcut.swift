import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers a request for a kept public page on the connection's event loop, before the request
/// becomes a Swift task: the same answer `CachedPageResponder` gives (`CachedPageAnswer`), plus the
/// `Date` and `Server` headers the application adds to every response. Profiled at 100,000
/// documents, a cached page's time was in the server framework around the responder (tasks, async
/// streams, header conversions), not in Gongkai's code; this path skips that.
///
/// It sits behind Hummingbird's connection-state handler, so idle timeouts and graceful shutdown
/// count these requests as theirs. A request is answered here only when no earlier request of the
/// connection is still being answered by the application, so responses keep the order of their
/// requests; a request that asks to close the connection (or to upgrade it), or carries a body,
/// goes the usual way, and so does every request while the client is not reading its answers
/// (the channel is not writable), so a client cannot make answers pile up in memory.
final class CachedPageShortcut: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let cache: PublicPageCache
    private let serverName: String?
    /// Requests passed on to the application whose response has not ended yet.
    private var passedOn = 0
    /// The answer to the request being read, once its head was found in the cache; written when
    /// the request's end arrives.
    private var answer: (head: HTTPRequest, found: CachedPageAnswer)?
    /// A request asking to close the connection went to the application.
    private var closing = false

    init(cache: PublicPageCache, serverName: String?) {
        self.cache = cache
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // Not while the socket's send buffer is full: the application's path then waits for
            // the client, and stops reading its requests; answering here would queue without end.
            let closes = Self.asksToClose(head)
            if passedOn == 0, !closing, !closes, context.channel.isWritable, let found = CachedPageAnswer(head, cache: cache) {
                answer = (head, found)
                return
            }
            // After a request that closes the connection the application stops; nothing more is answered here.
            if closes { closing = true }
            passedOn += 1
        case .body:
            // A GET with a body is not what the kept page answers: the application decides.
            if let held = answer {
                answer = nil
                passedOn += 1
                context.fireChannelRead(wrapInboundOut(.head(held.head)))
            }
        case .end:
            if let held = answer {
                answer = nil
                write(held.found, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    /// `Connection: close` (or an upgrade): the application closes or switches the connection after
    /// its answer. Browsers send `Connection: keep-alive`, which is HTTP/1.1's default and stays here.
    static func asksToClose(_ head: HTTPRequest) -> Bool {
        head.headerFields[values: .connection].contains { value in
            value.split(separator: ",").contains { token in
                let t = token.trimmingCharacters(in: .whitespaces).lowercased()
                return t != "keep-alive"
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn = max(0, passedOn - 1) }
        context.write(data, promise: promise)
    }

    private func write(_ found: CachedPageAnswer, context: ChannelHandlerContext) {
        var headers = found.headers
        headers[.contentLength] = String(found.body?.readableBytes ?? 0)
        headers[.date] = HTTPDateHeader.now()
        if let serverName { headers[.server] = serverName }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: found.status, headerFields: headers))), promise: nil)
        if let body = found.body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(body)), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// Hummingbird's HTTP/1.1 connection with `CachedPageShortcut` put behind its connection-state
/// handler (the configuration's additional handlers go in front of it, where the idle timeout
/// would not see the requests answered here).
struct ShortcutHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let cache: PublicPageCache
    let serverName: String?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let cache = cache, serverName = serverName
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(CachedPageShortcut(cache: cache, serverName: serverName), position: .after(state))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }

    /// The site's HTTP server: idle or half-open connections are closed after 30 s instead of
    /// being held forever, clients that trickle a request are cut off (`SlowClientCutoff`), and
    /// kept public pages are answered on the event loop.
    static func server(config: AppConfig, cache: PublicPageCache, serverName: String?) -> HTTPServerBuilder {
        let limits = config.slowClientLimits
        return HTTPServerBuilder { responder in
            ShortcutHTTP1Channel(
                http1: HTTP1Channel(responder: responder, configuration: .init(
                    additionalChannelHandlers: [SlowClientCutoff(limits: limits)], idleTimeout: .seconds(30))),
                cache: cache, serverName: serverName)
        }
    }
}
