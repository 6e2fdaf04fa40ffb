import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Closes connections whose client sends a request too slowly to be honest. The idle timeout alone
/// only catches silence: a client that trickles a body a few bytes at a time would hold a connection
/// (and a file descriptor, and a parser) for as long as it likes, and a thousand of them starve the site.
///
/// Two rules, measured from when the connection is waiting for a request (opened, or the last
/// response finished):
/// - the request head must arrive within `headTimeout`;
/// - while a body arrives, every `rateWindow` must bring at least `minimumBytesPerWindow` bytes.
/// While the application works on a complete request nothing is timed (that is the server's time).
final class SlowClientCutoff: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Limits: Sendable {
        var headTimeout: TimeAmount = .seconds(20)
        var rateWindow: TimeAmount = .seconds(10)
        /// 1 KiB per 10 s is far below any phone on a bad line and far above a slow-loris trickle.
        var minimumBytesPerWindow = 1024
    }

    private enum Phase {
        case awaitingHead
        case readingBody(bytesThisWindow: Int)
        case serving
    }

    private let limits: Limits
    private var phase = Phase.awaitingHead
    private var timer: Scheduled<Void>?

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHeadTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startHeadTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            phase = .readingBody(bytesThisWindow: 0)
            startRateTimer(context)
        case .body(let buffer):
            if case .readingBody(let bytes) = phase {
                phase = .readingBody(bytesThisWindow: bytes + buffer.readableBytes)
            }
        case .end:
            phase = .serving
            cancelTimer()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), case .serving = phase {
            phase = .awaitingHead
            startHeadTimer(context)
        }
        context.write(data, promise: promise)
    }

    private func startHeadTimer(_ context: ChannelHandlerContext) {
        cancelTimer()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: limits.headTimeout) {
            let (handler, context) = loopBound.value
            if case .awaitingHead = handler.phase { context.close(promise: nil) }
        }
    }

    private func startRateTimer(_ context: ChannelHandlerContext) {
        cancelTimer()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: limits.rateWindow) {
            let (handler, context) = loopBound.value
            guard case .readingBody(let bytes) = handler.phase else { return }
            if bytes < handler.limits.minimumBytesPerWindow {
                context.close(promise: nil)
            } else {
                handler.phase = .readingBody(bytesThisWindow: 0)
                handler.startRateTimer(context)
            }
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }
}
