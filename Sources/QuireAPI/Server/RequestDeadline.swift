import NIOCore
import NIOHTTPTypes

/// Slow clients: the idle timeout cuts a connection that goes quiet, but one that sends a byte a
/// second is never idle, and a few thousand of them would hold as many sockets and file
/// descriptors for ever (slowloris). As Apache's mod_reqtimeout does, a request must arrive at a
/// pace: its head within `head` of the connection opening or of the previous answer, and its
/// body within `head` more plus a second per `minimumBodyRate` bytes. Otherwise the connection is
/// closed; a body cut short writes nothing. Nothing is timed while the server works on a request
/// or streams an answer (an event stream may last for hours).
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let head: TimeAmount
    private let minimumBodyRate: Int
    private var timer = ChannelCloseTimer()
    private var bodyDeadlineBase: NIODeadline?
    private var bodyBytes = 0
    /// Requests received in full and not yet answered in full (HTTP/1.1 may pipeline them).
    private var unanswered = 0

    init(head: TimeAmount, minimumBodyRate: Int) {
        self.head = head
        self.minimumBodyRate = minimumBodyRate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, at: .now() + head) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, at: .now() + head)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            let base = NIODeadline.now() + head
            bodyDeadlineBase = base
            bodyBytes = 0
            arm(context, at: base)
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if let base = bodyDeadlineBase {
                arm(context, at: base + .milliseconds(Int64(bodyBytes) * 1000 / Int64(max(1, minimumBodyRate))))
            }
        case .end:
            bodyDeadlineBase = nil
            unanswered += 1
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, bodyDeadlineBase == nil { arm(context, at: .now() + head) }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        timer.arm(context, at: deadline)
    }

    private func disarm() {
        timer.disarm()
    }
}
