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
        payload.head(state)
        var chunk = ByteWriter()
        var inChunk = 0
        var chunks: [[UInt8]] = []
        for (key, entry) in state.published {
            chunk.published(key, entry)
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

    /// Writes the whole state; returns the file's identity and length, which a journal of
    /// later changes names (see `SavedJournal`).
    @discardableResult
    static func save(_ state: SiteState, gitDirectory: String) throws -> (identity: UInt64, length: Int) {
        let path = file(gitDirectory: gitDirectory)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let bytes = encode(state)
        try AtomicFile.write(bytes, to: path)
        return (identity(ofFile: bytes), bytes.count)
    }

    /// Names one written file: its payload's checksum and length, from the header.
    static func identity(ofFile bytes: some Collection<UInt8>) -> UInt64 {
        let header = Array(bytes.prefix(headerSize))
        guard header.count == headerSize else { return 0 }
        var value: UInt64 = 0
        for byte in header[12..<24] { value = (value &* 1_099_511_628_211) ^ UInt64(byte) }
        return value
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

    /// The saved file with its journal's changes applied (see `SavedJournal`), and where the
    /// next save may append to that journal.
    static func read(gitDirectory: String) async throws -> (Contents, SavedJournal.Mark)? {
        guard let data = FileManager.default.contents(atPath: file(gitDirectory: gitDirectory)) else { return nil }
        let bytes = Array(data)
        var contents = try await decode(bytes)
        let base = identity(ofFile: bytes)
        let journalLength = SavedJournal.replay(gitDirectory: gitDirectory, base: base, onto: &contents)
        return (contents, SavedJournal.Mark(base: base, baseLength: bytes.count, journalLength: journalLength, published: contents.published))
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
                        while !reader.isAtEnd { entries.append(try reader.published()) }
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
        let contents = try reader.head()
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
    /// Everything but the published entries: main's tip and tree, the draft tips, bad files and
    /// draft entries (few, written whole by the file and by every journal record).
    mutating func head(_ state: SiteState) {
        optionalID(state.mainTip)
        optionalID(state.mainTree)
        count(state.draftTips.count)
        for (key, tip) in state.draftTips {
            self.key(key)
            id(tip)
        }
        count(state.badFiles.count)
        for (path, problems) in state.badFiles {
            string(path)
            count(problems.count)
            for problem in problems {
                string(problem.path)
                count(problem.line)
                string(problem.message)
            }
        }
        count(state.drafts.count)
        for (key, draft) in state.drafts {
            self.key(key)
            string(draft.path)
            id(draft.blob)
            object(draft.fields)
            id(draft.tip)
            id(draft.tree)
            times(draft.times)
            optionalID(draft.base)
        }
    }

    mutating func published(_ key: DocumentKey, _ entry: PublishedEntry) {
        self.key(key)
        string(entry.path)
        id(entry.blob)
        object(entry.fields)
        times(entry.times)
    }

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
    /// What `ByteWriter.head` wrote, with no published entries.
    mutating func head() throws -> SavedState.Contents {
        var contents = SavedState.Contents(
            mainTip: try optionalID(), mainTree: try optionalID(),
            published: [:], drafts: [:], draftTips: [:], badFiles: [:])
        for _ in 0..<(try count()) {
            contents.draftTips[try key()] = try id()
        }
        for _ in 0..<(try count()) {
            let path = try string()
            var problems: [Problem] = []
            for _ in 0..<(try count()) {
                problems.append(Problem(path: try string(), line: try count(), message: try string()))
            }
            contents.badFiles[path] = problems
        }
        for _ in 0..<(try count()) {
            let key = try key()
            contents.drafts[key] = DraftEntry(
                path: try string(), blob: try id(), fields: try object(), tip: try id(),
                tree: try id(), times: try times(), base: try optionalID())
        }
        return contents
    }

    mutating func published() throws -> (DocumentKey, PublishedEntry) {
        let key = try key()
        return (key, PublishedEntry(path: try string(), blob: try id(), fields: try object(), times: try times()))
    }

    mutating func key() throws -> DocumentKey {
        DocumentKey(locale: try string(), type: try string(), documentId: try string())
    }

    mutating func times() throws -> DocumentTimes {
        DocumentTimes(created: try signed(), updated: try signed())
    }
}
