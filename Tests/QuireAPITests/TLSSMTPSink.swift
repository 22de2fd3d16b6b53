import Foundation
import Synchronization

/// An SMTP server on 127.0.0.1 speaking TLS, the other end of Quire's SMTP client in the TLS
/// tests: Python's `ssl` module (an independent TLS stack) with a certificate made by the
/// `openssl` CLI and signed by a throwaway private CA. `mode`: `starttls` offers STARTTLS,
/// `implicit` speaks TLS from the first byte, `plain` offers no TLS at all, `inject` offers
/// STARTTLS and sends a fake reply right after its `220`, in plain text, as a man in the middle
/// would; it records no mail, only each connection (`commands`: what came over TLS).
final class TLSSMTPSink: Sendable {
    struct Mail: Sendable, Decodable {
        let from: String
        let to: [String]
        let data: String
        /// Whether the mail came over TLS.
        let tls: Bool
        let auth: String?
        /// `inject` mode: the commands the client sent once TLS was up.
        var commands: [String]? = nil
    }

    /// A CA, and a server certificate it signed for `names` (subjectAltName entries).
    struct Certificates {
        let folder: URL
        var caFile: String { folder.appendingPathComponent("ca.pem").path }
        var certFile: String { folder.appendingPathComponent("server.pem").path }
        var keyFile: String { folder.appendingPathComponent("server.key").path }

        init(names: String = "DNS:localhost,IP:127.0.0.1") throws {
            folder = try PythonTool.temporaryFolder()
            let path = folder.path
            _ = try TestSite.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Quire Test CA",
                                  "-keyout", "\(path)/ca.key", "-out", "\(path)/ca.pem"])
            _ = try TestSite.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=smtp test",
                                  "-keyout", "\(path)/server.key", "-out", "\(path)/server.csr"])
            try "subjectAltName=\(names)\n".write(toFile: "\(path)/ext.cnf", atomically: true, encoding: .utf8)
            _ = try TestSite.run(["openssl", "x509", "-req", "-in", "\(path)/server.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca.key",
                                  "-CAcreateserial", "-days", "2", "-extfile", "\(path)/ext.cnf", "-out", "\(path)/server.pem"])
        }
    }

    let port: Int
    private let process: Process
    private let received = Mutex<[Mail]>([])

    init(mode: String, certificates: Certificates) throws {
        let script = certificates.folder.appendingPathComponent("sink.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", script.path, mode, certificates.certFile, certificates.keyFile]
        let pipe = Pipe()
        process.standardOutput = pipe
        // Not the test's own stderr: `swift test` would wait for every holder of it to close.
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        var portLine = Data()
        while let byte = try reader.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { portLine.append(byte) }
        guard let port = Int(String(decoding: portLine, as: UTF8.self)) else { throw TestFailure("the TLS sink did not start") }
        self.port = port
        Thread.detachNewThread { [self] in
            // One JSON line per mail received.
            var line = Data()
            while let byte = try? reader.read(upToCount: 1), !byte.isEmpty {
                guard byte == Data("\n".utf8) else { line.append(byte); continue }
                if let mail = try? JSONDecoder().decode(Mail.self, from: line) { received.withLock { $0.append(mail) } }
                line = Data()
            }
        }
    }

    var mails: [Mail] { received.withLock { $0 } }

    func waitForMails(_ count: Int) async throws -> [Mail] {
        // Returns as soon as the mails are in; the bound is generous because the whole suite shares two cores.
        for _ in 0..<1200 where mails.count < count { try await Task.sleep(for: .milliseconds(50)) }
        return mails
    }

    /// SIGKILL: the test process blocks SIGTERM, and a child started by it inherits that mask.
    func stop() { kill(process.processIdentifier, SIGKILL) }

    private static let script = #"""
        import base64, json, socket, ssl, sys, threading
        mode, cert, key = sys.argv[1:4]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        print(server.getsockname()[1], flush=True)

        def serve(conn, mail):
            tls = mail["tls"] = mode == "implicit"
            if tls:
                conn = context.wrap_socket(conn, server_side=True)
            lines = conn.makefile("rb")
            def reply(text):
                conn.sendall((text + "\r\n").encode())
            reply("220 sink ready")
            while True:
                line = lines.readline()
                if not line:
                    return
                command = line.decode().rstrip("\r\n")
                if tls:
                    mail["commands"].append(command)
                upper = command.upper()
                if upper.startswith("EHLO"):
                    offers = ["250-sink", "250-AUTH PLAIN"] + ([] if tls or mode == "plain" else ["250-STARTTLS"])
                    reply("\r\n".join(offers + ["250 8BITMIME"]))
                elif upper == "STARTTLS" and mode in ("starttls", "inject") and not tls:
                    reply("220 go ahead" + ("\r\n250 injected" if mode == "inject" else ""))
                    conn = context.wrap_socket(conn, server_side=True)
                    lines = conn.makefile("rb")
                    tls = mail["tls"] = True
                elif upper.startswith("AUTH PLAIN "):
                    mail["auth"] = base64.b64decode(command[11:]).decode()
                    reply("235 ok")
                elif upper.startswith("MAIL FROM:"):
                    mail["from"] = command[10:]
                    reply("250 ok")
                elif upper.startswith("RCPT TO:"):
                    mail["to"].append(command[8:])
                    reply("250 ok")
                elif upper == "DATA":
                    reply("354 go on")
                    data = b""
                    while True:
                        part = lines.readline()
                        if not part or part == b".\r\n":
                            break
                        data += part[1:] if part.startswith(b"..") else part
                    mail["data"] = data.decode()
                    if mode != "inject":
                        print(json.dumps(mail), flush=True)
                    reply("250 queued")
                elif upper == "QUIT":
                    reply("221 bye")
                    return
                else:
                    reply("502 not here")

        def guarded(conn):
            mail = {"from": "", "to": [], "data": "", "tls": False, "auth": None, "commands": []}
            try:
                serve(conn, mail)
            except Exception:
                pass
            finally:
                conn.close()
                if mode == "inject":
                    print(json.dumps(mail), flush=True)

        while True:
            connection, _ = server.accept()
            threading.Thread(target=guarded, args=(connection,), daemon=True).start()
        """#
}
