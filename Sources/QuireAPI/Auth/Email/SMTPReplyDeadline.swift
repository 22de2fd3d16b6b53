import NIOCore

/// Closes an SMTP connection whose server owes a reply and sends nothing for `timeout`.
///
/// It lives in the channel pipeline, so the clock starts when a command leaves and stops when
/// the reply's last line arrives, both on the event loop. A timer kept by the task reading the
/// replies also counted the time that task waited for a thread: on a busy machine (the whole
/// test suite on two cores) replies that had arrived in time were taken for silence and the
/// connection was closed under the mail.
final class SMTPReplyDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var timer = ChannelCloseTimer()
    /// The end of what the server sent so far, to tell a whole reply from part of one.
    private var tail: [UInt8] = []

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The greeting is owed as soon as the connection is up.
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        arm(context)
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        tail.append(contentsOf: bytes.readableBytesView)
        if let cut = tail.dropLast().lastIndex(of: UInt8(ascii: "\n")) { tail.removeSubrange(...cut) }
        // A reply ends with a line whose fourth byte is not `-` (`250 ok`, not `250-…`).
        if tail.last == UInt8(ascii: "\n"), tail.count < 4 || tail[3] != UInt8(ascii: "-") {
            disarm()
            tail = []
        } else {
            arm(context)
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext) {
        timer.arm(context, at: .now() + timeout)
    }

    private func disarm() {
        timer.disarm()
    }
}
