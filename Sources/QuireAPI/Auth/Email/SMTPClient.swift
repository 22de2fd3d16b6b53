import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small SMTP client: EHLO, AUTH PLAIN or LOGIN when credentials are given, MAIL FROM, RCPT
/// TO, DATA, QUIT, over a plain TCP connection (a local relay, or a server reached over a
/// private network: STARTTLS is not spoken). Blocking sockets with a deadline on every read and
/// write, run on a thread of their own so the server's cooperative pool never waits on them.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let timeout: Int
    let credentials: (username: String, password: String)?

    enum Failure: Error, CustomStringConvertible {
        case connect(String)
        case io(String)
        case refused(command: String, reply: String)

        var description: String {
            switch self {
            case .connect(let why): "cannot connect: \(why)"
            case .io(let why): "connection: \(why)"
            case .refused(let command, let reply): "\(command) refused: \(reply)"
            }
        }
    }

    /// Sends one message; throws `Failure` (never naming the password).
    func send(_ message: MailMessage) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try self.sendBlocking(message)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func sendBlocking(_ message: MailMessage) throws {
        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(220, after: "connect")
        let helloName = "quire.localhost"
        try connection.command("EHLO \(helloName)", expect: 250, shown: "EHLO")
        if let credentials {
            let extensions = connection.lastReply.uppercased()
            let plain = Array("\0\(credentials.username)\0\(credentials.password)".utf8)
            if extensions.contains("PLAIN") || !extensions.contains("LOGIN") {
                try connection.command("AUTH PLAIN " + Data(plain).base64EncodedString(), expect: 235, shown: "AUTH PLAIN")
            } else {
                try connection.command("AUTH LOGIN", expect: 334, shown: "AUTH LOGIN")
                try connection.command(Data(credentials.username.utf8).base64EncodedString(), expect: 334, shown: "AUTH LOGIN username")
                try connection.command(Data(credentials.password.utf8).base64EncodedString(), expect: 235, shown: "AUTH LOGIN password")
            }
        }
        try connection.command("MAIL FROM:<\(message.fromAddress)>", expect: 250, shown: "MAIL FROM")
        try connection.command("RCPT TO:<\(message.to)>", expect: 250, shown: "RCPT TO")
        try connection.command("DATA", expect: 354, shown: "DATA")
        try connection.write(message.dataSection())
        try connection.expect(250, after: "message")
        try? connection.command("QUIT", expect: 221, shown: "QUIT")
    }
}

/// One TCP connection reading SMTP replies line by line.
private final class SMTPConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []
    private(set) var lastReply = ""

    init(host: String, port: Int, timeout: Int) throws(SMTPClient.Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { throw .connect("unknown host \(host)") }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let address = candidate, connected < 0 {
            connected = Self.connect(address.pointee, timeout: timeout)
            candidate = address.pointee.ai_next
        }
        guard connected >= 0 else { throw .connect("\(host):\(port) did not answer") }
        socket = connected
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// A non-blocking connect bounded by `timeout`, then back to blocking mode.
    private static func connect(_ address: addrinfo, timeout: Int) -> Int32 {
        let fd = Glibc.socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard fd >= 0 else { return -1 }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        var ok = Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0
        if !ok, errno == EINPROGRESS {
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            ok = poll(&poller, 1, Int32(timeout * 1000)) == 1
                && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0
        }
        guard ok else {
            Glibc.close(fd)
            return -1
        }
        _ = fcntl(fd, F_SETFL, flags)
        return fd
    }

    func close() { Glibc.close(socket) }

    func write(_ bytes: [UInt8]) throws(SMTPClient.Failure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw .io(count == 0 || errno == EAGAIN ? "timed out writing" : String(cString: strerror(errno))) }
            sent += count
        }
    }

    /// `shown` stands for the command in errors: an AUTH line carries the password.
    func command(_ line: String, expect code: Int, shown: String) throws(SMTPClient.Failure) {
        try write(Array((line + "\r\n").utf8))
        try expect(code, after: shown)
    }

    /// Reads one (possibly multi-line) reply and checks its code.
    func expect(_ code: Int, after what: String) throws(SMTPClient.Failure) {
        var lines: [String] = []
        while true {
            let line = try readLine()
            lines.append(line)
            // `250-…` continues, `250 …` (or a bare code) ends the reply.
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
        }
        lastReply = lines.joined(separator: "\n")
        guard let last = lines.last, Int(last.prefix(3)) == code else { throw .refused(command: what, reply: lastReply) }
    }

    private func readLine() throws(SMTPClient.Failure) -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<end]
                buffer.removeSubrange(...end)
                return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
            }
            guard buffer.count < 65536 else { throw .io("reply line too long") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw .io(count == 0 ? "closed by the server" : errno == EAGAIN ? "timed out waiting for a reply" : String(cString: strerror(errno))) }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
