import Foundation
import HTTPTypes
import HummingbirdTesting
import QuireContent
import Testing

@Suite struct HTTPNicetiesTests {
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("quire-gz-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("gzip -d failed") }
        return Array(output)
    }

    @Test func largeResponsesAreGzippedWhenAskedFor() async throws {
        var files: [String: String] = [:]
        for index in 0..<40 { files["content/en/tag/tag-\(index).yaml"] = "name: Tag number \(index)\n" }
        let site = try await TestSite.make(files: files)
        try await site.test { client async throws in
            let plain = try await client.send(.get, "/api/tags?pagination[pageSize]=50")
            #expect(plain.headers[.contentEncoding] == nil)
            let zipped = try await client.send(.get, "/api/tags?pagination[pageSize]=50", headers: [.acceptEncoding: "br, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 2)
            #expect(try Self.gunzip(Array(zipped.body.readableBytesView)) == Array(plain.body.readableBytesView))
            let small = try await client.send(.get, "/api/tags/travel", headers: [.acceptEncoding: "gzip"])
            #expect(small.headers[.contentEncoding] == nil)
            let refused = try await client.send(.get, "/api/tags?pagination[pageSize]=50", headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func corsDefaultsToAnyOriginAndAnswersPreflights() async throws {
        let site = try await TestSite.make()
        try await site.test { client async throws in
            let simple = try await client.send(.get, "/api/tags", headers: [.origin: "https://front.example"])
            #expect(simple.headers[.accessControlAllowOrigin] == "*")
            #expect(simple.headers[.accessControlExposeHeaders] == "ETag")
            let preflight = try await client.send(.options, "/api/articles", headers: [
                .origin: "https://front.example", .accessControlRequestMethod: "PUT",
            ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PUT") == true)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let denied = try await client.send(.get, "/api/articles", headers: [.origin: "https://front.example"])
            #expect(denied.status == .forbidden)
            #expect(denied.headers[.accessControlAllowOrigin] == "*", "error answers carry CORS headers too")
        }
    }

    @Test func corsOriginsComeFromQuireYAML() async throws {
        let config = """
            locales: [en, fr]
            cors:
              origins: [https://shop.example]
              credentials: true
            """
        let site = try await TestSite.make(files: ["quire.yaml": config])
        try await site.test { client async throws in
            let allowed = try await client.send(.get, "/api/tags", headers: [.origin: "https://shop.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://shop.example")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            #expect(allowed.headers[.vary] == "Origin")
            let other = try await client.send(.get, "/api/tags", headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
