import NIOCore
import NIOExtras

/// Delivers the lines that swift-nio-extras' `LineBasedFrameDecoder` cuts (CRLF or LF, without
/// the line end) to an async stream: the SMTP client reads its server's replies from it.
final class LineStream: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncThrowingStream<String, any Error>.Continuation

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.continuation = continuation
    }

    /// The decoder and this handler, in pipeline order.
    static func handlers(_ continuation: AsyncThrowingStream<String, any Error>.Continuation) -> [any ChannelHandler] {
        [ByteToMessageHandler(LineBasedFrameDecoder()), LineStream(continuation: continuation)]
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var line = unwrapInboundIn(data)
        continuation.yield(line.readString(length: line.readableBytes) ?? "")
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }
}
