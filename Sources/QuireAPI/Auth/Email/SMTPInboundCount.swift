import NIOCore

/// Counts the bytes the SMTP server has sent, as they leave the pipeline for the reading task.
///
/// STARTTLS needs it: everything the server sent in plain text must have been read, and must
/// end with its `220`, when TLS begins. Bytes still waiting at that moment would later be read
/// as if they had come over TLS; a man in the middle can put fake replies there (the STARTTLS
/// injection of CVE-2011-0411 and, on the client side, CVE-2021-38371).
final class SMTPInboundCount: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private(set) var bytes = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        bytes += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }
}
