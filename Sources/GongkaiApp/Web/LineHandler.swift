import NIOCore

/// Splits inbound bytes into lines (CRLF or LF) for line-based protocols: SMTP replies, HTTP status lines.
final class LineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncThrowingStream<String, any Error>.Continuation
    var pending: [UInt8] = []

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let lf = pending.firstIndex(of: 10) {
            var line = Array(pending[..<lf])
            if line.last == 13 { line.removeLast() }
            pending.removeSubrange(...lf)
            continuation.yield(String(decoding: line, as: UTF8.self))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }
}
