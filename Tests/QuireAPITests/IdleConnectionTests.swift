#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import QuireAPI
import Testing

/// A real socket against the real server: a client that starts a request body and goes quiet
/// is disconnected after the idle timeout instead of holding the connection forever.
@Suite struct IdleConnectionTests {
    @Test func aBodyThatStopsComingIsCutOff() async throws {
        let site = try await TestSite.make()
        defer { site.remove() }
        let before = try await site.mainTip()
        var options = site.options
        options.port = 0
        options.idleTimeout = .milliseconds(300)
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
        // Ten seconds at most to hear back, so a server that never closes fails the test rather than hanging it.
        var wait = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let head = "POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(site.fullToken)\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\":"
        let sent = head.withCString { send(descriptor, $0, strlen($0), 0) }
        #expect(sent > 0)

        let started = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 {
                // 0: closed by the server; -1 would be our own ten-second limit.
                #expect(count == 0, "the server kept the connection open")
                break
            }
        }
        #expect(ContinuousClock.now - started < .seconds(9))
        #expect(try await site.mainTip() == before, "nothing was committed")
    }
}
