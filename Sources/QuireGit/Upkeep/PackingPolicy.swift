/// When to pack, in the spirit of `git gc --auto` (gc.auto, gc.autoPackLimit), with limits
/// sized for Quire's loose trees: they are stored uncompressed, so a commit into a folder of
/// 10,000 documents leaves ~600 KB loose, and bytes matter as much as the object count.
public struct PackingPolicy: Sendable, Equatable {
    public var looseObjectLimit: Int
    public var looseByteLimit: Int64
    /// More packs than this are merged into one.
    public var packLimit: Int

    public init(looseObjectLimit: Int = 2000, looseByteLimit: Int64 = 64 << 20, packLimit: Int = 20) {
        self.looseObjectLimit = looseObjectLimit
        self.looseByteLimit = looseByteLimit
        self.packLimit = packLimit
    }

    public enum Step: Sendable, Equatable {
        case packLoose, consolidate
    }

    public func step(for stats: ObjectStoreStats) -> Step? {
        if stats.packs > packLimit { return .consolidate }
        if stats.looseObjects >= looseObjectLimit || stats.looseBytes >= looseByteLimit { return .packLoose }
        return nil
    }
}

extension ObjectPacker {
    /// Does what the policy asks for, if anything. Packing loose objects can push the pack
    /// count over the limit, so both steps may run.
    public func runIfNeeded(_ policy: PackingPolicy) throws -> [Report] {
        var reports: [Report] = []
        if policy.step(for: ObjectStoreStats.read(gitDirectory: gitDirectory)) == .packLoose {
            reports.append(try packLooseObjects())
        }
        if policy.step(for: ObjectStoreStats.read(gitDirectory: gitDirectory)) == .consolidate {
            reports.append(try consolidateRecent())
        }
        return reports
    }
}
