import CGit2
import Foundation

/// The libgit2 side of `GitRemote`: each call opens its own handles and runs on the remote's queue.
extension GitRemote {
    /// Only refs matching `refspec` are wanted, though no ref is written.
    static func download(from url: String, into gitDirectory: String, refspecs: [String], extra: Set<String> = []) throws -> [String: ObjectID] {
        try withRemote(url, gitDirectory: gitDirectory, direction: GIT_DIRECTION_FETCH) { remote, callbacks in
            let branches = try advertisedBranches(remote, also: extra)
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
            options.callbacks = callbacks
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            try withStrings(refspecs) { refspecs in
                try check(git_remote_download(remote, refspecs, &options), "git_remote_download(\(redacted(url)))")
            }
            return branches
        }
    }

    /// ssh/https: the pack and the ref commands go in one connection, and git's receive-pack
    /// applies each command only if the ref still holds the old id we send (what it advertised
    /// on this connection, checked first against `expected`): a compare-and-swap on the server.
    static func upload(to url: String, from gitDirectory: String, _ updates: [RemoteUpdate]) throws -> [String: RemoteUpdateStatus] {
        try withRemote(url, gitDirectory: gitDirectory, direction: GIT_DIRECTION_PUSH) { remote, callbacks in
            let advertised = try advertisedBranches(remote, also: Set(updates.map(\.name)))
            var statuses: [String: RemoteUpdateStatus] = [:]
            var refspecs: [String] = []
            for update in updates {
                if advertised[update.name] != update.expected {
                    statuses[update.name] = .rejected("the remote branch moved since the last fetch")
                } else if update.new == nil && update.expected == nil {
                    statuses[update.name] = .applied
                } else {
                    // `+` lets receive-pack take a replacement; the old id it checks is still the
                    // advertised one, which was just checked against `expected`.
                    let force = update.replacing ? "+" : ""
                    refspecs.append(update.new == nil ? ":\(update.name)" : "\(force)\(pushReference(update.name)):\(update.name)")
                }
            }
            guard !refspecs.isEmpty else { return statuses }
            let collector = PushStatusCollector()
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init")
            options.callbacks = callbacks
            options.callbacks.push_update_reference = { name, status, payload in
                guard let name, let payload else { return 0 }
                let collector = Unmanaged<PushStatusCollector>.fromOpaque(payload).takeUnretainedValue()
                collector.statuses[String(cString: name)] = status.map { String(cString: $0) }
                return 0
            }
            let code = withExtendedLifetime(collector) {
                options.callbacks.payload = Unmanaged.passUnretained(collector).toOpaque()
                return (try? withStrings(refspecs) { git_remote_upload(remote, $0, &options) }) ?? -1
            }
            if code == GIT_ENONFASTFORWARD.rawValue {
                clearError()
                for update in updates where statuses[update.name] == nil {
                    statuses[update.name] = .rejected("non-fast-forward")
                }
                return statuses
            }
            try check(code, "git_remote_upload(\(redacted(url)))")
            for update in updates where statuses[update.name] == nil {
                if let message = collector.statuses[update.name], let message {
                    statuses[update.name] = .rejected(message)
                } else {
                    statuses[update.name] = .applied
                }
            }
            return statuses
        }
    }

    static func withRemote<T>(
        _ url: String, gitDirectory: String, direction: git_direction,
        _ body: (OpaquePointer, git_remote_callbacks) throws -> T
    ) throws -> T {
        try withRepository(gitDirectory) { repository in
            try withConnectedRemote(url, repository: repository, direction: direction, body)
        }
    }

    static func withRepository<T>(_ gitDirectory: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        var repository: OpaquePointer?
        try check(git_repository_open_ext(&repository, gitDirectory, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
                  "git_repository_open_ext(\(gitDirectory))")
        defer { git_repository_free(repository) }
        return try body(repository!)
    }

    static func withConnectedRemote<T>(
        _ url: String, repository: OpaquePointer, direction: git_direction,
        _ body: (OpaquePointer, git_remote_callbacks) throws -> T
    ) throws -> T {
        var remote: OpaquePointer?
        try check(git_remote_create_anonymous(&remote, repository, url), "git_remote_create_anonymous(\(redacted(url)))")
        defer { git_remote_free(remote) }
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "git_remote_init_callbacks")
        try check(git_remote_connect(remote, direction, &callbacks, nil, nil), "git_remote_connect(\(redacted(url)))")
        defer { git_remote_disconnect(remote) }
        return try body(remote!, callbacks)
    }

    /// `refs/heads/*`, and the refs named in `extra` that the remote has.
    static func advertisedBranches(_ remote: OpaquePointer, also extra: Set<String> = []) throws -> [String: ObjectID] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, remote), "git_remote_ls")
        var branches: [String: ObjectID] = [:]
        for index in 0..<count {
            guard let head = heads?[index]?.pointee, let name = head.name.map({ String(cString: $0) }) else { continue }
            if name.hasPrefix("refs/heads/") || extra.contains(name) { branches[name] = ObjectID(head.oid) }
        }
        return branches
    }

    static func withStrings<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) throws -> T) throws -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}

/// Per-ref answers of a push (`nil`: accepted), written by libgit2's callback on the queue.
private final class PushStatusCollector {
    var statuses: [String: String?] = [:]
}
