import Crypto
import Foundation

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
        try data.write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return secret
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
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
