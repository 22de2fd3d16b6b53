import Crypto
import Foundation
import QuireGit

/// API tokens, kept with the users in the private ref `refs/quire/users` (`UserStore`), so
/// that they survive restarts, are never committed to content, and reach every server of a
/// site like the users do. Only SHA-256 hashes are stored: tokens carry 256 bits of
/// randomness, so a fast hash is as safe as a slow one and keeps per-request checks cheap.
/// When each token was last used stays with each server (`TokenUsage`).
public struct TokenStore: Sendable {
    public let gitDirectory: String

    public init(gitDirectory: String) {
        self.gitDirectory = gitDirectory
    }

    /// The file where versions before the users ref kept tokens; imported on first use.
    var legacyFile: URL { URL(fileURLWithPath: gitDirectory).appendingPathComponent("quire/tokens.json") }
    public var legacyPath: String { legacyFile.path }
    var usageFile: URL { URL(fileURLWithPath: gitDirectory).appendingPathComponent("quire/token-usage.json") }

    public func tokens() async throws -> [Token] {
        try await usersStore().load().state.tokens
    }

    /// Creates a token and returns its secret: the only time it is ever seen. A token with
    /// the same name is replaced (revoked).
    public func create(
        name: String, access: Access, permissions: [String: [String]]? = nil, role: String? = nil, expiresAt: Date? = nil
    ) async throws -> String {
        let users = try await usersStore()
        let secret = "quire_" + Self.randomHex(bytes: 32)
        let token = Token(name: name, access: access, hash: Self.hash(secret), permissions: permissions, role: role, expiresAt: expiresAt)
        try await users.update("Create an API token") { state in
            state.revokeTokens(named: name)
            state.tokens.append(token)
        }
        return secret
    }

    /// Revokes every token called `name` (after a merge two servers' tokens may share one);
    /// false if there was none.
    public func revoke(name: String) async throws -> Bool {
        try await usersStore().update("Revoke an API token") { state in state.revokeTokens(named: name) > 0 }
    }

    /// Token id → when it was last used on this server (to within a minute).
    public func lastUsed() -> [String: Date] {
        TokenUsage.read(usageFile)
    }

    /// Moves the tokens of the old per-server file into the users ref, then deletes the file.
    /// A token whose hash the ref already holds is not added twice.
    public func importLegacyTokens() async throws {
        _ = try await usersStore()
    }

    /// The users ref, with any old token file already moved into it.
    private func usersStore() async throws -> UserStore {
        let users = try UserStore(gitDirectory: gitDirectory)
        try await importLegacyTokens(into: users)
        return users
    }

    private func importLegacyTokens(into users: UserStore) async throws {
        guard FileManager.default.fileExists(atPath: legacyFile.path) else { return }
        let legacy = try JSONDecoder.tokens.decode([Token].self, from: Data(contentsOf: legacyFile))
        try await users.update("Import the API tokens of \(legacyFile.lastPathComponent)") { state in
            let known = Set(state.tokens.map(\.hash))
            state.tokens.append(contentsOf: legacy.filter { !known.contains($0.hash) })
        }
        // Another process importing at the same time may have removed it first.
        try? FileManager.default.removeItem(at: legacyFile)
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

extension AuthState {
    /// Removes the tokens called `name`, leaving tombstones so that a merge with a server that
    /// still has them does not bring them back. Returns how many there were.
    @discardableResult
    mutating func revokeTokens(named name: String) -> Int {
        let gone = tokens.filter { $0.name == name }
        for token in gone { revokedTokens[token.id] = token.expiresAt ?? .distantFuture }
        tokens.removeAll { $0.name == name }
        return gone.count
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
