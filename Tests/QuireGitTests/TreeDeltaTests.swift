import Testing
@testable import QuireGit

/// `TreeDelta` against git's delta format as git applies it (patch-delta.c), on seeded random
/// edits, including copies longer than one instruction can carry.
@Suite struct TreeDeltaTests {
    /// Git's `patch_delta`: header sizes, then copy (high bit set) and insert instructions.
    private func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
        var index = 0
        func size() -> Int {
            var value = 0, shift = 0
            while true {
                let byte = delta[index]; index += 1
                value |= Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
        }
        guard size() == base.count else { return nil }
        let expected = size()
        var out: [UInt8] = []
        while index < delta.count {
            let command = delta[index]; index += 1
            if command & 0x80 != 0 {
                var offset = 0, length = 0
                for bit in 0..<4 where command & (1 << bit) != 0 { offset |= Int(delta[index]) << (8 * bit); index += 1 }
                for bit in 0..<3 where command & (0x10 << bit) != 0 { length |= Int(delta[index]) << (8 * bit); index += 1 }
                if length == 0 { length = 0x10000 }
                guard offset + length <= base.count else { return nil }
                out += base[offset..<(offset + length)]
            } else if command != 0 {
                out += delta[index..<(index + Int(command))]
                index += Int(command)
            } else {
                return nil
            }
        }
        return out.count == expected ? out : nil
    }

    @Test func deltasRebuildTheTargetExactly() {
        var generator = SeededGenerator(seed: 0x5eed)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &generator) }
        for round in 0..<300 {
            let length = [0, 1, 40, 4_000, 70_000][round % 5]
            let base = (0..<length).map { _ in UInt8(next(256)) }
            var target = base
            for _ in 0..<next(4) {
                let at = target.isEmpty ? 0 : next(target.count)
                switch next(3) {
                case 0: target.insert(contentsOf: (0..<next(300)).map { _ in UInt8(next(256)) }, at: at)
                case 1: target.removeSubrange(at..<min(target.count, at + next(300)))
                default: if !target.isEmpty { target[at] = target[at] &+ 1 }
                }
            }
            let delta = TreeDelta.make(from: base, to: target)
            #expect(apply(delta, to: base) == target, "round \(round)")
        }
    }

    @Test func oneChangedEntryOfALargeFolderIsAFewBytes() {
        let base = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var target = base
        target.replaceSubrange(20_000..<20_020, with: Array(repeating: 9, count: 20))
        let delta = TreeDelta.make(from: base, to: target)
        #expect(delta.count < 40)
        #expect(apply(delta, to: base) == target)
    }
}
