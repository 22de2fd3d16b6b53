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
        /// Only the actions its `permissions` list, or those of its `role`.
        case custom
    }

    public struct Token: Sendable, Codable, Equatable {
        public var name: String
        public var access: Access
        public var hash: String
        public var createdAt: Date
        /// A custom token's grants: content type (or `*`) → actions.
        public var permissions: [String: [String]]?
        /// A custom token acting as a role of quire.yaml (an Apostrophe API key).
        public var role: String?
        public var expiresAt: Date?

        /// What a request made with this token may do.
        public var principal: Principal {
            if access != .custom { return .token(name: name, access: access) }
            if let role { return .keyed(name: name, role: role) }
            return .scoped(name: name, permissions: (permissions ?? [:]).mapValues(Set.init))
        }
    }

    public let file: URL
    public let gitDirectory: String

    public init(gitDirectory: String) {
        self.gitDirectory = gitDirectory
        file = URL(fileURLWithPath: gitDirectory).appendingPathComponent("quire/tokens.json")
    }

    public func tokens() throws -> [Token] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try JSONDecoder.tokens.decode([Token].self, from: Data(contentsOf: file))
    }

    /// Creates a token and returns its secret: the only time it is ever seen.
    public func create(
        name: String, access: Access, permissions: [String: [String]]? = nil, role: String? = nil, expiresAt: Date? = nil
    ) throws -> String {
        let secret = "quire_" + Self.randomHex(bytes: 32)
        var all = try tokens()
        all.removeAll { $0.name == name }
        all.append(Token(
            name: name, access: access, hash: Self.hash(secret), createdAt: Date(),
            permissions: permissions, role: role, expiresAt: expiresAt))
        try save(all)
        return secret
    }

    /// Removes the token called `name`; false if there was none.
    public func revoke(name: String) throws -> Bool {
        var all = try tokens()
        let before = all.count
        all.removeAll { $0.name == name }
        guard all.count != before else { return false }
        try save(all)
        return true
    }

    private func save(_ all: [Token]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONEncoder.tokens.encode(all)
        // Written 0600 from the start: the hashes are no secret, but nobody else needs them.
        try AtomicFile.write(data, to: file.path, permissions: 0o600)
    }

    static func randomHex(bytes count: Int) -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
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
