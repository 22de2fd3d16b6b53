import Foundation
import HashTreeCollections
import QuireContent
import QuireGit

/// The writer's state as of some main commit and draft tips, kept in `<git dir>/quire/index.bin`
/// so that a start reads one file instead of parsing every document, then catches up from tree
/// diffs (`SiteState.sync`). Only ever a cache: a file that is missing, damaged, written by
/// another format version or for a history main no longer contains is ignored and rebuilt.
///
/// Layout: magic, format version, payload length, CRC-32 of the payload, then the payload:
/// main's tip and tree, the draft tips, bad files, draft entries, and the published entries in
/// independent chunks so that decoding spreads over every core.
struct SavedState {
    static let magic: [UInt8] = Array("QUIREIDX".utf8)
    /// Bump whenever the payload, or what decoding a document yields, changes.
    static let formatVersion: UInt32 = 1
    static let chunkSize = 8_192
    static let headerSize = 8 + 4 + 8 + 4

    static func file(gitDirectory: String) -> String {
        gitDirectory + "/quire/index.bin"
    }

    // MARK: Writing

    static func encode(_ state: SiteState) -> [UInt8] {
        var payload = ByteWriter()
        payload.optionalID(state.mainTip)
        payload.optionalID(state.mainTree)
        payload.count(state.draftTips.count)
        for (key, tip) in state.draftTips {
            payload.key(key)
            payload.id(tip)
        }
        payload.count(state.badFiles.count)
        for (path, problems) in state.badFiles {
            payload.string(path)
            payload.count(problems.count)
            for problem in problems {
                payload.string(problem.path)
                payload.count(problem.line)
                payload.string(problem.message)
            }
        }
        payload.count(state.drafts.count)
        for (key, draft) in state.drafts {
            payload.key(key)
            payload.string(draft.path)
            payload.id(draft.blob)
            payload.object(draft.fields)
            payload.id(draft.tip)
            payload.id(draft.tree)
            payload.times(draft.times)
            payload.optionalID(draft.base)
        }
        var chunk = ByteWriter()
        var inChunk = 0
        var chunks: [[UInt8]] = []
        for (key, entry) in state.published {
            chunk.key(key)
            chunk.string(entry.path)
            chunk.id(entry.blob)
            chunk.object(entry.fields)
            chunk.times(entry.times)
            inChunk += 1
            if inChunk == chunkSize {
                chunks.append(chunk.bytes)
                chunk = ByteWriter()
                inChunk = 0
            }
        }
        if inChunk > 0 { chunks.append(chunk.bytes) }
        payload.count(state.published.count)
        payload.count(chunks.count)
        for bytes in chunks { payload.count(bytes.count) }
        for bytes in chunks { payload.bytes.append(contentsOf: bytes) }

        var file = ByteWriter()
        file.bytes.reserveCapacity(headerSize + payload.bytes.count)
        file.bytes.append(contentsOf: magic)
        file.fixed32(formatVersion)
        file.fixed64(UInt64(payload.bytes.count))
        file.fixed32(payload.bytes.withUnsafeBytes { Checksum.crc32($0) })
        file.bytes.append(contentsOf: payload.bytes)
        return file.bytes
    }

    static func save(_ state: SiteState, gitDirectory: String) throws {
        let path = file(gitDirectory: gitDirectory)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try AtomicFile.write(encode(state), to: path)
    }

    // MARK: Reading

    /// What a saved file held, without the definition (read again from the repository).
    struct Contents: Sendable {
        var mainTip: ObjectID?
        var mainTree: ObjectID?
        var published: TreeDictionary<DocumentKey, PublishedEntry>
        var drafts: TreeDictionary<DocumentKey, DraftEntry>
        var draftTips: TreeDictionary<DocumentKey, ObjectID>
        var badFiles: TreeDictionary<String, [Problem]>
    }

    static func read(gitDirectory: String) async throws -> Contents? {
        guard let data = FileManager.default.contents(atPath: file(gitDirectory: gitDirectory)) else { return nil }
        return try await decode(Array(data))
    }

    static func decode(_ bytes: [UInt8]) async throws -> Contents {
        let (header, chunks) = try bytes.withUnsafeBytes { raw -> (Contents, [Range<Int>]) in
            guard raw.count >= headerSize, Array(raw[0..<8]) == magic else {
                throw SavedIndexError(description: "not a saved index")
            }
            var reader = ByteReader(raw, from: 8)
            guard try reader.fixed32() == formatVersion else {
                throw SavedIndexError(description: "the saved index has another format version")
            }
            let length = try reader.fixed64()
            let crc = try reader.fixed32()
            guard length == UInt64(raw.count - headerSize) else { throw SavedIndexError(description: "the saved index is truncated") }
            let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
            guard Checksum.crc32(payload) == crc else { throw SavedIndexError(description: "the saved index is damaged (checksum)") }
            return try readHead(&reader)
        }
        let parts = try await withThrowingTaskGroup(of: [(DocumentKey, PublishedEntry)].self) { group in
            for range in chunks {
                group.addTask {
                    try bytes.withUnsafeBytes { raw in
                        var reader = ByteReader(raw, from: range.lowerBound, to: range.upperBound)
                        var entries: [(DocumentKey, PublishedEntry)] = []
                        while !reader.isAtEnd {
                            let key = try reader.key()
                            let entry = PublishedEntry(
                                path: try reader.string(), blob: try reader.id(), fields: try reader.object(), times: try reader.times())
                            entries.append((key, entry))
                        }
                        return entries
                    }
                }
            }
            var parts: [[(DocumentKey, PublishedEntry)]] = []
            for try await part in group { parts.append(part) }
            return parts
        }
        var contents = header
        for part in parts {
            for (key, entry) in part { contents.published[key] = entry }
        }
        return contents
    }

    private static func readHead(_ reader: inout ByteReader) throws -> (Contents, [Range<Int>]) {
        var contents = Contents(
            mainTip: try reader.optionalID(), mainTree: try reader.optionalID(),
            published: [:], drafts: [:], draftTips: [:], badFiles: [:])
        for _ in 0..<(try reader.count()) {
            contents.draftTips[try reader.key()] = try reader.id()
        }
        for _ in 0..<(try reader.count()) {
            let path = try reader.string()
            var problems: [Problem] = []
            for _ in 0..<(try reader.count()) {
                problems.append(Problem(path: try reader.string(), line: try reader.count(), message: try reader.string()))
            }
            contents.badFiles[path] = problems
        }
        for _ in 0..<(try reader.count()) {
            let key = try reader.key()
            contents.drafts[key] = DraftEntry(
                path: try reader.string(), blob: try reader.id(), fields: try reader.object(), tip: try reader.id(),
                tree: try reader.id(), times: try reader.times(), base: try reader.optionalID())
        }
        _ = try reader.count()
        let chunkCount = try reader.count()
        var lengths: [Int] = []
        for _ in 0..<chunkCount { lengths.append(try reader.count()) }
        var ranges: [Range<Int>] = []
        var start = reader.offset
        for length in lengths {
            guard length <= reader.end - start else { throw SavedIndexError(description: "the saved index is truncated") }
            ranges.append(start..<start + length)
            start += length
        }
        guard start == reader.end else { throw SavedIndexError(description: "the saved index has trailing bytes") }
        return (contents, ranges)
    }
}

extension ByteWriter {
    mutating func key(_ key: DocumentKey) {
        string(key.locale)
        string(key.type)
        string(key.documentId)
    }

    mutating func times(_ times: DocumentTimes) {
        signed(times.created)
        signed(times.updated)
    }
}

extension ByteReader {
    mutating func key() throws -> DocumentKey {
        DocumentKey(locale: try string(), type: try string(), documentId: try string())
    }

    mutating func times() throws -> DocumentTimes {
        DocumentTimes(created: try signed(), updated: try signed())
    }
}
