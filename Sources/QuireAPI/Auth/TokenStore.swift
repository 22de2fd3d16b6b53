import Crypto
import Foundation
import QuireGit

/// API tokens, kept as SHA-256 hashes in `<git dir>/quire/tokens.json`: inside the git directory,
/// so never in the work tree and never committed. Tokens carry 256 bits of randomness, so a fast
/// hash is as safe as a slow one and keeps per-request checks cheap.
public struct TokenStore: Sendable {
    public enum Access: String, Sendable, Codable, CaseIterable {
        case fullAccess = "full-access"
        case readOnly = "read-only"
    }

    public struct Token: Sendable, Codable, Equatable {
        public var name: String
        public var access: Access
        public var hash: String
        public var createdAt: Date
    }

    public let file: URL

    public init(gitDirectory: String) {
        file = URL(fileURLWithPath: gitDirectory).appendingPathComponent("quire/tokens.json")
    }

    public func tokens() throws -> [Token] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try JSONDecoder.tokens.decode([Token].self, from: Data(contentsOf: file))
    }

    /// Creates a token and returns its secret: the only time it is ever seen.
    public func create(name: String, access: Access) throws -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let secret = "quire_" + bytes.map { String(format: "%02x", $0) }.joined()
        var all = try tokens()
        all.removeAll { $0.name == name }
        all.append(Token(name: name, access: access, hash: Self.hash(secret), createdAt: Date()))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONEncoder.tokens.encode(all)
        // Written 0600 from the start: the hashes are no secret, but nobody else needs them.
        try AtomicFile.write(data, to: file.path, permissions: 0o600)
        return secret
    }

    /// Hex by hand: `String(format:)` per byte cost a quarter of every authenticated read.
    static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension JSONDecoder {
    static var tokens: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    static var tokens: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
