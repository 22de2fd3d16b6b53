import Crypto
import Foundation
import QuireContent
import QuireGit
import Synchronization

/// Who is calling: the public, or the holder of an API token.
public enum Principal: Sendable, Equatable {
    case anonymous
    case token(name: String, access: TokenStore.Access)

    /// The commit author for writes made on this caller's behalf.
    public var signature: Signature {
        switch self {
        case .anonymous: Signature(name: "Public API", email: "public@quire.invalid")
        case .token(let name, _): Signature(name: name, email: "\(name)@api-token.quire.invalid")
        }
    }
}

public enum Action: String, Sendable {
    case find, findOne, create, update, delete

    var isRead: Bool { self == .find || self == .findOne }
}

/// Resolves `Authorization: Bearer …` against the token store, re-reading the file when it
/// changes so that `quire token create` takes effect on a running server.
public final class Authenticator: Sendable {
    private let store: TokenStore
    private let cache = Mutex<(modified: FileStamp?, hashes: [String: TokenStore.Token])>((nil, [:]))

    public init(store: TokenStore) {
        self.store = store
    }

    /// nil: the header names no valid token (401). No header: anonymous.
    public func principal(authorization: String?) -> Principal? {
        guard let authorization else { return .anonymous }
        let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let hash = TokenStore.hash(String(parts[1]))
        guard let token = tokens().first(where: { Self.constantTimeEquals($0.key, hash) })?.value else { return nil }
        return .token(name: token.name, access: token.access)
    }

    public func isAllowed(_ principal: Principal, action: Action, type: String, config: SiteConfig) -> Bool {
        switch principal {
        case .anonymous: config.publicPermissions[type]?.contains(action.rawValue) ?? false
        case .token(_, .fullAccess): true
        case .token(_, .readOnly): action.isRead
        }
    }

    private func tokens() -> [String: TokenStore.Token] {
        let modified = FileStamp(path: store.file.path)
        return cache.withLock { cache in
            if cache.modified != modified || modified == nil {
                let tokens = (try? store.tokens()) ?? []
                cache = (modified, Dictionary(tokens.map { ($0.hash, $0) }, uniquingKeysWith: { $1 }))
            }
            return cache.hashes
        }
    }

    /// When and what the token file last was. One `stat` call: Foundation's `attributesOfItem`
    /// also looks up the owner's name and group, which cost more than the rest of a read.
    struct FileStamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            #if canImport(Darwin)
            (seconds, nanoseconds) = (info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec)
            #else
            (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
            #endif
            size = Int64(info.st_size)
            inode = UInt64(info.st_ino)
        }
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
