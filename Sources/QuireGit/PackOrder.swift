import Foundation

extension Repository {
    /// The positions of `ids`, reordered so that reading the objects in this order walks every
    /// pack from its start to its end; objects in no pack (loose, or unknown) come last, in
    /// their given order.
    ///
    /// Why: a pack stores most objects as deltas in chains up to 50 long, each delta against
    /// the object written just before it. libgit2 keeps the bases it has just rebuilt, so
    /// reading in pack order inflates each delta once; reading in any other order (a tree's
    /// path order) re-inflates most of a chain for every object: 25 s of CPU instead of 2.5 s
    /// for 100,000 blobs. The order is only a hint: a pack that is unreadable or replaced
    /// meanwhile makes reading slower, never wrong.
    public nonisolated func packOrder(of ids: [ObjectID]) -> [Int] {
        let indexes = PackIndexFile.all(inPackFolder: gitDirectory + "/objects/pack")
        let keys: [(pack: Int, offset: UInt64)] = ids.map { id in
            for (number, index) in indexes.enumerated() {
                if let offset = index.offset(of: id) { return (number, offset) }
            }
            return (Int.max, 0)
        }
        return ids.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }
}

/// A version-2 pack index (`.idx`): the sorted ids of a pack's objects and their offsets in it.
struct PackIndexFile {
    private let bytes: [UInt8]
    private let count: Int

    private static let headerSize = 8
    private static let fanoutSize = 256 * 4

    /// Every readable index in the folder, by file name; a damaged or other-version file is skipped.
    static func all(inPackFolder folder: String) -> [PackIndexFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".idx") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
            return PackIndexFile(bytes: [UInt8](data))
        }
    }

    init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize + Self.fanoutSize,
              bytes[0..<8].elementsEqual([0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]) else { return nil }
        self.bytes = bytes
        count = Int(Self.uint32(bytes, at: Self.headerSize + 255 * 4))
        // Ids, CRCs and 4-byte offsets; the 8-byte offsets after them are checked when used.
        guard bytes.count >= Self.headerSize + Self.fanoutSize + count * 28 else { return nil }
    }

    /// Where the object starts in the pack, or nil when this pack does not hold it.
    func offset(of id: ObjectID) -> UInt64? {
        let first = Int(id.firstByte)
        var low = first == 0 ? 0 : Int(Self.uint32(bytes, at: Self.headerSize + (first - 1) * 4))
        var high = Int(Self.uint32(bytes, at: Self.headerSize + first * 4))
        guard low <= high, high <= count else { return nil }
        let ids = Self.headerSize + Self.fanoutSize
        let found: Int? = bytes.withUnsafeBytes { raw in
            while low < high {
                let middle = (low + high) / 2
                guard let candidate = ObjectID(raw: raw, at: ids + middle * 20) else { return nil }
                if candidate == id { return middle }
                if candidate < id { low = middle + 1 } else { high = middle }
            }
            return nil
        }
        guard let found else { return nil }
        let small = Self.uint32(bytes, at: ids + count * 24 + found * 4)
        guard small & 0x8000_0000 != 0 else { return UInt64(small) }
        let large = ids + count * 28 + Int(small & 0x7FFF_FFFF) * 8
        guard large + 8 <= bytes.count else { return nil }
        return UInt64(Self.uint32(bytes, at: large)) << 32 | UInt64(Self.uint32(bytes, at: large + 4))
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
