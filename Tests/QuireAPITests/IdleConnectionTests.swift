#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import QuireAPI
import Testing

/// Real sockets against the real server: clients that go quiet, or trickle a byte at a time
/// (slowloris), are disconnected instead of holding a connection for ever, and write nothing.
@Suite struct IdleConnectionTests {
    @Test func aBodyThatStopsComingIsCutOff() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let before = try await site.mainTip()
        var options = site.options
        options.idleTimeout = .milliseconds(300)
        try await Self.serve(site, options) { descriptor in
            let head = "POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(site.fullToken)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\":"
            #expect(Self.send(descriptor, head))
            #expect(Self.closedByServer(descriptor), "the server kept the connection open")
        }
        #expect(try await site.mainTip() == before, "nothing was committed")
    }

    @Test func aHeadTrickledAByteAtATimeIsCutOff() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        var options = site.options
        options.requestTimeout = .milliseconds(500)
        try await Self.serve(site, options) { descriptor in
            #expect(Self.send(descriptor, "GET /api/articles HTTP/1.1\r\nHost: localhost\r\nX-Slow: "))
            // Never idle for the 60 s idle timeout: a byte every 100 ms, for up to 20 s (however
            // loaded the machine, far past the half-second deadline).
            var cut = false
            for _ in 0..<200 where !cut {
                try await Task.sleep(for: .milliseconds(100))
                cut = !Self.send(descriptor, "a") || Self.closedByServer(descriptor, waiting: false)
            }
            #expect(cut, "the server kept a trickling request head")
        }
    }

    @Test func aBodyTrickledBelowTheMinimumRateIsCutOffAndWritesNothing() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let before = try await site.mainTip()
        var options = site.options
        options.requestTimeout = .milliseconds(500)
        options.minimumBodyRate = 100
        try await Self.serve(site, options) { descriptor in
            let body = #"{"data":{"title":"\#(String(repeating: "a", count: 200))"}}"#
            let head = "POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(site.fullToken)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            #expect(Self.send(descriptor, head))
            var cut = false
            for byte in body.utf8 where !cut {  // 10 bytes a second, a tenth of the minimum, for up to 20 s
                try await Task.sleep(for: .milliseconds(100))
                cut = !Self.send(descriptor, String(UnicodeScalar(byte))) || Self.closedByServer(descriptor, waiting: false)
            }
            #expect(cut, "the server kept a trickling body")
        }
        #expect(try await site.mainTip() == before, "nothing was committed")
    }

    @Test func keptAliveConnectionsStillServeRequestsAfterTheirAnswers() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        var options = site.options
        options.requestTimeout = .seconds(10)
        try await Self.serve(site, options) { descriptor in
            for _ in 0..<3 {
                #expect(Self.send(descriptor, "GET /_health HTTP/1.1\r\nHost: localhost\r\n\r\n"))
                var buffer = [UInt8](repeating: 0, count: 65536)
                #expect(recv(descriptor, &buffer, buffer.count, 0) > 0)
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Runs a real server on a free port and hands `body` a connected socket (60 s receive limit,
    /// so a server that never closes fails the test rather than hanging it, even on a loaded machine).
    static func serve(_ site: TestSite, _ options: ServerOptions, _ body: (Int32) async throws -> Void) async throws {
        var options = options
        options.port = 0
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let app = buildApplication(
            site: site.site, authenticator: Authenticator(store: TokenStore(gitDirectory: site.repository.gitDirectory)),
            options: options, logger: Logger(label: "quire.test")
        ) { url in
            announce.yield(Int(url.split(separator: ":").last ?? "") ?? 0)
        }
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        var wait = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        try await body(descriptor)
    }

    static func send(_ descriptor: Int32, _ text: String) -> Bool {
        text.withCString { Glibc.send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) } > 0
    }

    /// Whether the server closed the connection: reads until end of stream (an answer, such as a
    /// 408 or 413, may come first). Without `waiting`, only looks.
    static func closedByServer(_ descriptor: Int32, waiting: Bool = true) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, waiting ? 0 : Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}
