import Foundation
import Glibc
import Synchronization

/// A tiny SMTP server (on 127.0.0.1 unless told) that records what it is sent: the other end of Quire's real
/// SMTP client in tests. `refuseRecipients` answers 550 to RCPT TO, as a relay refusing a mail;
/// `requireAuth` expects AUTH PLAIN with these credentials before MAIL FROM.
final class SMTPSink: Sendable {
    struct Mail: Sendable {
        let from: String
        let to: [String]
        /// Headers and body as sent, CRLF line ends, dots undoubled.
        let data: String
        /// The decoded AUTH PLAIN credentials, if any.
        let auth: String?
    }

    let port: Int
    private let listener: Int32
    private let received = Mutex<[Mail]>([])
    private let lines = Mutex<[String]>([])
    private let refuseRecipients: Bool
    private let silent: Bool

    /// `silent`: accepts connections and never answers, as a hung server. `address`: the IPv4
    /// address listened on.
    init(refuseRecipients: Bool = false, silent: Bool = false, address listenAddress: String = "127.0.0.1") throws {
        self.refuseRecipients = refuseRecipients
        self.silent = silent
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(listenAddress)
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 8) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    var mails: [Mail] { received.withLock { $0 } }
    /// Every command line received, in order (message text excluded), each recorded before its reply.
    var commands: [String] { lines.withLock { $0 } }

    /// Waits (up to a few seconds) until `count` mails have arrived.
    func waitForMails(_ count: Int) async throws -> [Mail] {
        // Returns as soon as the mails are in; the bound is generous because the whole suite shares two cores.
        for _ in 0..<1200 where mails.count < count { try await Task.sleep(for: .milliseconds(50)) }
        return mails
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread.detachNewThread { [self] in
                serve(connection)
                close(connection)
            }
        }
    }

    private func serve(_ fd: Int32) {
        var reader = LineReader(fd: fd)
        if silent {
            while reader.next() != nil {}
            return
        }
        func reply(_ line: String) { _ = (line + "\r\n").withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
        reply("220 sink ESMTP")
        var from = "", to: [String] = [], auth: String?
        while let line = reader.next() {
            lines.withLock { $0.append(line) }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                reply("250-sink")
                reply("250 AUTH PLAIN LOGIN")
            } else if upper.hasPrefix("AUTH PLAIN ") {
                auth = Data(base64Encoded: String(line.dropFirst(11))).map { String(decoding: $0, as: UTF8.self) }
                reply("235 ok")
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst(10))
                reply("250 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                if refuseRecipients { reply("550 no such mailbox"); continue }
                to.append(String(line.dropFirst(8)))
                reply("250 ok")
            } else if upper == "DATA" {
                reply("354 go on")
                var lines: [String] = []
                while let body = reader.next(), body != "." { lines.append(body.hasPrefix("..") ? String(body.dropFirst()) : body) }
                let mail = Mail(from: from, to: to, data: lines.joined(separator: "\r\n"), auth: auth)
                received.withLock { $0.append(mail) }
                reply("250 queued")
            } else if upper == "QUIT" {
                reply("221 bye")
                return
            } else {
                reply("502 unknown")
            }
        }
    }

    private struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []

        mutating func next() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    var line = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    if line.last == 13 { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return nil }
                buffer.append(contentsOf: chunk[..<count])
            }
        }
    }

    /// An IPv4 address of this machine off the loopback interface (nil when it has none), to
    /// reach a sink as a server elsewhere on the network would be reached.
    static func externalAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry?.pointee {
            defer { entry = current.ifa_next }
            guard let address = current.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            let text = String(cString: inet_ntoa(ipv4))
            if !text.hasPrefix("127.") { return text }
        }
        return nil
    }
}
