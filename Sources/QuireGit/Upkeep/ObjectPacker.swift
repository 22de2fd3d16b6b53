import CGit2
import Foundation

/// Packs loose objects with libgit2's packbuilder, as `git gc` would, while the server keeps
/// writing through its own handle.
///
/// Safe beside live writers because nothing is ever removed that is not already in a durable
/// pack: the packer lists what it will pack, writes and fsyncs the pack and its index, and only
/// then unlinks exactly those loose files (or old packs). A reader whose loose lookup misses
/// meanwhile finds the object in the new pack: libgit2 re-scans the pack folder on a miss.
/// Unreachable objects are kept (packed, not pruned): a batch in flight may have written
/// objects no ref points at yet, and telling those from garbage would need the writer's lock.
public struct ObjectPacker: Sendable {
    public let gitDirectory: String

    public struct Report: Sendable, Equatable {
        /// Objects written into the new pack (0: nothing to do, no pack written).
        public var packedObjects = 0
        public var removedLooseObjects = 0
        public var removedPacks = 0
        public var packName: String?
    }

    public init(gitDirectory: String) {
        self.gitDirectory = gitDirectory
    }

    var objects: String { gitDirectory + "/objects" }

    /// Moves every loose object into one new pack (`git repack -d` without `-a`).
    public func packLooseObjects() throws -> Report {
        let loose = ObjectStoreStats.looseObjectIDs(objectsDirectory: objects)
        guard !loose.isEmpty else { return Report() }
        var report = try writePack(loose)
        report.removedLooseObjects = removeLoose(loose)
        return report
    }

    /// Rewrites every object, packed or loose, into one pack and deletes the packs it replaces
    /// (`git repack -a -d`): lookups scan each pack's index, so many small packs slow reads.
    public func consolidate() throws -> Report {
        let oldPacks = packFiles().filter { !Durability.exists(objects + "/pack/" + $0 + ".keep") }
        let loose = ObjectStoreStats.looseObjectIDs(objectsDirectory: objects)
        let everything = try allObjects()
        guard !everything.isEmpty else { return Report() }
        var report = try writePack(everything)
        for pack in oldPacks where pack != "pack-" + (report.packName ?? "") {
            for suffix in [".idx", ".pack", ".rev", ".bitmap", ".mtimes"] {
                unlink(objects + "/pack/" + pack + suffix)
            }
            report.removedPacks += 1
        }
        report.removedLooseObjects = removeLoose(loose)
        return report
    }

    /// Merges every pack but the largest into one, as `git repack --geometric` does in spirit:
    /// each fetch or push adds a small pack, and rewriting a large base each time would make
    /// packing cost the size of the site. The base is rewritten too (`consolidate()`) once the
    /// others hold half as much as it does, so the work stays proportional to what was added.
    public func consolidateRecent() throws -> Report {
        let sizes = packFiles().filter { !Durability.exists(objects + "/pack/" + $0 + ".keep") }
            .map { ($0, (try? FileManager.default.attributesOfItem(atPath: objects + "/pack/" + $0 + ".pack")[.size] as? Int) ?? 0) }
            .sorted { $0.1 > $1.1 }
        guard let base = sizes.first, sizes.count > 1 else { return Report() }
        let recent = sizes.dropFirst()
        guard base.1 >= 2 * recent.reduce(0, { $0 + $1.1 }) else { return try consolidate() }
        var ids: [ObjectID] = []
        for (pack, _) in recent { ids += try Self.objects(inPackIndex: objects + "/pack/" + pack + ".idx") }
        var report = try writePack(ids)
        for (pack, _) in recent where pack != "pack-" + (report.packName ?? "") {
            for suffix in [".idx", ".pack", ".rev", ".bitmap", ".mtimes"] {
                unlink(objects + "/pack/" + pack + suffix)
            }
            report.removedPacks += 1
        }
        return report
    }

    private static func objects(inPackIndex index: String) throws -> [ObjectID] {
        _ = libgit2Setup
        var odb: OpaquePointer?
        var backend: OpaquePointer?
        try check(git_odb_new(&odb), "git_odb_new")
        defer { git_odb_free(odb) }
        try check(git_odb_backend_one_pack(&backend, index), "git_odb_backend_one_pack(\(index))")
        try check(git_odb_add_backend(odb, backend, 1), "git_odb_add_backend")
        return try ids(in: odb!)
    }

    private static func ids(in odb: OpaquePointer) throws -> [ObjectID] {
        final class Box { var ids: [ObjectID] = [] }
        let box = Box()
        let code = git_odb_foreach(odb, { oid, payload in
            Unmanaged<Box>.fromOpaque(payload!).takeUnretainedValue().ids.append(ObjectID(oid!.pointee))
            return 0
        }, Unmanaged.passUnretained(box).toOpaque())
        try check(code, "git_odb_foreach")
        return box.ids
    }

    /// Pack base names (`pack-<hash>`), without suffix.
    func packFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: objects + "/pack")) ?? [])
            .filter { $0.hasPrefix("pack-") && $0.hasSuffix(".pack") }
            .map { String($0.dropLast(5)) }
    }

    private func writePack(_ ids: [ObjectID]) throws -> Report {
        try withOwnHandle { repo in
            var builder: OpaquePointer?
            try check(git_packbuilder_new(&builder, repo), "git_packbuilder_new")
            defer { git_packbuilder_free(builder) }
            // One thread: packing runs beside a server that needs the other core.
            git_packbuilder_set_threads(builder, 1)
            for id in ids {
                var oid = id.oid
                // An object that cannot be read (a corrupt loose file) stays loose, where
                // `quire doctor` and `git fsck` report it, rather than stopping the packing.
                if git_packbuilder_insert(builder, &oid, nil) < 0 { clearError() }
            }
            let count = git_packbuilder_object_count(builder)
            guard count > 0 else { return Report() }
            try check(git_packbuilder_write(builder, objects + "/pack", 0, nil, nil), "git_packbuilder_write")
            let name = String(cString: git_packbuilder_name(builder))
            // The pack must be durable before any loose copy or old pack is removed.
            for suffix in [".pack", ".idx"] {
                try Durability.fsync(objects + "/pack/pack-" + name + suffix, ifExists: false)
            }
            try Durability.fsync(objects + "/pack", ifExists: false)
            return Report(packedObjects: count, packName: name)
        }
    }

    /// Unlinks the loose files of objects that a pack now holds, checked against the packs
    /// alone (a fresh pack-only object database) rather than trusting every insert above.
    /// Fan-out folders stay: a writer may be about to create a file in one.
    private func removeLoose(_ ids: [ObjectID]) -> Int {
        _ = libgit2Setup
        var odb: OpaquePointer?
        var backend: OpaquePointer?
        guard git_odb_new(&odb) == 0 else { clearError(); return 0 }
        defer { git_odb_free(odb) }
        guard git_odb_backend_pack(&backend, objects) == 0 else { clearError(); return 0 }
        // On failure the backend leaks: freeing it needs libgit2's sys headers, and this
        // only fails when out of memory.
        guard git_odb_add_backend(odb, backend, 1) == 0 else { clearError(); return 0 }
        var removed = 0
        for id in ids {
            var oid = id.oid
            guard git_odb_exists(odb, &oid) == 1 else { continue }
            let hex = id.hex
            if unlink(objects + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)) == 0 { removed += 1 }
        }
        return removed
    }

    private func allObjects() throws -> [ObjectID] {
        try withOwnHandle { repo in
            var odb: OpaquePointer?
            try check(git_repository_odb(&odb, repo), "git_repository_odb")
            defer { git_odb_free(odb) }
            return try Self.ids(in: odb!)
        }
    }

    /// libgit2 handles are not thread-safe; the packer runs off the repository actor, so it
    /// opens a handle of its own for each step.
    private func withOwnHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        _ = libgit2Setup
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, gitDirectory, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
                  "git_repository_open_ext(\(gitDirectory))")
        defer { git_repository_free(repo) }
        return try body(repo!)
    }
}
