import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection on SwiftNIO: replies read line by line, each due within `timeout` seconds,
/// and TLS from the first byte (implicit, port 465) or switched on after `STARTTLS`. Server
/// certificates are always verified, against the system's roots or the CA file given.
final class SMTPConnection {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let timeout: Int64
    private var buffer: [UInt8] = []
    /// Bytes taken from `inbound` so far (`SMTPInboundCount` counts those sent into it).
    private var received = 0
    private(set) var lastReply = ""

    private init(_ channel: any Channel, _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, timeout: Int) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.timeout = Int64(timeout)
    }

    /// Connects, runs `conversation`, closes. `tls` set: the connection is encrypted before the
    /// server's greeting (implicit TLS).
    static func with(
        host: String, port: Int, timeout: Int, tls: NIOSSLContext?, _ conversation: (SMTPConnection) async throws -> Void
    ) async throws {
        let asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            asyncChannel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(Int64(timeout)))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host)) }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyDeadline(timeout: .seconds(Int64(timeout))))
                        try channel.pipeline.syncOperations.addHandler(SMTPInboundCount())
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPClient.Failure.connect("\(host):\(port): \(error)")
        }
        try await asyncChannel.executeThenClose { inbound, outbound in
            try await conversation(SMTPConnection(asyncChannel.channel, inbound, outbound, timeout: timeout))
        }
    }

    /// After the server's `220` to `STARTTLS`: everything from here on is encrypted. Anything the
    /// server sent after that `220` and before the handshake is refused, never read as a reply.
    func startTLS(_ context: NIOSSLContext, host: String) async throws(SMTPClient.Failure) {
        let injected = SMTPClient.Failure.io("the server sent more after its STARTTLS reply, in plain text: refused")
        guard buffer.isEmpty else { throw injected }
        let (channel, received) = (self.channel, self.received)
        do {
            try await channel.eventLoop.submit {
                // On the event loop, so nothing can arrive between this check and the TLS handler.
                guard try channel.pipeline.syncOperations.handler(type: SMTPInboundCount.self).bytes == received else { throw injected }
                try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(context, host: host), position: .first)
            }.get()
        } catch let failure as SMTPClient.Failure {
            throw failure
        } catch {
            throw .io("cannot start TLS: \(error)")
        }
    }

    /// Whether the connection reached this machine (a loopback address, however `host` was
    /// spelled): the only place a password may go unencrypted.
    var reachesThisMachine: Bool {
        guard let address = channel.remoteAddress?.ipAddress else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    /// SNI names a host, never an address; an address is checked against the certificate's IP entries.
    private static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    func write(_ bytes: [UInt8]) async throws(SMTPClient.Failure) {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw .io("writing: \(error)")
        }
    }

    /// `shown` stands for the command in errors: an AUTH line carries the password.
    func command(_ line: String, expect code: Int, shown: String) async throws(SMTPClient.Failure) {
        // An address from the users ref or quire.yaml holding a line break would send a second command.
        guard !line.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw .refused(command: shown, reply: "not sent: a line break inside the command")
        }
        try await write(Array((line + "\r\n").utf8))
        try await expect(code, after: shown)
    }

    /// Reads one (possibly multi-line) reply and checks its code.
    func expect(_ code: Int, after what: String) async throws(SMTPClient.Failure) {
        var lines: [String] = []
        while true {
            let line = try await readLine()
            lines.append(line)
            // `250-…` continues, `250 …` (or a bare code) ends the reply.
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
        }
        lastReply = lines.joined(separator: "\n")
        guard let last = lines.last, Int(last.prefix(3)) == code else { throw .refused(command: what, reply: lastReply) }
    }

    private func readLine() async throws(SMTPClient.Failure) -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<end]
                buffer.removeSubrange(...end)
                return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            guard buffer.count < 65536 else { throw .io("reply line too long") }
            // A server silent past the timeout has its connection closed (`SMTPReplyDeadline`), which ends the read.
            let chunk: ByteBuffer?
            do {
                chunk = try await inbound.next()
            } catch {
                throw .io("\(error)")
            }
            guard let chunk else { throw .io("closed by the server, or no reply within \(timeout) s") }
            received += chunk.readableBytes
            buffer.append(contentsOf: chunk.readableBytesView)
        }
    }
}
