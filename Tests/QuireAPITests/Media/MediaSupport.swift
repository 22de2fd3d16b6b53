import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QuireContent
import Testing

/// A `multipart/form-data` body built the way browsers and curl send one.
struct MultipartBody {
    struct Part {
        var name: String
        var fileName: String?
        var contentType: String?
        var bytes: [UInt8]
    }

    static let boundary = "----QuireTestBoundary7MA4YWxkTrZu0gW"
    var parts: [Part] = []

    mutating func file(_ bytes: [UInt8], name: String, type: String = "application/octet-stream", field: String = "files") {
        parts.append(Part(name: field, fileName: name, contentType: type, bytes: bytes))
    }

    mutating func field(_ name: String, _ value: String) {
        parts.append(Part(name: name, fileName: nil, contentType: nil, bytes: Array(value.utf8)))
    }

    var bytes: [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { head += "; filename=\"\(fileName)\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            body += Array(head.utf8) + part.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(Self.boundary)--\r\n".utf8)
        return body
    }

    var contentType: String { "multipart/form-data; boundary=\(Self.boundary)" }
}

extension TestClientProtocol {
    func upload(_ body: MultipartBody, token: String?, query: String = "", headers extra: HTTPFields = [:]) async throws -> TestResponse {
        try await sendMultipart(body.bytes, contentType: body.contentType, uri: "/api/upload" + query, token: token, headers: extra)
    }

    func sendMultipart(_ bytes: [UInt8], contentType: String, uri: String = "/api/upload", token: String?, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = contentType
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// Uploads one file and returns its file object (expects 201).
    func uploadOne(_ bytes: [UInt8], name: String, type: String, token: String, info: String? = nil) async throws -> Value {
        var body = MultipartBody()
        body.file(bytes, name: name, type: type)
        if let info { body.field("fileInfo", info) }
        let response = try await upload(body, token: token)
        #expect(response.status == .created, "\(response.text)")
        guard let file = try response.json[0] else { throw TestFailure("no file object in \(response.text)") }
        return file
    }
}

enum Pictures {
    /// A gradient JPEG made by libvips.
    static func jpeg(_ width: Int, _ height: Int, orientation: Int = 1) throws -> [UInt8] {
        try Vips.sample(width: width, height: height, orientation: orientation, suffix: ".jpg[Q=85]")
    }

    static func png(_ width: Int, _ height: Int) throws -> [UInt8] {
        try Vips.sample(width: width, height: height, suffix: ".png")
    }

    /// A valid PNG header announcing `width`×`height` pixels with almost no data: a decompression bomb.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        var ihdr = bigEndian(width) + bigEndian(height)
        ihdr += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, no filter, no interlace
        // A tiny zlib stream (one stored empty block): far less data than the header promises.
        let idat: [UInt8] = [0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}

extension TestSite {
    /// Paths of main's tree under `folder`.
    func files(under folder: String) throws -> [String] {
        try git("ls-tree", "-r", "--name-only", "main", folder).split(separator: "\n").map(String.init)
    }

    func commitCount() throws -> Int {
        Int(try git("rev-list", "--count", "main").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

extension TestClientProtocol {
    /// Uploads a picture, has `useInDraft` make a draft that uses it (given the file's
    /// documentId), and checks that the file is then as private as the draft: its URL and an
    /// Apostrophe size are 404 to anonymous callers, and a token that may read drafts loads it.
    func expectPrivateOnceADraftUses(site: TestSite, _ useInDraft: (String) async throws -> Void,
                                     sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let file = try await uploadOne(try Pictures.jpeg(400, 300), name: "secret.jpg", type: "image/jpeg", token: site.fullToken)
        let id = try #require(file["documentId"]?.stringValue)
        let url = try #require(file["url"]?.stringValue)
        #expect(try await send(.get, url).status == .ok, sourceLocation: sourceLocation)
        try await useInDraft(id)
        #expect(try await send(.get, url).status == .notFound, sourceLocation: sourceLocation)
        #expect(try await send(.get, "/uploads/attachments/\(id)-secret.one-sixth.jpg").status == .notFound, sourceLocation: sourceLocation)
        #expect(try await send(.get, url, token: site.readToken).status == .ok, sourceLocation: sourceLocation)
    }
}
