import Foundation
import Testing
@testable import QuireGit

/// `packOrder` sorts ids by where git put them in its packs, so a first load reads each delta
/// chain once; objects in no pack keep their order at the end.
@Suite struct PackOrderTests {
    @Test func idsComeInTheOrderOfTheirOffsetsInThePacksLooseAndUnknownOnesLast() async throws {
        try await withRepository { repo, path in
            var parent: ObjectID?
            for step in 0..<30 {
                let files = Dictionary(uniqueKeysWithValues: (0..<20).map { file in
                    ("content/doc-\(file).yaml", "title: \(file)\nbody: \(String(repeating: "words \(file) ", count: 40))\nstep: \(step)\n")
                })
                parent = try await commitFiles(repo, files, parent: parent, time: 1_700_000_000 + Int64(step))
            }
            try await repo.updateReference("refs/heads/main", to: parent!, expecting: nil, logMessage: "test")
            try runGit(["repack", "-a", "-d", "-f", "-q"], in: path)
            // `verify-pack -v` lists every object as "id type size packed-size offset [depth base]".
            let listing = try runGit(["verify-pack", "-v", try Self.onlyIndex(path)], in: path)
            var offsets: [(offset: UInt64, id: ObjectID)] = []
            for line in listing.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count >= 5, ["commit", "tree", "blob"].contains(parts[1]) else { continue }
                offsets.append((UInt64(parts[4])!, ObjectID(hex: parts[0])!))
            }
            #expect(offsets.count > 600)
            let loose = try await repo.writeBlob(Array("not packed\n".utf8))
            let unknown = ObjectID(hex: String(repeating: "ab", count: 20))!
            // Sorted by id, which is how a tree lists them, not how the pack does.
            let packed = offsets.map(\.id).sorted()
            let ids = [unknown] + packed + [loose]
            let order = repo.packOrder(of: ids)
            #expect(order.map { ids[$0] } == offsets.sorted { $0.offset < $1.offset }.map(\.id) + [unknown, loose])
            #expect(order.map { ids[$0] } != ids)
        }
    }

    @Test func offsetsPastFourGigabytesAreReadFromTheLargeOffsetTable() throws {
        let id = ObjectID(hex: "01" + String(repeating: "00", count: 19))!
        var bytes: [UInt8] = [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]
        bytes += [0, 0, 0, 0] + Array(repeating: [0, 0, 0, 1], count: 255).joined()
        id.append(to: &bytes)
        bytes += [0, 0, 0, 0]  // CRC
        bytes += [0x80, 0, 0, 0]  // the first entry of the large table
        bytes += [0, 0, 0, 1, 0, 0, 0, 42]
        let index = try #require(PackIndexFile(bytes: bytes))
        #expect(index.offset(of: id) == 1 << 32 | 42)
        #expect(index.offset(of: ObjectID(hex: "02" + String(repeating: "00", count: 19))!) == nil)
        #expect(PackIndexFile(bytes: Array(bytes.prefix(1000))) == nil)
    }

    static func onlyIndex(_ path: String) throws -> String {
        let folder = path + "/.git/objects/pack"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".idx") }
        #expect(names.count == 1)
        return folder + "/" + names[0]
    }
}
