import CGit2

/// A tree object's bytes (`<mode> <name>\0<20-byte id>` per entry, in git's order), edited in
/// place. Editing one entry of a 10,000-entry folder is a binary search and one splice, instead
/// of libgit2's treebuilder parsing, hashing and re-sorting every entry on every commit.
struct RawTree {
    private(set) var bytes: [UInt8]
    /// Start offset of each entry.
    private(set) var starts: [Int]

    static let empty = RawTree(validating: [])!

    /// nil when the bytes are not a well-formed tree.
    init?(validating bytes: [UInt8]) {
        self.bytes = bytes
        starts = []
        var offset = 0
        while offset < bytes.count {
            starts.append(offset)
            guard let nul = bytes[offset...].firstIndex(of: 0), nul + 21 <= bytes.count else { return nil }
            offset = nul + 21
        }
    }

    var count: Int { starts.count }

    struct Entry {
        var mode: git_filemode_t
        var id: ObjectID
    }

    func entry(named name: [UInt8]) -> Entry? {
        let (index, found) = search(name, isTree: nil)
        return found ? entry(at: index) : nil
    }

    /// Sets `name` to `id` with `mode`, replacing an entry of that name whatever its mode.
    mutating func set(_ name: [UInt8], id: ObjectID, mode: git_filemode_t) {
        remove(name)
        let (index, _) = search(name, isTree: mode == GIT_FILEMODE_TREE)
        var encoded = Array(String(mode.rawValue, radix: 8).utf8)
        encoded.append(UInt8(ascii: " "))
        encoded.append(contentsOf: name)
        encoded.append(0)
        withUnsafeBytes(of: id.oid.id) { encoded.append(contentsOf: $0) }
        let offset = index < starts.count ? starts[index] : bytes.count
        bytes.insert(contentsOf: encoded, at: offset)
        starts.insert(offset, at: index)
        for later in (index + 1)..<starts.count { starts[later] += encoded.count }
    }

    mutating func remove(_ name: [UInt8]) {
        let (index, found) = search(name, isTree: nil)
        guard found else { return }
        let start = starts[index]
        let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
        bytes.removeSubrange(start..<end)
        starts.remove(at: index)
        for later in index..<starts.count { starts[later] -= end - start }
    }

    private func entry(at index: Int) -> Entry {
        let start = starts[index]
        let space = bytes[start...].firstIndex(of: UInt8(ascii: " "))!
        let nul = bytes[space...].firstIndex(of: 0)!
        var mode: UInt32 = 0
        for digit in bytes[start..<space] { mode = mode * 8 + UInt32(digit - UInt8(ascii: "0")) }
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[(nul + 1)..<(nul + 21)]))
            }
        }
        return Entry(mode: git_filemode_t(mode), id: ObjectID(oid))
    }

    /// Where `name` is or would go. Git orders entries by name, comparing a folder as if its
    /// name ended in "/". With `isTree` nil, finds an existing entry of either kind.
    private func search(_ name: [UInt8], isTree: Bool?) -> (index: Int, found: Bool) {
        if isTree == nil {
            for kind in [false, true] {
                let result = search(name, isTree: kind)
                if result.found { return result }
            }
            return (count, false)
        }
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            let order = compare(entryAt: middle, with: name, isTree: isTree!)
            if order == 0 { return (middle, true) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    /// Git's `base_name_compare`: names byte by byte, a folder's name as if it ended in "/".
    /// 0 only for the same name and the same kind.
    private func compare(entryAt index: Int, with name: [UInt8], isTree: Bool) -> Int {
        let start = starts[index]
        let nameStart = bytes[start...].firstIndex(of: UInt8(ascii: " "))! + 1
        let nameEnd = bytes[nameStart...].firstIndex(of: 0)!
        let entryIsTree = bytes[start] == UInt8(ascii: "4")
        let length = nameEnd - nameStart
        let common = min(length, name.count)
        for offset in 0..<common where bytes[nameStart + offset] != name[offset] {
            return bytes[nameStart + offset] < name[offset] ? -1 : 1
        }
        var mine: UInt8 = length > common ? bytes[nameStart + common] : 0
        var theirs: UInt8 = name.count > common ? name[common] : 0
        if length == common && entryIsTree { mine = UInt8(ascii: "/") }
        if name.count == common && isTree { theirs = UInt8(ascii: "/") }
        if mine != theirs { return mine < theirs ? -1 : 1 }
        return 0
    }
}
