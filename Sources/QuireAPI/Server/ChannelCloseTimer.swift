import NIOCore

/// One pending close of a channel, armed and disarmed by a pipeline handler on its event loop:
/// the deadlines of slow HTTP clients (`RequestDeadlineHandler`) and of silent SMTP servers
/// (`SMTPReplyDeadline`).
struct ChannelCloseTimer {
    private var pending: Scheduled<Void>?

    /// Replaces any pending close with one at `deadline`.
    mutating func arm(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        pending?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        pending = context.eventLoop.scheduleTask(deadline: deadline) {
            loopBound.value.close(promise: nil)
        }
    }

    mutating func disarm() {
        pending?.cancel()
        pending = nil
    }
}
