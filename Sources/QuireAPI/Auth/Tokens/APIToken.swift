import Foundation

extension TokenStore {
    public enum Access: String, Sendable, Codable, CaseIterable {
        case fullAccess = "full-access"
        case readOnly = "read-only"
        /// Only the actions its `permissions` list, or those of its `role`.
        case custom
    }

    /// An API token (or Apostrophe API key) as the users ref stores it: never the secret,
    /// only its SHA-256. Tokens never change after they are made, so two servers that both
    /// hold one agree on it; revoking leaves a tombstone (`AuthState.revokedTokens`).
    public struct Token: Sendable, Codable, Equatable {
        /// Random, never reused: what tombstones, merges and the last-used record go by,
        /// since two servers may each make a token with the same name.
        public var id: String
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

        public func isExpired(at now: Date = Date()) -> Bool {
            expiresAt.map { $0 <= now } ?? false
        }

        init(
            name: String, access: Access, hash: String, createdAt: Date = Date(),
            permissions: [String: [String]]?, role: String?, expiresAt: Date?
        ) {
            id = TokenStore.randomHex(bytes: 12)
            self.name = name
            self.access = access
            self.hash = hash
            self.createdAt = createdAt
            self.permissions = permissions
            self.role = role
            self.expiresAt = expiresAt
        }

        private enum CodingKeys: String, CodingKey {
            case id, name, access, hash, createdAt, permissions, role, expiresAt
        }

        /// Tokens of the per-server file older versions kept have no id: they get one when imported.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id) ?? TokenStore.randomHex(bytes: 12)
            name = try container.decode(String.self, forKey: .name)
            access = try container.decode(Access.self, forKey: .access)
            hash = try container.decode(String.self, forKey: .hash)
            createdAt = try container.decode(Date.self, forKey: .createdAt)
            permissions = try container.decodeIfPresent([String: [String]].self, forKey: .permissions)
            role = try container.decodeIfPresent(String.self, forKey: .role)
            expiresAt = try container.decodeIfPresent(Date.self, forKey: .expiresAt)
        }
    }
}
